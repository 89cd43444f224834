/** Helpers shared by the social webhook normalizers: zod parsing with a named field, timestamps. */
import type { z } from 'zod';
import { InvalidWebhookPayloadError } from '../../domain/social-webhook.errors.js';

export type PathSegment = string | number;

/** Parses `value` with `schema`, or throws InvalidWebhookPayloadError naming `path` + the path. */
export function parseOrThrow<S extends z.ZodType>(provider: string, schema: S, value: unknown, path: readonly PathSegment[] = []): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw InvalidWebhookPayloadError.fromZod(provider, result.error, path);
  return result.data;
}

/**
 * A provider timestamp as ISO-8601 UTC: a number or digit string is unix time (seconds, or
 * milliseconds when above 1e11, i.e. after 1973 in ms / year 5138 in s), a string is parsed as a date.
 */
export function toIsoTimestamp(provider: string, value: number | string, path: readonly PathSegment[]): string {
  let ms: number;
  if (typeof value === 'number' || /^\d+$/.test(value)) {
    const n = Number(value);
    ms = n > 1e11 ? n : n * 1000;
  } else {
    ms = Date.parse(value);
  }
  const date = new Date(ms);
  if (!Number.isFinite(ms) || Number.isNaN(date.getTime())) {
    throw new InvalidWebhookPayloadError(provider, path.join('.'), `not a valid timestamp: ${JSON.stringify(value).slice(0, 60)}`);
  }
  return date.toISOString();
}

/** True when the string has something other than whitespace. */
export const hasText = (s: string | undefined | null): s is string => typeof s === 'string' && s.trim().length > 0;
