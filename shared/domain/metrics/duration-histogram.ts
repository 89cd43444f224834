import * as z from 'zod';

/**
 * A mergeable histogram of durations in minutes, meant to be kept as atomic counters per
 * (day, dimension) in DynamoDB: a sparse map from bucket index (as a string) to count, so one
 * item's contribution is `{ [bucketOf(m)]: 1 }` (an `ADD` per key) and merging is adding.
 *
 * Bucket layout (fixed: indices are stored, so never change it; add new buckets only at the end):
 * - 0..59: exact buckets [i, i + 1) minute, i.e. one per whole minute below 60.
 * - 60..392: 333 log-spaced buckets from 60 minutes to 30 days (43,200 minutes), bound k being
 *   60 × 720^(k/333) rounded to 1e-6 minute; growth ratio 720^(1/333) ≈ 1.019954, so every
 *   bucket is < 2 % wide relative to its lower bound.
 * - 393: overflow, [43,200, ∞).
 *
 * Error bound of `quantile` (nearest-rank): the bucket holding the true nearest-rank sample x is
 * found exactly (bucketing is monotone), then represented by
 * - an exact bucket: its lower bound, floor(x): exact for whole minutes, absolute error < 1 min;
 * - a log bucket: its midpoint, so |estimate − x| ≤ (hi − lo) / 2 < 1 % of lo ≤ 1 % of x;
 * - the overflow bucket: 43,200, a lower bound of x ("30 days or more").
 */
export type DurationHistogram = Record<string, number>;

export const EXACT_LIMIT = 60;
export const MAX_MINUTES = 43_200;
export const LOG_BUCKETS = 333;
export const OVERFLOW_INDEX = EXACT_LIMIT + LOG_BUCKETS;
export const BUCKET_COUNT = OVERFLOW_INDEX + 1;
/** Max relative width (hi − lo) / lo of a log bucket. */
export const LOG_RATIO = (MAX_MINUTES / EXACT_LIMIT) ** (1 / LOG_BUCKETS);

/** Lower bounds of every bucket plus +∞; bounds[i] ≤ m < bounds[i + 1] ⇔ m is in bucket i. */
const BOUNDS: readonly number[] = (() => {
  const b: number[] = [];
  for (let i = 0; i < EXACT_LIMIT; i++) b.push(i);
  for (let k = 0; k < LOG_BUCKETS; k++) b.push(Math.round(EXACT_LIMIT * LOG_RATIO ** k * 1e6) / 1e6);
  b.push(MAX_MINUTES, Infinity);
  return b;
})();

function bound(i: number): number {
  const b = BOUNDS[i];
  if (b === undefined) throw new RangeError(`no bucket bound ${i}`);
  return b;
}

/** The bucket index of a duration in minutes (≥ 0; +∞ goes to the overflow bucket). */
export function bucketOf(minutes: number): number {
  if (Number.isNaN(minutes) || minutes < 0) throw new RangeError(`duration must be ≥ 0 minutes, got ${minutes}`);
  if (minutes < EXACT_LIMIT) return Math.floor(minutes);
  if (minutes >= MAX_MINUTES) return OVERFLOW_INDEX;
  let lo = EXACT_LIMIT; // bound(lo) ≤ minutes
  let hi = OVERFLOW_INDEX; // bound(hi) > minutes
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (bound(mid) <= minutes) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** The half-open range [lo, hi) of a bucket (hi is ∞ for the overflow bucket). */
export function bucketBounds(index: number): [number, number] {
  if (!Number.isInteger(index) || index < 0 || index >= BUCKET_COUNT) throw new RangeError(`no bucket ${index}`);
  return [bound(index), bound(index + 1)];
}

/** The value a bucket stands for in quantiles: see the error bound above. */
export function bucketValue(index: number): number {
  const [lo, hi] = bucketBounds(index);
  if (index < EXACT_LIMIT || index === OVERFLOW_INDEX) return lo;
  return (lo + hi) / 2;
}

/** Validates a histogram read from storage: integer bucket keys in range, non-negative counts. */
export const DurationHistogramSchema = z.record(
  z.string().regex(/^(0|[1-9]\d*)$/).refine((k) => Number(k) < BUCKET_COUNT, 'unknown bucket'),
  z.number().int().min(0),
);

export function emptyHistogram(): DurationHistogram {
  return {};
}

/** One duration's contribution: the counter increments to apply. */
export function contribution(minutes: number): DurationHistogram {
  return { [bucketOf(minutes)]: 1 };
}

/** A new histogram with one more duration (the input is left untouched). */
export function add(h: DurationHistogram, minutes: number): DurationHistogram {
  return merge(h, contribution(minutes));
}

/** The sum of two histograms: commutative and associative, with `emptyHistogram()` as identity. */
export function merge(a: DurationHistogram, b: DurationHistogram): DurationHistogram {
  const out: DurationHistogram = { ...a };
  for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) + n;
  return out;
}

export function count(h: DurationHistogram): number {
  let n = 0;
  for (const c of Object.values(h)) n += c;
  return n;
}

/**
 * The nearest-rank q-quantile (0 < q ≤ 1): the value of the bucket holding the ⌈q·n⌉-th smallest
 * duration; undefined for an empty histogram.
 */
export function quantile(h: DurationHistogram, q: number): number | undefined {
  if (!(q > 0 && q <= 1)) throw new RangeError(`quantile must be in (0, 1], got ${q}`);
  const entries = Object.entries(h)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => [Number(k), n] as const)
    .sort((x, y) => x[0] - y[0]);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return undefined;
  // q·n in floating point can land just above a whole rank (0.07 × 100 = 7.000000000000001).
  const x = q * total;
  const rank = Math.max(1, Math.ceil(x - x * 1e-12));
  let seen = 0;
  for (const [index, n] of entries) {
    seen += n;
    if (seen >= rank) return bucketValue(index);
  }
  /* c8 ignore next */
  throw new Error('unreachable: rank exceeds the count');
}

export const median = (h: DurationHistogram): number | undefined => quantile(h, 0.5);
export const p90 = (h: DurationHistogram): number | undefined => quantile(h, 0.9);
