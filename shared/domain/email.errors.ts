import { OuvidorError } from './errors.js';

/** What made the input unusable as an email, for logs and metrics. */
export type InvalidEmailReason = 'empty' | 'not-a-message' | 'no-from' | 'no-body' | 'unparseable';

/**
 * The input is not a parseable RFC 822 message (no header section, no From address, no body).
 * Status 400: retrying the same bytes cannot succeed, so a queue consumer should not retry it.
 */
export class InvalidEmailError extends OuvidorError {
  readonly reason: InvalidEmailReason;
  constructor(reason: InvalidEmailReason, message: string, options?: { cause?: unknown }) {
    super(400, 'invalid_email', message, options);
    this.reason = reason;
  }
}

