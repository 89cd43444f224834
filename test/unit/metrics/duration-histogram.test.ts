import { describe, expect, it } from 'vitest';
import {
  BUCKET_COUNT, DurationHistogramSchema, EXACT_LIMIT, LOG_RATIO, MAX_MINUTES, OVERFLOW_INDEX, add, bucketBounds,
  bucketOf, bucketValue, contribution, count, emptyHistogram, median, merge, p90, quantile,
} from '../../../shared/domain/metrics/duration-histogram.js';
import type { DurationHistogram } from '../../../shared/domain/metrics/duration-histogram.js';
import { rng } from '../../support/rng.js';

/** Log-normal-ish durations: median about 4 h, from seconds to beyond 30 days. */
function durations(seed: number, n: number): number[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => {
    const normal = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
    return Math.exp(Math.log(240) + 2 * normal);
  });
}

const histogramOf = (xs: readonly number[]): DurationHistogram => xs.reduce(add, emptyHistogram());

/** Nearest-rank quantile k/100 of a sample, by sorting (integer rank: no floating point). */
function bruteForce(xs: readonly number[], k: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const v = sorted[Math.ceil((k * sorted.length) / 100) - 1];
  if (v === undefined) throw new Error('empty sample');
  return v;
}

describe('bucket layout', () => {
  it('covers [0, ∞) with contiguous, increasing buckets', () => {
    expect(BUCKET_COUNT).toBe(394);
    expect(bucketBounds(0)).toEqual([0, 1]);
    expect(bucketBounds(59)).toEqual([59, 60]);
    expect(bucketBounds(60)[0]).toBe(60);
    expect(bucketBounds(OVERFLOW_INDEX - 1)[1]).toBe(MAX_MINUTES);
    expect(bucketBounds(OVERFLOW_INDEX)).toEqual([43_200, Infinity]);
    for (let i = 0; i < BUCKET_COUNT - 1; i++) {
      const [lo, hi] = bucketBounds(i);
      expect(hi).toBeGreaterThan(lo);
      expect(bucketBounds(i + 1)[0]).toBe(hi);
    }
  });

  it('keeps log buckets under 2 % relative width', () => {
    expect(LOG_RATIO).toBeLessThan(1.02);
    for (let i = EXACT_LIMIT; i < OVERFLOW_INDEX; i++) {
      const [lo, hi] = bucketBounds(i);
      expect((hi - lo) / lo).toBeLessThan(0.02);
    }
  });

  it('puts every bound in its own bucket and values inside their bucket', () => {
    for (let i = 0; i < BUCKET_COUNT; i++) {
      const [lo, hi] = bucketBounds(i);
      expect(bucketOf(lo)).toBe(i);
      if (hi !== Infinity) {
        expect(bucketOf(hi)).toBe(i + 1);
        expect(bucketOf(lo + (hi - lo) * 0.999)).toBe(i);
      }
      expect(bucketValue(i)).toBeGreaterThanOrEqual(lo);
      expect(bucketValue(i)).toBeLessThan(hi);
    }
  });

  it('maps edge durations', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(0.5)).toBe(0);
    expect(bucketOf(59.999)).toBe(59);
    expect(bucketOf(60)).toBe(60);
    expect(bucketOf(61.2)).toBe(61); // 60 × 1.019954 ≈ 61.197
    expect(bucketOf(43_199.99)).toBe(OVERFLOW_INDEX - 1);
    expect(bucketOf(43_200)).toBe(OVERFLOW_INDEX);
    expect(bucketOf(1e9)).toBe(OVERFLOW_INDEX);
    expect(bucketOf(Infinity)).toBe(OVERFLOW_INDEX);
    expect(() => bucketOf(-1)).toThrow(RangeError);
    expect(() => bucketOf(Number.NaN)).toThrow(RangeError);
    expect(() => bucketBounds(BUCKET_COUNT)).toThrow(RangeError);
    expect(() => bucketBounds(1.5)).toThrow(RangeError);
  });

  it('is monotone on random durations', () => {
    const xs = durations(7, 2000).sort((a, b) => a - b);
    for (let i = 1; i < xs.length; i++) expect(bucketOf(xs[i]!)).toBeGreaterThanOrEqual(bucketOf(xs[i - 1]!));
  });
});

describe('counters', () => {
  it('an item contributes one to its bucket; add leaves its input untouched', () => {
    expect(contribution(12)).toEqual({ '12': 1 });
    const h = emptyHistogram();
    const h1 = add(h, 90);
    expect(h).toEqual({});
    expect(h1).toEqual({ [bucketOf(90)]: 1 });
    expect(add(h1, 90)).toEqual({ [bucketOf(90)]: 2 });
    expect(count(add(h1, 3))).toBe(2);
  });

  it('merge is commutative, associative, with the empty histogram as identity', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const [a, b, c] = [0, 1, 2].map((j) => histogramOf(durations(seed * 3 + j, 50 + seed * 10)));
      expect(merge(a!, b!)).toEqual(merge(b!, a!));
      expect(merge(merge(a!, b!), c!)).toEqual(merge(a!, merge(b!, c!)));
      expect(merge(a!, emptyHistogram())).toEqual(a);
      expect(merge(emptyHistogram(), a!)).toEqual(a);
      expect(count(merge(a!, b!))).toBe(count(a!) + count(b!));
    }
  });

  it('merging per-day partials equals the histogram of all durations', () => {
    const xs = durations(42, 3000);
    const r = rng(43);
    const days: number[][] = [[], [], [], [], []];
    for (const x of xs) days[Math.floor(r() * days.length)]!.push(x);
    const merged = days.map(histogramOf).reduce(merge, emptyHistogram());
    expect(merged).toEqual(histogramOf(xs));
    expect(merged).toEqual(xs.map(contribution).reduce(merge, emptyHistogram()));
  });

  it('validates stored histograms', () => {
    expect(DurationHistogramSchema.parse({ '0': 3, '393': 1 })).toEqual({ '0': 3, '393': 1 });
    expect(DurationHistogramSchema.safeParse({ '394': 1 }).success).toBe(false);
    expect(DurationHistogramSchema.safeParse({ '01': 1 }).success).toBe(false);
    expect(DurationHistogramSchema.safeParse({ x: 1 }).success).toBe(false);
    expect(DurationHistogramSchema.safeParse({ '5': -1 }).success).toBe(false);
    expect(DurationHistogramSchema.safeParse({ '5': 0.5 }).success).toBe(false);
  });
});

describe('quantiles', () => {
  it('are undefined for an empty histogram and reject q outside (0, 1]', () => {
    expect(quantile(emptyHistogram(), 0.5)).toBeUndefined();
    expect(median({ '3': 0 })).toBeUndefined();
    for (const q of [0, -0.1, 1.01, Number.NaN]) expect(() => quantile({ '1': 1 }, q)).toThrow(RangeError);
  });

  it('are exact for whole minutes below an hour', () => {
    const r = rng(5);
    for (let trial = 0; trial < 20; trial++) {
      const xs = Array.from({ length: 1 + Math.floor(r() * 500) }, () => Math.floor(r() * 60));
      const h = histogramOf(xs);
      for (let k = 1; k <= 100; k++) expect(quantile(h, k / 100)).toBe(bruteForce(xs, k));
    }
  });

  it('uses nearest rank, not fooled by q × n in floating point', () => {
    const h = histogramOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(quantile(h, 0.7)).toBe(7);
    expect(quantile(histogramOf(Array.from({ length: 100 }, (_, i) => i + 1)), 0.07)).toBe(7); // 0.07 × 100 = 7.000000000000001
    expect(median(h)).toBe(5);
    expect(p90(h)).toBe(9);
    expect(quantile(h, 1)).toBe(10);
    expect(quantile(h, 0.01)).toBe(1);
    expect(median(histogramOf([4, 4, 30]))).toBe(4);
  });

  it('match brute force within the documented bound on 5,000 log-normal durations', () => {
    for (const seed of [1, 2, 3]) {
      const xs = durations(seed, 5000);
      expect(xs.some((x) => x < 60) && xs.some((x) => x >= MAX_MINUTES)).toBe(true);
      const h = histogramOf(xs);
      expect(count(h)).toBe(5000);
      for (let k = 1; k <= 100; k++) {
        const truth = bruteForce(xs, k);
        const est = quantile(h, k / 100)!;
        expect(est).toBe(bucketValue(bucketOf(truth)));
        if (truth < EXACT_LIMIT) {
          expect(est).toBe(Math.floor(truth));
        } else if (truth < MAX_MINUTES) {
          expect(Math.abs(est - truth) / truth).toBeLessThanOrEqual(0.01);
        } else {
          expect(est).toBe(MAX_MINUTES);
        }
      }
      expect(median(h)).toBe(quantile(h, 0.5));
      expect(p90(h)).toBe(quantile(h, 0.9));
    }
  });
});
