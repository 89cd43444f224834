import { DateTime } from 'luxon';
import type { SeededRandom } from './seed-random.js';

/**
 * When seeded feedback arrives: more on weekdays than at weekends or on holidays, mostly in
 * business hours with morning and afternoon peaks, a little at night, and a slight upward trend
 * over the period (a growing business). Times are drawn hour by hour in the standards' time zone.
 */

const HOUR_WEIGHT: readonly number[] = [
  0.05, 0.03, 0.02, 0.02, 0.03, 0.06, 0.15, 0.4, 0.9, 1.6, 1.7, 1.5, 1.0, 1.1, 1.5, 1.6, 1.5, 1.3, 1.0, 0.7, 0.6, 0.5, 0.3, 0.12,
];
/** Luxon weekdays: 1 = Monday … 7 = Sunday. */
const DAY_WEIGHT: readonly number[] = [0, 1.2, 1.15, 1.1, 1.05, 0.95, 0.45, 0.3];
const HOLIDAY_WEIGHT = 0.35;
const HOUR_MS = 3_600_000;

export interface ArrivalOptions {
  readonly count: number;
  readonly days: number;
  /** The end of the period (exclusive): the run's anchor. */
  readonly anchor: Date;
  readonly timezone: string;
  readonly holidays: readonly string[];
}

/** `count` instants in `[anchor − days, anchor)`, sorted, whole seconds. */
export function arrivalTimes(random: SeededRandom, opts: ArrivalOptions): Date[] {
  const end = opts.anchor.getTime();
  const start = end - opts.days * 24 * HOUR_MS;
  const holidays = new Set(opts.holidays);
  const hours: number[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (let h = Math.floor(start / HOUR_MS) * HOUR_MS; h < end; h += HOUR_MS) {
    const local = DateTime.fromMillis(h, { zone: opts.timezone });
    const day = holidays.has(local.toISODate() ?? '') ? HOLIDAY_WEIGHT : DAY_WEIGHT[local.weekday]!;
    const trend = 0.85 + (0.3 * (h - start)) / (end - start);
    // The first and last hours are partial: weighted by the part inside the period.
    const inside = (Math.min(h + HOUR_MS, end) - Math.max(h, start)) / HOUR_MS;
    total += day * HOUR_WEIGHT[local.hour]! * trend * inside;
    hours.push(h);
    cumulative.push(total);
  }
  const times: number[] = [];
  for (let i = 0; i < opts.count; i++) {
    const r = random.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    const from = Math.max(hours[lo]!, start);
    const to = Math.min(hours[lo]! + HOUR_MS, end);
    times.push(Math.floor((from + random.next() * (to - from)) / 1000) * 1000);
  }
  return times.sort((a, b) => a - b).map((t) => new Date(Math.max(t, Math.ceil(start / 1000) * 1000)));
}
