import type { AnalysisResult, Category, Sentiment } from './analysis.schema.js';
import type { Rating } from './feedback.schema.js';

/** NPS 0-6 detractor, 7-8 passive, 9-10 promoter; CSAT 1-2 unhappy, 3 neutral, 4-5 happy. */
export function ratingBand(r: Rating): 'negative' | 'neutral' | 'positive' {
  if (r.type === 'nps') return r.score <= 6 ? 'negative' : r.score <= 8 ? 'neutral' : 'positive';
  return r.score <= 2 ? 'negative' : r.score === 3 ? 'neutral' : 'positive';
}

const BAND: Record<ReturnType<typeof ratingBand>, { sentiment: Sentiment; category: Category }> = {
  negative: { sentiment: { label: 'NEGATIVE', scores: { Positive: 0, Negative: 1, Neutral: 0, Mixed: 0 } }, category: 'complaint' },
  neutral: { sentiment: { label: 'NEUTRAL', scores: { Positive: 0, Negative: 0, Neutral: 1, Mixed: 0 } }, category: 'other' },
  positive: { sentiment: { label: 'POSITIVE', scores: { Positive: 1, Negative: 0, Neutral: 0, Mixed: 0 } }, category: 'praise' },
};

/** The analysis of a survey answer that has a score and no comment: the score says it all. */
export function analysisFromRating(r: Rating, language: string | undefined): Omit<AnalysisResult, 'engine'> {
  const { sentiment, category } = BAND[ratingBand(r)];
  return { language: { code: language ?? 'und', confidence: language ? 1 : 0 }, sentiment, category, keyPhrases: [], pii: [], redactedText: '', confidence: 1 };
}
