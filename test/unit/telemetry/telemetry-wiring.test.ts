import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { PowertoolsTelemetry } from '../../../shared/adapters/powertools-telemetry.adapter.js';
import { METRIC, quietTelemetry, type Telemetry } from '../../../shared/ports/telemetry.port.js';
import { loadConfig } from '../../../shared/runtime/config.js';
import { makeTelemetry } from '../../../shared/runtime/compose/telemetry.js';
import { flushTelemetry } from '../../../shared/runtime/telemetry.middleware.js';
import { RecordingTelemetry } from '../../support/recording-telemetry.js';

const context = { functionName: 'test', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

describe('flushTelemetry middleware', () => {
  it('flushes once after each invocation, successful or not, after the handler recorded', async () => {
    const telemetry = new RecordingTelemetry();
    const flushedWith: number[] = [];
    const watched: Telemetry = { ...telemetry, count: telemetry.count.bind(telemetry), duration: telemetry.duration.bind(telemetry), flush: () => flushedWith.push(telemetry.samples.length) };
    const handler = middy<{ fail: boolean }, string>()
      .use(flushTelemetry(() => watched))
      .handler(async (event) => {
        watched.count(METRIC.feedbackAccepted, 1, { channel: 'web' });
        if (event.fail) throw new Error('boom');
        return 'ok';
      });
    expect(await handler({ fail: false }, context)).toBe('ok');
    await expect(handler({ fail: true }, context)).rejects.toThrow('boom');
    expect(flushedWith).toEqual([1, 2]);
  });

  it('never fails an invocation because flushing failed', async () => {
    const broken: Telemetry = { ...quietTelemetry, flush: () => { throw new Error('stdout closed'); } };
    const handler = middy<unknown, string>().use(flushTelemetry(() => broken)).handler(async () => 'ok');
    expect(await handler({}, context)).toBe('ok');
  });
});

describe('the telemetry capability', () => {
  // The environment of a function on AWS.
  const lambdaEnv = { AWS_REGION: 'us-east-1', OUVIDOR_AUTH_ISSUER: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_test', OUVIDOR_AUTH_AUDIENCE: 'client' };
  it('emits EMF only when OUVIDOR_METRICS=emf (the CDK app sets it), else records nothing', () => {
    expect(makeTelemetry(loadConfig(lambdaEnv))).toBe(quietTelemetry);
    expect(makeTelemetry(loadConfig({ ...lambdaEnv, OUVIDOR_METRICS: 'off' }))).toBe(quietTelemetry);
    expect(makeTelemetry(loadConfig({ ...lambdaEnv, OUVIDOR_METRICS: 'emf' }))).toBeInstanceOf(PowertoolsTelemetry);
    expect(() => loadConfig({ OUVIDOR_METRICS: 'stdout' })).toThrow(/OUVIDOR_METRICS/);
  });
});
