import { describe, expect, it } from 'vitest';
import { AsyncInvoker, type AsyncFailureRecord } from '../../local/async-invoke.js';

const until = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('AsyncInvoker (Lambda asynchronous invocation, locally)', () => {
  it('retries a failing function twice, then hands the event and the error to the on-failure destination', async () => {
    const failures: AsyncFailureRecord[] = [];
    const invoker = new AsyncInvoker({ retryAttempts: 2, retryDelaysMs: [1, 1], region: 'us-east-1', onFailure: async (r) => void failures.push(r), onError: () => {} });
    const requestIds: string[] = [];
    invoker.invoke('ses-email', async () => async (_e: { n: number }, ctx) => {
      requestIds.push(ctx.awsRequestId);
      throw new TypeError('cannot read the message');
    }, { n: 1 }, 1000);
    await until(() => failures.length === 1 && invoker.pending === 0);
    expect(requestIds).toHaveLength(3);
    // Lambda retries with the same request id.
    expect(new Set(requestIds).size).toBe(1);
    expect(failures[0]).toMatchObject({
      requestContext: { requestId: requestIds[0], condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: { n: 1 },
      responsePayload: { errorType: 'TypeError', errorMessage: 'cannot read the message' },
    });
    expect(failures[0]!.requestContext.functionArn).toContain(':function:ses-email');
  });

  it('does not retry what succeeded, and does not retry after close', async () => {
    const invoker = new AsyncInvoker({ retryAttempts: 2, retryDelaysMs: [10_000, 10_000], region: 'us-east-1', onFailure: async () => {}, onError: () => {} });
    let calls = 0;
    invoker.invoke('ok', async () => async () => void calls++, {}, 1000);
    invoker.invoke('bad', async () => async () => {
      calls++;
      throw new Error('x');
    }, {}, 1000);
    await until(() => calls === 2);
    await until(() => invoker.pending === 1); // the failed one waits for its retry
    invoker.close();
    expect(invoker.pending).toBe(0);
    expect(calls).toBe(2);
  });
});
