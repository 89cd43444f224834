import { DeliveryFailedError, excerpt, isRetryableHttpStatus } from './delivery.errors.js';

export interface HttpPost {
  readonly provider: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly timeoutMs: number;
}

export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
}

/**
 * POSTs with Node's fetch under a timeout. A 2xx answer is returned; anything else throws a
 * DeliveryFailedError (retryable for 408/425/429/5xx, network errors and timeouts).
 */
export const postOrThrow = async (request: HttpPost): Promise<HttpAnswer> => {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'error',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    const timedOut = (error as { name?: string })?.name === 'TimeoutError';
    throw new DeliveryFailedError({
      provider: request.provider,
      bodyExcerpt: timedOut ? `no answer within ${request.timeoutMs} ms` : excerpt(String((error as { cause?: unknown })?.cause ?? error)),
      retryable: true,
      cause: error,
    });
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) {
    throw new DeliveryFailedError({ provider: request.provider, providerStatus: response.status, bodyExcerpt: excerpt(text), retryable: isRetryableHttpStatus(response.status) });
  }
  return { status: response.status, text };
};

/** The JSON in a 2xx answer, or undefined when it is not JSON. */
export const jsonOf = (answer: HttpAnswer): unknown => {
  try {
    return JSON.parse(answer.text) as unknown;
  } catch {
    return undefined;
  }
};

/** `base` without a trailing slash. */
export const trimBase = (base: string): string => base.replace(/\/+$/, '');
