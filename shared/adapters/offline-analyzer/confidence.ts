/**
 * The offline engine's overall confidence, used by the cascade that sends
 * low-confidence items to Amazon Comprehend. Combines sentiment, category and
 * language certainty; calibrated on labeled feedback so that about a fifth of
 * typical items fall below `DEFAULT_CASCADE_THRESHOLD`.
 */

/** Items whose offline confidence is below this go to Comprehend. */
export const DEFAULT_CASCADE_THRESHOLD = 0.7;

export interface ConfidenceParts {
  readonly sentiment: number;
  readonly category: number;
  /** Language detection confidence. */
  readonly language: number;
  /** The language has a sentiment lexicon. */
  readonly supportedLanguage: boolean;
}

export function overallConfidence(p: ConfidenceParts): number {
  let c = 0.65 * p.sentiment + 0.35 * p.category;
  if (!p.supportedLanguage) c *= 0.4;
  else if (p.language < 0.6) c *= 0.6 + 0.4 * (p.language / 0.6);
  return Math.round(Math.max(0, Math.min(1, c)) * 1000) / 1000;
}
