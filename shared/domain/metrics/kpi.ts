import type { Rating } from '../feedback.schema.js';
import { ratingBand } from '../rating-sentiment.js';

/**
 * Pure service-quality KPIs computed from counters. Every percentage is rounded to one decimal
 * (half away from zero) and is `undefined` when its denominator is 0: "no data" is not 0 %.
 * Counts must be non-negative integers (a RangeError otherwise).
 */

/** NPS bands as in `ratingBand`: 0-6 detractor, 7-8 passive, 9-10 promoter. */
export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export interface Nps extends NpsCounts {
  /** % promoters − % detractors, −100..100, one decimal; undefined with 0 responses. */
  score: number | undefined;
  responses: number;
}

export type CsatScore = 1 | 2 | 3 | 4 | 5;
/** Answers per CSAT score; a missing score counts 0. */
export type CsatCounts = Partial<Record<CsatScore, number>>;

export interface Csat {
  /** % of answers scoring 4 or 5, one decimal; undefined with 0 responses. */
  score: number | undefined;
  satisfied: number;
  responses: number;
}

function checkCount(name: string, n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
  return n;
}

/** 100 × part / whole rounded to one decimal, half away from zero; undefined when whole is 0. */
export function percent(part: number, whole: number): number | undefined {
  if (whole === 0) return undefined;
  // part/whole of integers: an exact .5 after × 1000 is representable, so rounding is not fooled.
  const tenths = (1000 * part) / whole;
  const rounded = Math.sign(tenths) * Math.round(Math.abs(tenths));
  return rounded / 10 + 0; // + 0 turns −0 into 0
}

export function npsOf(counts: NpsCounts): Nps {
  const promoters = checkCount('promoters', counts.promoters);
  const passives = checkCount('passives', counts.passives);
  const detractors = checkCount('detractors', counts.detractors);
  const responses = promoters + passives + detractors;
  return { score: percent(promoters - detractors, responses), promoters, passives, detractors, responses };
}

export function csatOf(counts: CsatCounts): Csat {
  let responses = 0;
  let satisfied = 0;
  for (const s of [1, 2, 3, 4, 5] as const) {
    const n = checkCount(`csat[${s}]`, counts[s] ?? 0);
    responses += n;
    if (s >= 4) satisfied += n;
  }
  return { score: percent(satisfied, responses), satisfied, responses };
}

/**
 * % of sent surveys that were answered; undefined when none was sent. Not capped at 100: with
 * per-day counters, answers to an earlier day's sends can land in a later window.
 */
export function responseRate(sent: number, answered: number): number | undefined {
  return percent(checkCount('answered', answered), checkCount('sent', sent));
}

/** % of SLA targets met among those decided (met + missed); undefined when none was decided. */
export function compliance(met: number, missed: number): number | undefined {
  const m = checkCount('met', met);
  return percent(m, m + checkCount('missed', missed));
}

/** Tallies ratings into NPS bands and CSAT score counts (the inputs of `npsOf` and `csatOf`). */
export function tallyRatings(ratings: Iterable<Rating>): { nps: NpsCounts; csat: Required<CsatCounts> } {
  const nps: NpsCounts = { promoters: 0, passives: 0, detractors: 0 };
  const csat: Required<CsatCounts> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const r of ratings) {
    if (r.type === 'csat') {
      csat[r.score as CsatScore] += 1;
      continue;
    }
    const band = ratingBand(r);
    if (band === 'positive') nps.promoters += 1;
    else if (band === 'neutral') nps.passives += 1;
    else nps.detractors += 1;
  }
  return { nps, csat };
}
