import * as z from 'zod';
import { ValidationError, type ErrorDetail } from './errors.js';
import { CustomerSchema, FeedbackIdSchema, RatingSchema, type Customer, type Rating } from './feedback.schema.js';
import { LanguageHintSchema, toErrorDetails } from './feedback-input.schema.js';

export const SurveyTypeSchema = z.enum(['nps', 'csat']);
export type SurveyType = z.infer<typeof SurveyTypeSchema>;

export const MAX_COMMENT_CHARS = 5_000;
export const DEFAULT_SURVEY_TTL_DAYS = 30;

/** The score range of each survey type (the same as `RatingSchema`). */
export const SCORE_RANGE: Record<SurveyType, { readonly min: number; readonly max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
};

/**
 * A survey sent to one customer. `customer` holds contact details as given (PII kept because it is
 * needed to reach the customer). The answer's comment is never stored here: it lives on the
 * Feedback item (`feedbackItemId`), where the processor redacts it.
 */
export const SurveySchema = z.object({
  id: FeedbackIdSchema,
  type: SurveyTypeSchema,
  customer: CustomerSchema,
  /** The item the survey asks about, if any. */
  feedbackId: FeedbackIdSchema.optional(),
  language: z.string().min(2).max(8).optional(),
  /** Principal (sub) that created the survey; absent when created by the platform itself. */
  createdBy: z.string().max(256).optional(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  /** The latest answer. */
  answeredAt: z.iso.datetime().optional(),
  score: z.number().int().optional(),
  /** The one Feedback item that carries the answer (channel `survey`). */
  feedbackItemId: FeedbackIdSchema.optional(),
  /** How many times the survey was answered (the latest answer wins). */
  answers: z.number().int().min(0),
});
export type Survey = z.infer<typeof SurveySchema>;

/** What `POST /v1/surveys` accepts. */
export const SurveyInputSchema = z
  .object({
    type: SurveyTypeSchema,
    customer: CustomerSchema.omit({ id: true }).optional(),
    feedbackId: FeedbackIdSchema.optional(),
    language: LanguageHintSchema.optional(),
  })
  .strict()
  .refine((s) => s.feedbackId !== undefined || Boolean(s.customer?.email ?? s.customer?.phone ?? s.customer?.handle), {
    message: 'a survey needs customer.email, customer.phone or customer.handle (or a feedbackId)',
    path: ['customer'],
  });
export type SurveyInput = z.infer<typeof SurveyInputSchema>;

const invalid = (what: string, details: ErrorDetail[], cause?: unknown): never => {
  const fields = [...new Set(details.map((d) => d.field || 'body'))].join(', ');
  throw new ValidationError(`Invalid ${what}: ${fields}.`, details, { cause });
};

export function parseSurveyInput(body: unknown): SurveyInput {
  const parsed = SurveyInputSchema.safeParse(body);
  if (!parsed.success) return invalid('survey', toErrorDetails(parsed.error), parsed.error);
  return parsed.data;
}

/**
 * The score of an answer: a whole number in the type's range. Query strings and forms give text,
 * JSON gives numbers; both are accepted, nothing else (`7.5`, `1e1`, `' '` are refused).
 */
export function parseScore(type: SurveyType, raw: unknown): Rating {
  const { min, max } = SCORE_RANGE[type];
  const message = `score must be a whole number from ${min} to ${max}`;
  const value = typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value)) return invalid('answer', [{ field: 'score', message }]);
  const rating = RatingSchema.safeParse({ type, score: value });
  if (!rating.success) return invalid('answer', [{ field: 'score', message }], rating.error);
  return rating.data;
}

/** The optional comment: trimmed; '' when absent or blank; at most 5,000 characters. */
export function parseComment(raw: unknown): string {
  if (raw === undefined || raw === null) return '';
  if (typeof raw !== 'string') return invalid('answer', [{ field: 'comment', message: 'comment must be text' }]);
  const comment = raw.trim();
  if ([...comment].length > MAX_COMMENT_CHARS) {
    return invalid('answer', [{ field: 'comment', message: `comment must be at most ${MAX_COMMENT_CHARS} characters` }]);
  }
  return comment;
}

/** The one-click link of a survey: `<public base>/v1/surveys/<token>`. */
export const surveyUrl = (publicBaseUrl: string, token: string): string => `${publicBaseUrl.replace(/\/+$/, '')}/v1/surveys/${encodeURIComponent(token)}`;
