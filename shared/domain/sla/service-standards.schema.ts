import * as z from 'zod';
import { ChannelSchema } from '../analysis.schema.js';
import type { Channel } from '../analysis.schema.js';
import { PrioritySchema } from '../priority.schema.js';
import type { Priority } from '../priority.schema.js';

/**
 * Service standards: when we are open, which days we are closed, and how fast we promise to
 * answer (first response) and to resolve, per priority and channel. Targets are minutes of the
 * policy's clock: business minutes (only open hours count) or, per channel, calendar minutes.
 */

/** `HH:mm`, 00:00 to 23:59, plus `24:00` for "until midnight". */
export const TimeOfDaySchema = z.string().regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be HH:mm (00:00 to 24:00)');

/** One open interval of a day, `[opens, closes)`, e.g. `["09:00", "18:00"]`. */
export const OpenIntervalSchema = z
  .tuple([TimeOfDaySchema, TimeOfDaySchema])
  .refine(([opens, closes]) => opens < closes, 'an interval must close after it opens');

/** A day's open intervals, in any order but not overlapping; an empty list means closed. */
export const DayHoursSchema = z.array(OpenIntervalSchema).refine((intervals) => {
  const sorted = [...intervals].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return sorted.every((iv, i) => i === 0 || (sorted[i - 1]?.[1] ?? '') <= iv[0]);
}, 'intervals must not overlap');

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const BusinessHoursSchema = z
  .object({
    mon: DayHoursSchema,
    tue: DayHoursSchema,
    wed: DayHoursSchema,
    thu: DayHoursSchema,
    fri: DayHoursSchema,
    sat: DayHoursSchema,
    sun: DayHoursSchema,
  })
  .refine((h) => WEEKDAYS.some((d) => h[d].length > 0), 'at least one day must have business hours');
export type BusinessHours = z.infer<typeof BusinessHoursSchema>;

/**
 * The check luxon's `IANAZone.isValidZone` makes (does `Intl` know the zone?), without importing luxon: every
 * function validates feedback records, which embed this schema, and most never compute business time.
 */
const isValidZone = (tz: string): boolean => {
  if (!tz) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz }).format();
    return true;
  } catch {
    return false;
  }
};

export const TimezoneSchema = z.string().refine(isValidZone, 'must be an IANA time zone, e.g. America/Sao_Paulo');

/** A calendar date, `YYYY-MM-DD`, in the standards' time zone. */
export const IsoDateSchema = z.iso.date();

/** What the business clock needs: a zone, the weekly hours and the closed dates. */
export const BusinessCalendarSchema = z.object({
  timezone: TimezoneSchema,
  businessHours: BusinessHoursSchema,
  holidays: z.array(IsoDateSchema),
});
export type BusinessCalendar = z.infer<typeof BusinessCalendarSchema>;

export const ClockKindSchema = z.enum(['business', 'calendar']);
export type ClockKind = z.infer<typeof ClockKindSchema>;

const minutes = z.number().int().positive();
export const TargetSchema = z
  .object({ firstResponseMinutes: minutes, resolutionMinutes: minutes })
  .refine((t) => t.firstResponseMinutes <= t.resolutionMinutes, 'the first response target cannot exceed the resolution target');
export type Target = z.infer<typeof TargetSchema>;

export const PriorityTargetsSchema = z.object({ urgent: TargetSchema, high: TargetSchema, normal: TargetSchema, low: TargetSchema });
const PartialTargetSchema = z.object({ firstResponseMinutes: minutes, resolutionMinutes: minutes }).partial();
export const ChannelOverridesSchema = z.partialRecord(PrioritySchema, PartialTargetSchema);

export const TargetsSchema = z.object({
  byPriority: PriorityTargetsSchema,
  /** Per channel, per priority: replaces the matching `byPriority` value(s). */
  byChannel: z.partialRecord(ChannelSchema, ChannelOverridesSchema).default({}),
});

/**
 * Defaults. Business hours: Mon-Fri 09:00-18:00, Sat 09:00-13:00, Sun closed, so a business day
 * (a regular weekday) is 540 minutes. Targets stay within the 7 calendar days in which the SAC
 * decree (Decreto 11.034/2022, art. 13) wants a consumer's demand answered:
 *
 * | priority | first response | resolution |
 * | --- | --- | --- |
 * | urgent | 30 min | 4 business hours (240) |
 * | high | 2 business hours (120) | 1 business day (540) |
 * | normal | 4 business hours (240) | 3 business days (1620) |
 * | low | 1 business day (540) | 5 business days (2700) |
 *
 * Social mentions are public and customers expect a quick reply: first response in 1 business
 * hour for high and normal (urgent stays 30 min, low gets 2 business hours).
 */
export const DEFAULT_TARGETS: z.output<typeof TargetsSchema> = {
  byPriority: {
    urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 },
    high: { firstResponseMinutes: 120, resolutionMinutes: 540 },
    normal: { firstResponseMinutes: 240, resolutionMinutes: 1620 },
    low: { firstResponseMinutes: 540, resolutionMinutes: 2700 },
  },
  byChannel: {
    social: { high: { firstResponseMinutes: 60 }, normal: { firstResponseMinutes: 60 }, low: { firstResponseMinutes: 120 } },
  },
};

/**
 * Brazilian national holidays (feriados nacionais) of 2026 and 2027. Sources: Lei 662/1949 (as
 * amended by Lei 10.607/2002: 1 Jan, 21 Apr, 1 May, 7 Sep, 2 Nov, 15 Nov, 25 Dec), Lei
 * 6.802/1980 (12 Oct, Nossa Senhora Aparecida), Lei 14.759/2023 (20 Nov, Zumbi e Consciência
 * Negra) and Good Friday (Paixão de Cristo, Easter - 2 days: Easter is 2026-04-05 and 2027-03-28),
 * which the federal government's yearly calendar (MGI portaria of 30 Dec 2025 for 2026) lists as a
 * national holiday. Carnaval (Mon/Tue), Ash Wednesday, Corpus Christi (2026-06-04, 2027-05-27) and
 * Christmas/New Year's Eve afternoons are only pontos facultativos, so they are not here. State
 * and municipal holidays are not included: add them per deployment.
 */
export const BRAZIL_NATIONAL_HOLIDAYS_2026_2027: readonly string[] = [
  '2026-01-01', '2026-04-03', '2026-04-21', '2026-05-01', '2026-09-07', '2026-10-12', '2026-11-02', '2026-11-15', '2026-11-20', '2026-12-25',
  '2027-01-01', '2027-03-26', '2027-04-21', '2027-05-01', '2027-09-07', '2027-10-12', '2027-11-02', '2027-11-15', '2027-11-20', '2027-12-25',
];

export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  mon: [['09:00', '18:00']],
  tue: [['09:00', '18:00']],
  wed: [['09:00', '18:00']],
  thu: [['09:00', '18:00']],
  fri: [['09:00', '18:00']],
  sat: [['09:00', '13:00']],
  sun: [],
};

export const ServiceStandardsSchema = z.object({
  timezone: TimezoneSchema.default('America/Sao_Paulo'),
  businessHours: BusinessHoursSchema.default(() => structuredClone(DEFAULT_BUSINESS_HOURS)),
  holidays: z.array(IsoDateSchema).default(() => [...BRAZIL_NATIONAL_HOLIDAYS_2026_2027]),
  targets: TargetsSchema.default(() => structuredClone(DEFAULT_TARGETS)),
  /** Lead time of the "about to breach" warning (capped at half the target, see `warningLeadMinutes`). */
  warnBeforeMinutes: z.number().int().min(0).default(30),
  /** Per channel, which clock its targets run on; channels not listed use business time. */
  clock: z.partialRecord(ChannelSchema, ClockKindSchema).default({}),
}).superRefine((s, ctx) => {
  // A channel override must still leave each first response target within its resolution target.
  for (const channel of ChannelSchema.options) {
    for (const priority of PrioritySchema.options) {
      const t = targetsFor(s, priority, channel);
      if (t.firstResponseMinutes > t.resolutionMinutes) {
        ctx.addIssue({ code: 'custom', path: ['targets', 'byChannel', channel, priority], message: 'the first response target cannot exceed the resolution target' });
      }
    }
  }
});
export type ServiceStandards = z.infer<typeof ServiceStandardsSchema>;
export type ServiceStandardsInput = z.input<typeof ServiceStandardsSchema>;

/** The defaults above, parsed (São Paulo, national holidays, business clock everywhere). */
export const DEFAULT_SERVICE_STANDARDS: ServiceStandards = ServiceStandardsSchema.parse({});

export interface PolicyTargets {
  readonly firstResponseMinutes: number;
  readonly resolutionMinutes: number;
  readonly clock: ClockKind;
}

/** The targets and clock that apply to an item of this priority on this channel (no channel: the base targets, business time). */
export function targetsFor(standards: ServiceStandards, priority: Priority, channel?: Channel): PolicyTargets {
  const base = standards.targets.byPriority[priority];
  const override = channel === undefined ? undefined : standards.targets.byChannel[channel]?.[priority];
  return {
    firstResponseMinutes: override?.firstResponseMinutes ?? base.firstResponseMinutes,
    resolutionMinutes: override?.resolutionMinutes ?? base.resolutionMinutes,
    clock: (channel === undefined ? undefined : standards.clock[channel]) ?? 'business',
  };
}

/** The "about to breach" lead for a target: `warnBeforeMinutes`, but never more than half the target. */
export const warningLeadMinutes = (standards: ServiceStandards, targetMinutes: number): number =>
  Math.min(standards.warnBeforeMinutes, Math.floor(targetMinutes / 2));

/** The calendar part of the standards, as the business clock takes it. */
export const calendarOf = (s: ServiceStandards): BusinessCalendar => ({ timezone: s.timezone, businessHours: s.businessHours, holidays: s.holidays });
