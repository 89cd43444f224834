/**
 * From positive/negative masses to Comprehend's label, its four scores (summing to
 * 1, the label's score the highest) and a confidence for the cascade.
 */
import type { SentimentLabel, SentimentScores } from '../../domain/analysis.schema.js';
import type { ContrastDirection } from './sentiment-scorer.js';

export interface SentimentDecision {
  readonly label: SentimentLabel;
  readonly scores: SentimentScores;
  /** 0..1: how sure the rules are of the label. */
  readonly confidence: number;
}

/** Below this total mass a text is NEUTRAL. */
export const NEUTRAL_FLOOR = 0.8;
/** Minority polarity share (of the majority) that makes a text MIXED. */
const MIXED_RATIO = 0.5;
const MIXED_RATIO_DOWN = 0.25;
const MIXED_RATIO_UP = 0.4;
const MIXED_MIN = 0.9;

export function decide(pos: number, neg: number, contrast: ContrastDirection): SentimentDecision {
  const total = pos + neg;
  const hi = Math.max(pos, neg);
  const lo = Math.min(pos, neg);
  const ratio = hi > 0 ? lo / hi : 0;
  const mixedRatio = contrast === 'down' ? MIXED_RATIO_DOWN : contrast === 'up' ? MIXED_RATIO_UP : MIXED_RATIO;
  let label: SentimentLabel;
  let confidence: number;
  if (total < NEUTRAL_FLOOR) {
    label = 'NEUTRAL';
    confidence = 0.8 - 0.35 * (total / NEUTRAL_FLOOR);
  } else if (lo >= MIXED_MIN && ratio >= mixedRatio) {
    label = 'MIXED';
    const sureness = (ratio - mixedRatio) / (1 - mixedRatio);
    confidence = 0.45 + (contrast === 'down' ? 0.22 : 0) + 0.2 * sureness + 0.05 * Math.min(1, lo / 3);
  } else {
    label = pos > neg ? 'POSITIVE' : 'NEGATIVE';
    const margin = (hi - lo) / total;
    confidence = 0.25 + 0.35 * Math.min(1, hi / 2.5) + 0.35 * margin;
    if (contrast !== 'none' && lo >= MIXED_MIN * 0.6) confidence -= 0.2;
  }
  // "bad, but good" endings are where the rules disagree with people most.
  if (contrast === 'up') confidence -= 0.2;
  confidence = Math.max(0.05, Math.min(0.99, confidence));
  return { label, scores: toScores(label, confidence, pos, neg, lo), confidence };
}

function toScores(label: SentimentLabel, confidence: number, pos: number, neg: number, lo: number): SentimentScores {
  const raw: Record<SentimentLabel, number> = {
    POSITIVE: pos + 0.05,
    NEGATIVE: neg + 0.05,
    MIXED: lo * 1.5 + 0.03,
    NEUTRAL: NEUTRAL_FLOOR,
  };
  const top = 0.5 + 0.49 * confidence;
  let rest = 0;
  for (const k of LABELS) if (k !== label) rest += raw[k];
  return {
    Positive: round(label === 'POSITIVE' ? top : ((1 - top) * raw.POSITIVE) / rest),
    Negative: round(label === 'NEGATIVE' ? top : ((1 - top) * raw.NEGATIVE) / rest),
    Neutral: round(label === 'NEUTRAL' ? top : ((1 - top) * raw.NEUTRAL) / rest),
    Mixed: round(label === 'MIXED' ? top : ((1 - top) * raw.MIXED) / rest),
  };
}

const LABELS: readonly SentimentLabel[] = ['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'];

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 10_000) / 10_000;
}
