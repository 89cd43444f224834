import { AnalyzerUnavailableError } from '../../domain/analyzer.errors.js';

/**
 * Throttling retry with exponential backoff and full jitter
 * (delay_n = random() × min(maxDelayMs, baseDelayMs × 2^n), n = 0, 1, …).
 * After `maxRetries` retries the throttling error becomes an AnalyzerUnavailableError (503) so
 * the SQS message is retried later. Any other error propagates unchanged at once (the analyzer then
 * keeps the offline result for what it affects).
 */
export interface RetryPolicy {
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
}

const THROTTLING_NAMES = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'ServiceUnavailableException',
  'ServiceUnavailable',
  'RequestLimitExceeded',
]);

export function isThrottlingError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown }; $retryable?: { throttling?: unknown } };
  if (typeof e.name === 'string' && THROTTLING_NAMES.has(e.name)) return true;
  const status = e.$metadata?.httpStatusCode;
  // 429 and any 5xx answered by the service: transient, retried here and then by SQS (the client makes one attempt).
  if (typeof status === 'number' && (status === 429 || status >= 500)) return true;
  return e.$retryable?.throttling === true;
}

export function backoffDelay(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(policy.random() * ceiling);
}

export async function withThrottleRetry<T>(operation: () => Promise<T>, policy: RetryPolicy, label: string): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await operation();
    } catch (error) {
      if (!isThrottlingError(error)) throw error;
      if (retry >= policy.maxRetries) {
        throw new AnalyzerUnavailableError(
          `Amazon Comprehend ${label} still throttled after ${policy.maxRetries} retries`,
          { cause: error },
        );
      }
      await policy.sleep(backoffDelay(retry, policy));
    }
  }
}
