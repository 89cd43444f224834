import * as z from 'zod';
import { CustomerSchema, MetadataSchema, RatingSchema } from './feedback.schema.js';
import { ValidationError, type ErrorDetail } from './errors.js';

export const MAX_TEXT_CHARS = 20_000;

/** `pt`, `pt-BR`, `en`, `en-US`...: kept as the lower-case ISO 639-1 part. */
export const LanguageHintSchema = z
  .string()
  .regex(/^[A-Za-z]{2}([-_][A-Za-z]{2,4})?$/, 'must be a language tag such as pt-BR or en')
  .transform((s) => s.slice(0, 2).toLowerCase());

/** What `POST /v1/feedback` accepts (JSON, or a form mapped to the same shape). */
export const FeedbackInputSchema = z
  .object({
    text: z
      .string({ error: 'text is required and must be a string' })
      .trim()
      .min(1, 'text must not be empty')
      .max(MAX_TEXT_CHARS, `text must be at most ${MAX_TEXT_CHARS} characters`),
    // The profile id is ours to assign (customer linking); callers give contact details only.
    customer: CustomerSchema.omit({ id: true }).optional(),
    subject: z.string().trim().max(500).optional(),
    rating: RatingSchema.optional(),
    metadata: MetadataSchema.optional(),
    language: LanguageHintSchema.optional(),
  })
  .strict();
export type FeedbackInput = z.infer<typeof FeedbackInputSchema>;

/** zod issues as `{field, message}` with dotted paths. */
export const toErrorDetails = (error: z.ZodError): ErrorDetail[] =>
  error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));

export function parseFeedbackInput(body: unknown): FeedbackInput {
  const parsed = FeedbackInputSchema.safeParse(body);
  if (!parsed.success) {
    const details = toErrorDetails(parsed.error);
    const fields = [...new Set(details.map((d) => d.field || 'body'))].join(', ');
    throw new ValidationError(`Invalid feedback: ${fields}.`, details, { cause: parsed.error });
  }
  return parsed.data;
}

const blankToUndefined = (v: string | undefined): string | undefined => (v && v.trim() !== '' ? v.trim() : undefined);

/** The score field of a form, as a number when it looks like one (zod then checks the range). */
const formScore = (v: string | undefined): number | string | undefined => {
  const s = blankToUndefined(v);
  return s !== undefined && /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
};

/**
 * A plain HTML form (`application/x-www-form-urlencoded`) mapped to the JSON shape:
 * `text`, `subject`, `email`, `name`, `phone`, `language`, and either `nps` or `csat`
 * (or `rating_type` + `rating_score`). Unknown fields are ignored: forms carry buttons and tokens.
 */
export function formToFeedbackInput(form: URLSearchParams): Record<string, unknown> {
  const get = (k: string) => blankToUndefined(form.get(k) ?? undefined);
  const customer = Object.fromEntries(
    (['email', 'name', 'phone'] as const).flatMap((k) => (get(k) === undefined ? [] : [[k, get(k)]])),
  );
  const ratingType = get('rating_type') ?? (get('nps') !== undefined ? 'nps' : get('csat') !== undefined ? 'csat' : undefined);
  const ratingScore = formScore(form.get('rating_score') ?? form.get(ratingType ?? '') ?? undefined);
  return {
    text: form.get('text') ?? undefined,
    ...(get('subject') !== undefined && { subject: get('subject') }),
    ...(get('language') !== undefined && { language: get('language') }),
    ...(Object.keys(customer).length > 0 && { customer }),
    ...(ratingType !== undefined && { rating: { type: ratingType, score: ratingScore } }),
  };
}
