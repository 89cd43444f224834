import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { lambdaContext } from './lambda-context.js';

/** What Lambda hands an on-failure destination after the last retry of an asynchronous invocation. */
export interface AsyncFailureRecord {
  readonly version: '1.0';
  readonly timestamp: string;
  readonly requestContext: { requestId: string; functionArn: string; condition: 'RetriesExhausted'; approximateInvokeCount: number };
  readonly requestPayload: unknown;
  readonly responseContext: { statusCode: 200; executedVersion: '$LATEST'; functionError: 'Unhandled' };
  readonly responsePayload: { errorType: string; errorMessage: string };
}

export interface AsyncInvokerOptions {
  /** Retries after a function error (Lambda's default and ours on AWS: 2). */
  readonly retryAttempts: number;
  /** Wait before each retry. Lambda waits about 1 then 2 minutes; the local runtime shortens the waits, not the count. */
  readonly retryDelaysMs: readonly number[];
  readonly region: string;
  /** The on-failure destination (the async-failures queue). */
  readonly onFailure: (record: AsyncFailureRecord) => Promise<void>;
  readonly onError: (e: unknown) => void;
}

/**
 * Lambda's asynchronous invocation (S3 and SES events), locally: the caller does not wait; a
 * function error is retried `retryAttempts` times, then the event and the error go to the
 * on-failure destination, as on AWS. Nothing is retried that AWS would not retry.
 */
export class AsyncInvoker {
  private readonly timers = new Set<NodeJS.Timeout>();
  private running = 0;
  private closed = false;

  constructor(private readonly opts: AsyncInvokerOptions) {}

  invoke<E>(functionName: string, handler: () => Promise<(event: E, context: Context) => Promise<unknown>>, event: E, timeoutMs: number): void {
    const requestId = randomUUID();
    const attempt = (n: number): void => {
      this.running++;
      handler()
        .then((fn) => fn(event, { ...lambdaContext(functionName, timeoutMs), awsRequestId: requestId }))
        .then(
          () => undefined,
          (error: unknown) => {
            if (n <= this.opts.retryAttempts) return this.later(() => attempt(n + 1), this.opts.retryDelaysMs[n - 1] ?? 0);
            const e = error instanceof Error ? error : new Error(String(error));
            return this.opts
              .onFailure({
                version: '1.0',
                timestamp: new Date().toISOString(),
                requestContext: { requestId, functionArn: `arn:aws:lambda:${this.opts.region}:000000000000:function:${functionName}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: n },
                requestPayload: event,
                responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
                responsePayload: { errorType: e.name, errorMessage: e.message },
              })
              .catch(this.opts.onError);
          },
        )
        .finally(() => this.running--);
    };
    attempt(1);
  }

  /** Invocations running or waiting for a retry. */
  get pending(): number {
    return this.running + this.timers.size;
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private later(fn: () => void, ms: number): void {
    if (this.closed) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }
}
