/**
 * Errors an Analyzer raises. Pure domain code: no AWS imports.
 */

/**
 * The analysis engine cannot answer right now (throttled or unavailable after retries).
 * Status 503 so that an SQS consumer reports the record as a batch-item failure and the
 * message is retried later, instead of storing a degraded analysis.
 */
export class AnalyzerUnavailableError extends Error {
  readonly status = 503;
  readonly code = 'analyzer_unavailable';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AnalyzerUnavailableError';
  }
}

export const isAnalyzerUnavailableError = (e: unknown): e is AnalyzerUnavailableError =>
  e instanceof AnalyzerUnavailableError;
