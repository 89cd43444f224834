import { OuvidorError } from '../../domain/errors.js';

/** The adapter for a channel or provider has no credentials or endpoint configured (nothing was sent). */
export class OutboundNotConfiguredError extends OuvidorError {
  /** Retrying does not help until someone configures the provider. */
  readonly retryable = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(503, 'outbound_not_configured', message, options);
  }
}

export interface DeliveryFailure {
  /** `ses`, `smtp`, `meta`, `x`, `slack`, `sns`, … */
  readonly provider: string;
  /** The provider's HTTP status (or SMTP reply code) when it answered. */
  readonly providerStatus?: number;
  /** The start of the provider's answer, for the logs (never the request, which may carry PII). */
  readonly bodyExcerpt?: string;
  /** True when the same request may succeed later (429, 5xx, SMTP 4xx, network errors, timeouts). */
  readonly retryable: boolean;
  readonly cause?: unknown;
}

/** A provider refused or could not take the message. */
export class DeliveryFailedError extends OuvidorError {
  readonly provider: string;
  readonly providerStatus: number | undefined;
  readonly bodyExcerpt: string | undefined;
  readonly retryable: boolean;
  constructor(failure: DeliveryFailure, message?: string) {
    const status = failure.providerStatus === undefined ? '' : ` (${failure.providerStatus})`;
    const excerpt = failure.bodyExcerpt ? `: ${failure.bodyExcerpt}` : '';
    super(502, 'delivery_failed', message ?? `Delivery through ${failure.provider} failed${status}${excerpt}`, { cause: failure.cause });
    this.provider = failure.provider;
    this.providerStatus = failure.providerStatus;
    this.bodyExcerpt = failure.bodyExcerpt;
    this.retryable = failure.retryable;
  }
}

/** Every configured notifier failed; `errors` holds each one's error (also the cause, as an AggregateError). */
export class AllNotifiersFailedError extends DeliveryFailedError {
  readonly errors: readonly unknown[];
  constructor(errors: readonly unknown[]) {
    super(
      { provider: 'fan-out', retryable: errors.some(isRetryableDelivery), cause: new AggregateError(errors, 'every notifier failed') },
      `Every team notifier failed (${errors.length}): ${errors.map((e) => (e instanceof Error ? e.message : String(e))).join('; ')}`,
    );
    this.errors = errors;
  }
}

/** True for an error worth retrying: a retryable DeliveryFailedError, or anything that is not one of ours. */
export const isRetryableDelivery = (error: unknown): boolean => {
  if (error instanceof DeliveryFailedError) return error.retryable;
  if (error instanceof OutboundNotConfiguredError) return false;
  return true;
};

/** Retryable for an HTTP status: 408, 425, 429 and 5xx. */
export const isRetryableHttpStatus = (status: number): boolean => status === 408 || status === 425 || status === 429 || status >= 500;

/** The start of a provider's answer, on one line, at most `max` characters. */
export const excerpt = (body: string, max = 300): string => {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** Wraps an AWS SDK v3 error (SES, SNS) in a DeliveryFailedError, retryable for throttling, 5xx and network errors. */
export const awsDeliveryError = (provider: string, error: unknown): DeliveryFailedError => {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown; $fault?: string };
  const status = e?.$metadata?.httpStatusCode;
  const throttled = /Throttl|TooManyRequests|ServiceUnavailable|InternalFailure/i.test(e?.name ?? '');
  const retryable = status === undefined || isRetryableHttpStatus(status) || throttled || e?.$retryable !== undefined || e?.$fault === 'server';
  return new DeliveryFailedError({
    provider,
    ...(status === undefined ? {} : { providerStatus: status }),
    bodyExcerpt: excerpt(`${e?.name ?? 'Error'}: ${e?.message ?? String(error)}`),
    retryable,
    cause: error,
  });
};
