import type { SentimentLabel } from '../../../shared/domain/analysis.schema.js';
import { FeedbackSchema, type Feedback } from '../../../shared/domain/feedback.schema.js';

const SCORES: Record<SentimentLabel, Feedback['sentiment']> = {
  POSITIVE: { label: 'POSITIVE', scores: { Positive: 0.93, Negative: 0.02, Neutral: 0.04, Mixed: 0.01 } },
  NEGATIVE: { label: 'NEGATIVE', scores: { Positive: 0.02, Negative: 0.91, Neutral: 0.05, Mixed: 0.02 } },
  NEUTRAL: { label: 'NEUTRAL', scores: { Positive: 0.08, Negative: 0.07, Neutral: 0.84, Mixed: 0.01 } },
  MIXED: { label: 'MIXED', scores: { Positive: 0.35, Negative: 0.3, Neutral: 0.05, Mixed: 0.3 } },
};

/** An analyzed item as the processor stores it; validated against the schema. */
export function analyzedItem(text: string, sentiment: SentimentLabel, overrides: Partial<Feedback> = {}): Feedback {
  const now = '2026-11-27T15:00:00.000Z';
  return FeedbackSchema.parse({
    id: '01JDQ3Z8Y7X6W5V4T3S2R1Q0PN',
    channel: 'web',
    receivedAt: now,
    customer: { id: 'cust-1', email: 'ana@example.com', name: 'Ana Souza' },
    text,
    language: 'pt',
    sentiment: SCORES[sentiment],
    category: 'other',
    keyPhrases: [],
    status: 'new',
    priority: 'normal',
    labels: [],
    source: { provider: 'web' },
    stage: 'analyzed',
    sweeps: 0,
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  });
}
