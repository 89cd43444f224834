import { ChannelSchema } from '../analysis.schema.js';
import type { Channel } from '../analysis.schema.js';
import type { Priority } from '../priority.schema.js';
import type { Locale } from '../i18n.js';
import { WEEKDAYS } from './service-standards.schema.js';
import type { BusinessHours, ClockKind, ServiceStandards, Weekday } from './service-standards.schema.js';
import { targetsFor } from './service-standards.schema.js';

/**
 * Data for the public "service standards" page: per channel and priority, the promised first
 * response and resolution times in words, in pt-BR and English. In business time a day is one
 * regular weekday's hours (`businessDayMinutes`): 540 minutes with the default 09:00-18:00.
 */

export type Localized = Readonly<Record<Locale, string>>;

export interface StatementRow {
  readonly channel: Channel;
  readonly priority: Priority;
  readonly clock: ClockKind;
  readonly firstResponseMinutes: number;
  readonly resolutionMinutes: number;
  readonly firstResponse: Localized;
  readonly resolution: Localized;
}

export interface ServiceStatement {
  readonly timezone: string;
  readonly businessDayMinutes: number;
  /** One line per weekday, e.g. "seg: 09:00–18:00" / "Mon: 09:00–18:00" or "fechado" / "closed". */
  readonly businessHours: Readonly<Record<Locale, readonly string[]>>;
  readonly holidays: readonly string[];
  readonly rows: readonly StatementRow[];
}

const PRIORITIES: readonly Priority[] = ['urgent', 'high', 'normal', 'low'];
const DAY_NAMES: Record<Locale, Record<Weekday, string>> = {
  'pt-BR': { mon: 'seg', tue: 'ter', wed: 'qua', thu: 'qui', fri: 'sex', sat: 'sáb', sun: 'dom' },
  en: { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' },
};

const toMinutes = (hhmm: string): number => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
};
const dayMinutes = (hours: BusinessHours, day: Weekday): number => hours[day].reduce((sum, [a, b]) => sum + toMinutes(b) - toMinutes(a), 0);

/** The length of a regular weekday: the most common Mon-Fri total (the longer on a tie), else the longest day. */
export function businessDayMinutes(hours: BusinessHours): number {
  const weekdays = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => dayMinutes(hours, d)).filter((m) => m > 0);
  const pool = weekdays.length > 0 ? weekdays : WEEKDAYS.map((d) => dayMinutes(hours, d));
  const count = (m: number): number => pool.filter((x) => x === m).length;
  return [...pool].sort((a, b) => count(b) - count(a) || b - a)[0] ?? 1440;
}

type Unit = 'day' | 'hour' | 'minute';
const WORDS: Record<Locale, Record<ClockKind, Record<Unit, [string, string]>>> = {
  'pt-BR': {
    business: { day: ['dia útil', 'dias úteis'], hour: ['hora útil', 'horas úteis'], minute: ['minuto útil', 'minutos úteis'] },
    calendar: { day: ['dia', 'dias'], hour: ['hora', 'horas'], minute: ['minuto', 'minutos'] },
  },
  en: {
    business: { day: ['business day', 'business days'], hour: ['business hour', 'business hours'], minute: ['business minute', 'business minutes'] },
    calendar: { day: ['day', 'days'], hour: ['hour', 'hours'], minute: ['minute', 'minutes'] },
  },
};

const count = (locale: Locale, clock: ClockKind, unit: Unit, n: number): string => {
  const [one, many] = WORDS[locale][clock][unit];
  return `${n} ${n === 1 ? one : many}`;
};

/**
 * A duration in words: whole days when it is a multiple of the day length, else whole hours, else
 * hours and minutes ("1 hora e 30 minutos úteis" / "1 business hour and 30 minutes").
 */
export function durationInWords(minutes: number, clock: ClockKind, locale: Locale, dayLength = 1440): string {
  const day = clock === 'calendar' ? 1440 : dayLength;
  if (minutes >= day && minutes % day === 0) return count(locale, clock, 'day', minutes / day);
  if (minutes % 60 === 0) return count(locale, clock, 'hour', minutes / 60);
  if (minutes < 60) return count(locale, clock, 'minute', minutes);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (locale === 'en') return `${count(locale, clock, 'hour', h)} and ${m} ${m === 1 ? 'minute' : 'minutes'}`;
  const hours = `${h} ${h === 1 ? 'hora' : 'horas'}`;
  return `${hours} e ${count(locale, clock, 'minute', m)}`;
}

const hoursLines = (hours: BusinessHours, locale: Locale): string[] =>
  WEEKDAYS.map((d) => {
    const open = hours[d].map(([a, b]) => `${a}–${b}`).join(', ');
    return `${DAY_NAMES[locale][d]}: ${open || (locale === 'en' ? 'closed' : 'fechado')}`;
  });

/** The statement data for every channel and priority, urgent first. */
export function serviceStatement(standards: ServiceStandards, channels: readonly Channel[] = ChannelSchema.options): ServiceStatement {
  const dayLength = businessDayMinutes(standards.businessHours);
  const words = (minutes: number, clock: ClockKind): Localized => ({
    'pt-BR': durationInWords(minutes, clock, 'pt-BR', dayLength),
    en: durationInWords(minutes, clock, 'en', dayLength),
  });
  const rows = channels.flatMap((channel) =>
    PRIORITIES.map((priority): StatementRow => {
      const t = targetsFor(standards, priority, channel);
      return {
        channel,
        priority,
        clock: t.clock,
        firstResponseMinutes: t.firstResponseMinutes,
        resolutionMinutes: t.resolutionMinutes,
        firstResponse: words(t.firstResponseMinutes, t.clock),
        resolution: words(t.resolutionMinutes, t.clock),
      };
    }),
  );
  return {
    timezone: standards.timezone,
    businessDayMinutes: dayLength,
    businessHours: { 'pt-BR': hoursLines(standards.businessHours, 'pt-BR'), en: hoursLines(standards.businessHours, 'en') },
    holidays: [...standards.holidays].sort(),
    rows,
  };
}
