import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';
import { afterEach, describe, expect, it, vi } from 'vitest';

// shared/runtime/tracing.ts decides at import (top-level await): each case imports a fresh copy.
const load = async (env: Record<string, string | undefined>) => {
  vi.resetModules();
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v as string);
  return import('../../../shared/runtime/tracing.js');
};
afterEach(() => vi.unstubAllEnvs());

const middlewareNames = (client: DynamoDBClient): string[] => client.middlewareStack.identify();

describe('tracing', () => {
  it('off (local runtime, tests): clients are left as they are, the handler middleware does nothing, the tracer is never loaded', async () => {
    vi.stubEnv('POWERTOOLS_TRACE_ENABLED', '');
    const t = await load({});
    expect(t.TRACING_ENABLED).toBe(false);
    const client = new DynamoDBClient({ region: 'us-east-1' });
    const before = middlewareNames(client);
    expect(t.traced(client)).toBe(client);
    expect(middlewareNames(client)).toEqual(before);
    const handler = middy(async () => 'ok').use(t.traceHandler());
    expect(await handler({}, {} as never)).toBe('ok');
  });

  it('on in Lambda (POWERTOOLS_TRACE_ENABLED=true, as the CDK sets it): SDK calls become X-Ray subsegments', async () => {
    const t = await load({ POWERTOOLS_TRACE_ENABLED: 'true', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x', AWS_LAMBDA_FUNCTION_NAME: 'ouvidor-test' });
    expect(t.TRACING_ENABLED).toBe(true);
    const client = t.traced(new DynamoDBClient({ region: 'us-east-1' }));
    expect(middlewareNames(client).some((n) => /XRay/i.test(n))).toBe(true);
    expect(Object.keys(t.traceHandler())).toEqual(expect.arrayContaining(['before', 'after', 'onError']));
  });
});
