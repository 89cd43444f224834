import type { z } from 'zod';
import { ValidationError, type ErrorDetail } from './errors.js';
import { toErrorDetails } from './feedback-input.schema.js';

/** Parses with `schema`, or a 400 naming every field at fault (`Invalid <what>: title, locale.`). */
export function parseOrThrow<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const details: ErrorDetail[] = toErrorDetails(parsed.error);
  const fields = [...new Set(details.map((d) => d.field || 'body'))].join(', ');
  throw new ValidationError(`Invalid ${what}: ${fields}.`, details, { cause: parsed.error });
}
