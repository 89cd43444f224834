/**
 * Errors the use cases and handlers raise. Each carries the HTTP status it maps to, a stable
 * machine code and, for validation, the fields at fault. The HTTP error middleware turns them
 * into `{ "error": { code, message, details } }`.
 */
export interface ErrorDetail {
  /** Dotted path of the field at fault, e.g. `rating.score`; empty for the whole body. */
  readonly field: string;
  readonly message: string;
}

export class OuvidorError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: readonly ErrorDetail[];
  constructor(status: number, code: string, message: string, options?: { cause?: unknown; details?: readonly ErrorDetail[] }) {
    super(message, { cause: options?.cause });
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.details = options?.details ?? [];
  }
}

export class ValidationError extends OuvidorError {
  constructor(message: string, details: readonly ErrorDetail[] = [], options?: { cause?: unknown }) {
    super(400, 'validation_failed', message, { ...options, details });
  }
}
export class MalformedBodyError extends OuvidorError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(400, 'malformed_body', message, options);
  }
}
export class PayloadTooLargeError extends OuvidorError {
  constructor(limitBytes: number, options?: { cause?: unknown }) {
    super(413, 'payload_too_large', `The body is larger than ${limitBytes} bytes.`, options);
  }
}
export class UnsupportedMediaTypeError extends OuvidorError {
  constructor(got: string | undefined, accepted: readonly string[], options?: { cause?: unknown }) {
    super(415, 'unsupported_media_type', `Content-Type ${got ? `'${got}'` : '(none)'} is not accepted; use one of: ${accepted.join(', ')}.`, options);
  }
}
export class UnauthorizedError extends OuvidorError {
  constructor(message = 'A valid bearer token is required.', options?: { cause?: unknown }) {
    super(401, 'unauthorized', message, options);
  }
}
export class ForbiddenError extends OuvidorError {
  constructor(message = 'Your role does not allow this.', options?: { cause?: unknown }) {
    super(403, 'forbidden', message, options);
  }
}
export class NotFoundError extends OuvidorError {
  constructor(message = 'Not found.', options?: { cause?: unknown }) {
    super(404, 'not_found', message, options);
  }
}
export class IdempotencyKeyReusedError extends OuvidorError {
  constructor(options?: { cause?: unknown }) {
    super(422, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request body.', {
      ...options,
      details: [{ field: 'Idempotency-Key', message: 'reused with a different body' }],
    });
  }
}
export class ServiceUnavailableError extends OuvidorError {
  constructor(message = 'The service is temporarily unavailable; retry later.', options?: { cause?: unknown }) {
    super(503, 'service_unavailable', message, options);
  }
}

export const isOuvidorError = (e: unknown): e is OuvidorError => e instanceof OuvidorError;
