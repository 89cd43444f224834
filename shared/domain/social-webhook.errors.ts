import type { z } from 'zod';
import { OuvidorError } from './errors.js';

/**
 * A social webhook body that does not have the provider's shape. Status 400; `field` (also in
 * `details`) is the dotted path of the first offending field, e.g. `entry.0.changes.1.value.from.id`,
 * and `cause` the underlying validation error.
 */
export class InvalidWebhookPayloadError extends OuvidorError {
  readonly provider: string;
  readonly field: string;
  constructor(provider: string, field: string, message: string, options?: { cause?: unknown }) {
    super(400, 'invalid_webhook_payload', `Invalid ${provider} webhook payload at '${field || '(body)'}': ${message}`, {
      ...options,
      details: [{ field, message }],
    });
    this.provider = provider;
    this.field = field;
  }

  /** From a zod failure: names the first issue's path. */
  static fromZod(provider: string, error: z.ZodError, pathPrefix: readonly PropertyKey[] = []): InvalidWebhookPayloadError {
    const issue = error.issues[0];
    const field = [...pathPrefix, ...(issue?.path ?? [])].map(String).join('.');
    return new InvalidWebhookPayloadError(provider, field, issue?.message ?? 'invalid', { cause: error });
  }
}

