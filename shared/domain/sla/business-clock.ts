import { DateTime } from 'luxon';
import { OuvidorError } from '../errors.js';
import { WEEKDAYS } from './service-standards.schema.js';
import type { BusinessCalendar } from './service-standards.schema.js';

/**
 * Business time: the instants inside a calendar's open intervals, in its time zone, except on its
 * holidays. Intervals are half-open, `[opens, closes)`. The functions walk day by day (closed
 * days and holidays cost one lookup each), never minute by minute, and build every interval from
 * local wall time, so DST days are as long as they really are (a 00:00-24:00 day is 23 or 25 h).
 * Durations are exact: minutes may be fractional (a `Date` has milliseconds).
 */

export class BusinessCalendarError extends OuvidorError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(500, 'business_calendar_invalid', message, options);
  }
}

const MINUTE_MS = 60_000;
/** A calendar with at least one open weekday reaches business time within a week plus its holidays. */
const MAX_DAYS_SCANNED = 366 * 200;

interface Interval {
  readonly start: number;
  readonly end: number;
}

const holidaySets = new WeakMap<readonly string[], ReadonlySet<string>>();
function holidaySet(holidays: readonly string[]): ReadonlySet<string> {
  let set = holidaySets.get(holidays);
  if (!set) {
    set = new Set(holidays);
    holidaySets.set(holidays, set);
  }
  return set;
}

/** A calendar date, held as a UTC midnight: only its date fields are used. */
type Day = DateTime;

const dayOf = (at: number, timezone: string): Day => {
  const local = DateTime.fromMillis(at, { zone: timezone });
  if (!local.isValid) throw new BusinessCalendarError(`Invalid time zone '${timezone}'.`);
  return DateTime.utc(local.year, local.month, local.day);
};

function instantAt(day: Day, hhmm: string, timezone: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  const base = h === 24 ? day.plus({ days: 1 }) : day;
  return DateTime.fromObject({ year: base.year, month: base.month, day: base.day, hour: h % 24, minute: m }, { zone: timezone }).toMillis();
}

/** The open intervals of one local day, ascending, as epoch milliseconds (none on a holiday). */
function intervalsOf(day: Day, cal: BusinessCalendar): Interval[] {
  if (holidaySet(cal.holidays).has(day.toISODate() ?? '')) return [];
  const weekday = WEEKDAYS[day.weekday - 1];
  const hours = weekday ? cal.businessHours[weekday] : [];
  return hours
    .map(([opens, closes]) => ({ start: instantAt(day, opens, cal.timezone), end: instantAt(day, closes, cal.timezone) }))
    .filter((iv) => iv.end > iv.start)
    .sort((a, b) => a.start - b.start);
}

function assertOpen(cal: BusinessCalendar): void {
  if (!WEEKDAYS.some((d) => cal.businessHours[d].length > 0)) throw new BusinessCalendarError('The calendar has no business hours on any day.');
}

const ms = (d: Date): number => {
  const t = d.getTime();
  if (Number.isNaN(t)) throw new BusinessCalendarError('Invalid date.');
  return t;
};

/**
 * The instant `minutes` business minutes after `start`. Counting starts at `start` when it is
 * business time, else at the next opening; holidays and closed days are skipped. With 0 minutes
 * this is the next business instant (`start` itself when open). Ending exactly at a closing time
 * gives that closing time, not the next opening.
 */
export function addBusinessMinutes(start: Date, minutes: number, cal: BusinessCalendar): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new BusinessCalendarError(`Business minutes must be a finite number >= 0, got ${minutes}.`);
  assertOpen(cal);
  const from = ms(start);
  let remaining = minutes * MINUTE_MS;
  let day = dayOf(from, cal.timezone);
  for (let i = 0; i < MAX_DAYS_SCANNED; i += 1, day = day.plus({ days: 1 })) {
    for (const iv of intervalsOf(day, cal)) {
      if (iv.end <= from) continue;
      const begin = Math.max(iv.start, from);
      if (remaining === 0) return new Date(begin);
      const available = iv.end - begin;
      if (remaining <= available) return new Date(begin + remaining);
      remaining -= available;
    }
  }
  throw new BusinessCalendarError('No business time found within the scanned range (is every day a holiday?).');
}

/** Business minutes in `[a, b)`; 0 when `b <= a`. The inverse of `addBusinessMinutes`. */
export function businessMinutesBetween(a: Date, b: Date, cal: BusinessCalendar): number {
  const from = ms(a);
  const to = ms(b);
  if (to <= from) return 0;
  let total = 0;
  const last = dayOf(to, cal.timezone);
  for (let day = dayOf(from, cal.timezone); day <= last; day = day.plus({ days: 1 })) {
    for (const iv of intervalsOf(day, cal)) {
      const overlap = Math.min(iv.end, to) - Math.max(iv.start, from);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MINUTE_MS;
}

/** Whether `at` falls inside an open interval on a non-holiday. */
export function isBusinessTime(at: Date, cal: BusinessCalendar): boolean {
  const t = ms(at);
  return intervalsOf(dayOf(t, cal.timezone), cal).some((iv) => iv.start <= t && t < iv.end);
}

/** Adds minutes on the policy's clock: business minutes, or plain elapsed minutes. */
export function addClockMinutes(start: Date, minutes: number, clock: 'business' | 'calendar', cal: BusinessCalendar): Date {
  if (clock === 'business') return addBusinessMinutes(start, minutes, cal);
  if (!Number.isFinite(minutes) || minutes < 0) throw new BusinessCalendarError(`Minutes must be a finite number >= 0, got ${minutes}.`);
  return new Date(ms(start) + minutes * MINUTE_MS);
}

/** Minutes in `[a, b)` on the policy's clock; 0 when `b <= a`. */
export function clockMinutesBetween(a: Date, b: Date, clock: 'business' | 'calendar', cal: BusinessCalendar): number {
  if (clock === 'business') return businessMinutesBetween(a, b, cal);
  return Math.max(0, (ms(b) - ms(a)) / MINUTE_MS);
}
