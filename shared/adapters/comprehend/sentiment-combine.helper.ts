import type { Category, Sentiment, SentimentLabel, SentimentScores } from '../../domain/analysis.schema.js';

/**
 * How the sentiment of a text cut into several documents is combined:
 *
 * - scores: average of the parts' scores weighted by each part's length (characters), so a
 *   long angry paragraph outweighs a short polite closing line;
 * - label: the label with the highest averaged score, EXCEPT when the parts disagree strongly —
 *   parts labelled POSITIVE and parts labelled NEGATIVE each carry at least
 *   STRONG_DISAGREEMENT_SHARE of the text's length — then the label is MIXED (the scores stay
 *   the honest weighted average).
 */
export interface SentimentPart {
  readonly sentiment: Sentiment;
  /** The part's length in characters. */
  readonly weight: number;
}

export const STRONG_DISAGREEMENT_SHARE = 0.2;

const LABEL_OF: ReadonlyArray<readonly [keyof SentimentScores, SentimentLabel]> = [
  ['Positive', 'POSITIVE'],
  ['Negative', 'NEGATIVE'],
  ['Neutral', 'NEUTRAL'],
  ['Mixed', 'MIXED'],
];

const clamp01 = (n: number): number => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);

export function argmaxLabel(scores: SentimentScores): SentimentLabel {
  let best: SentimentLabel = 'NEUTRAL';
  let bestScore = -1;
  for (const [key, label] of LABEL_OF) {
    if (scores[key] > bestScore) {
      best = label;
      bestScore = scores[key];
    }
  }
  return best;
}

export const maxScore = (scores: SentimentScores): number =>
  Math.max(scores.Positive, scores.Negative, scores.Neutral, scores.Mixed);

/** Builds a Sentiment from Comprehend's raw output; undefined when it is unusable. */
export function toSentiment(
  label: string | undefined,
  score: { Positive?: number; Negative?: number; Neutral?: number; Mixed?: number } | undefined,
): Sentiment | undefined {
  if (score === undefined) return undefined;
  const scores: SentimentScores = {
    Positive: clamp01(score.Positive ?? 0),
    Negative: clamp01(score.Negative ?? 0),
    Neutral: clamp01(score.Neutral ?? 0),
    Mixed: clamp01(score.Mixed ?? 0),
  };
  const known = LABEL_OF.some(([, l]) => l === label);
  return { label: known ? (label as SentimentLabel) : argmaxLabel(scores), scores };
}

export function combineSentimentParts(parts: readonly SentimentPart[]): Sentiment {
  const first = parts[0];
  if (first === undefined) throw new RangeError('combineSentimentParts needs at least one part');
  if (parts.length === 1) return first.sentiment;
  const total = parts.reduce((sum, p) => sum + Math.max(p.weight, 1), 0);
  const scores: SentimentScores = { Positive: 0, Negative: 0, Neutral: 0, Mixed: 0 };
  let positiveShare = 0;
  let negativeShare = 0;
  for (const part of parts) {
    const w = Math.max(part.weight, 1) / total;
    for (const [key] of LABEL_OF) scores[key] += w * part.sentiment.scores[key];
    if (part.sentiment.label === 'POSITIVE') positiveShare += w;
    if (part.sentiment.label === 'NEGATIVE') negativeShare += w;
  }
  for (const [key] of LABEL_OF) scores[key] = clamp01(scores[key]);
  const disagree = positiveShare >= STRONG_DISAGREEMENT_SHARE && negativeShare >= STRONG_DISAGREEMENT_SHARE;
  return { label: disagree ? 'MIXED' : argmaxLabel(scores), scores };
}

/**
 * Comprehend has no category: the offline engine's category is kept, except when Comprehend's
 * sentiment flips the polarity the category implies — praise judged NEGATIVE becomes a
 * complaint, a complaint judged POSITIVE becomes praise. Suggestions, questions and "other"
 * carry no polarity and are kept as they are; NEUTRAL and MIXED never flip anything.
 */
export function adjustCategoryForSentiment(offlineCategory: Category, label: SentimentLabel): Category {
  if (offlineCategory === 'praise' && label === 'NEGATIVE') return 'complaint';
  if (offlineCategory === 'complaint' && label === 'POSITIVE') return 'praise';
  return offlineCategory;
}
