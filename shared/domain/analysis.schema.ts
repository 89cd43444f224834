import * as z from 'zod';

/** Comprehend's four sentiment labels. */
export const SentimentLabelSchema = z.enum(['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED']);
export type SentimentLabel = z.infer<typeof SentimentLabelSchema>;

/** The four scores, keyed exactly as Comprehend's `SentimentScore`. */
export const SentimentScoresSchema = z.object({
  Positive: z.number().min(0).max(1),
  Negative: z.number().min(0).max(1),
  Neutral: z.number().min(0).max(1),
  Mixed: z.number().min(0).max(1),
});
export type SentimentScores = z.infer<typeof SentimentScoresSchema>;

export const SentimentSchema = z.object({
  label: SentimentLabelSchema,
  scores: SentimentScoresSchema,
});
export type Sentiment = z.infer<typeof SentimentSchema>;

export const CategorySchema = z.enum(['complaint', 'praise', 'suggestion', 'question', 'other']);
export type Category = z.infer<typeof CategorySchema>;

export const ChannelSchema = z.enum(['web', 'api', 'email', 'social', 'phone', 'survey']);
export type Channel = z.infer<typeof ChannelSchema>;

export const AnalyzerEngineSchema = z.enum(['offline', 'comprehend']);
export type AnalyzerEngine = z.infer<typeof AnalyzerEngineSchema>;

export const PiiEntitySchema = z.object({
  /** EMAIL | PHONE | CREDIT_DEBIT_NUMBER | CPF | CNPJ | NAME | ADDRESS | ... (Comprehend's names where they exist). */
  type: z.string(),
  beginOffset: z.number().int().min(0),
  endOffset: z.number().int().min(0),
  score: z.number().min(0).max(1).optional(),
});
export type PiiEntity = z.infer<typeof PiiEntitySchema>;

/**
 * Why part of an analysis is the offline engine's although Comprehend was asked: `comprehend-error`
 * (a call or a document failed for a reason retrying will not fix: it is kept offline, not retried),
 * `comprehend-unavailable` (throttled past the retries, and the cascade is set to degrade rather than
 * retry the record), `unsupported-language` (Comprehend does not analyze that language).
 */
export const AnalysisFallbackSchema = z.object({
  reason: z.enum(['comprehend-error', 'comprehend-unavailable', 'unsupported-language']),
  /** The SDK error's name or the ErrorList code (e.g. `InvalidRequestException`, `INTERNAL_SERVER_ERROR`). */
  errorCode: z.string().max(200),
  /** The Comprehend operation that failed first, e.g. `DetectSentiment`. */
  operation: z.string().max(100).optional(),
});
export type AnalysisFallback = z.infer<typeof AnalysisFallbackSchema>;

/** What one analysis of one text yields, whatever the engine. */
export const AnalysisResultSchema = z.object({
  language: z.object({ code: z.string().min(2).max(8), confidence: z.number().min(0).max(1) }),
  sentiment: SentimentSchema,
  category: CategorySchema,
  keyPhrases: z.array(z.string()),
  pii: z.array(PiiEntitySchema),
  redactedText: z.string(),
  /** The engine that decided this result. */
  engine: AnalyzerEngineSchema,
  /** The deciding engine's confidence in its sentiment and category, 0..1. */
  confidence: z.number().min(0).max(1),
  /** Set when Comprehend was asked and some part of this result is the offline engine's instead. */
  fallback: AnalysisFallbackSchema.optional(),
});
export type AnalysisResult = z.infer<typeof AnalysisResultSchema>;

export const AnalyzeInputSchema = z.object({
  text: z.string(),
  /** ISO 639-1 hint (from the customer, the channel or the form). */
  language: z.string().optional(),
  channel: ChannelSchema.optional(),
});
export type AnalyzeInput = z.infer<typeof AnalyzeInputSchema>;
