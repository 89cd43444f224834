import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../shared/domain/feedback-events.schema.js';
import { DynamoFeedbackStore } from '../../../shared/adapters/dynamo-feedback-store.adapter.js';
import { analyzer } from '../../../shared/runtime/compose/analyzer.js';
import { eventBus } from '../../../shared/runtime/compose/bus.js';
import { builtCapability, composeWith } from '../../../shared/runtime/compose/capability.js';
import { dynamodbClient } from '../../../shared/runtime/compose/dynamodb.js';
import { feedbackStore } from '../../../shared/runtime/compose/store.js';
import { telemetry } from '../../../shared/runtime/compose/telemetry.js';
import { tokenVerifier } from '../../../shared/runtime/compose/verifier.js';
import { userCredentials } from '../../../shared/runtime/compose/users.js';
import { resetConfig } from '../../../shared/runtime/config.js';
import { quietTelemetry } from '../../../shared/ports/telemetry.port.js';
import { LocalEventBus } from '../../../local/local-event-bus.adapter.js';

// The capability factories: built once per process on first use, and the one override seam.
const saved = { ...process.env };
const useEnv = (env: Record<string, string>) => {
  process.env = { ...saved, ...env };
  resetConfig();
  composeWith(undefined);
};
beforeEach(() => useEnv({ AWS_REGION: 'us-east-1' }));
afterEach(() => {
  process.env = saved;
  resetConfig();
  composeWith(undefined);
});

describe('capability factories', () => {
  it('build nothing until asked, then once per process', () => {
    expect(builtCapability('store')).toBeUndefined();
    expect(builtCapability('dynamodb')).toBeUndefined();
    const store = feedbackStore();
    expect(store).toBeInstanceOf(DynamoFeedbackStore);
    expect(feedbackStore()).toBe(store);
    // The store built its client, once, and shares it with every other table capability.
    expect(builtCapability('dynamodb')).toBe(dynamodbClient());
    expect(builtCapability('store')).toBe(store);
  });

  it('take supplied capabilities instead of building them (the local runtime, a test), and build afresh once they are cleared', async () => {
    const first = feedbackStore();
    const bus = new LocalEventBus();
    const client = dynamodbClient();
    composeWith({ bus, dynamodb: client });
    expect(eventBus()).toBe(bus);
    expect(dynamodbClient()).toBe(client);
    // Everything built before is forgotten: the next store is built on the supplied client.
    const second = feedbackStore();
    expect(second).not.toBe(first);
    expect(builtCapability('dynamodb')).toBe(client);
    await eventBus().publish([{ id: 'e1' } as DomainEvent]);
    expect(bus.published.map((e) => e.id)).toEqual(['e1']);
    composeWith(undefined);
    expect(eventBus()).not.toBe(bus);
    expect(dynamodbClient()).not.toBe(client);
  });

  it('refuse the local bus unless the local runtime supplies it (no Lambda carries it)', async () => {
    useEnv({ OUVIDOR_EVENT_BUS: 'local' });
    await expect(eventBus().publish([])).rejects.toThrow(/local runtime supplies the bus/);
  });

  it('choose the analyzer engine from the configuration, loading Comprehend only on the first analysis', () => {
    useEnv({ OUVIDOR_ANALYZER: 'offline' });
    expect(analyzer().name).toBe('offline');
    useEnv({ OUVIDOR_ANALYZER: 'cascade' });
    expect(analyzer().name).toBe('cascade');
  });

  it('load the token verifier on the first request: local HS256 tokens', async () => {
    useEnv({ OUVIDOR_AUTH_MODE: 'local', OUVIDOR_JWT_SECRET: 'k'.repeat(43) });
    const { signLocalToken } = await import('../../../shared/adapters/jwt-token-verifier.adapter.js');
    const token = await signLocalToken('k'.repeat(43), 'ana', ['agent']);
    expect(await tokenVerifier().verify(token)).toMatchObject({ sub: 'ana', roles: ['agent'] });
    await expect(tokenVerifier().verify(`${token}x`)).rejects.toThrow();
  });

  it('offer local credentials only in local auth mode', () => {
    useEnv({ OUVIDOR_AUTH_MODE: 'cognito' });
    expect(userCredentials()).toBeUndefined();
    useEnv({ OUVIDOR_AUTH_MODE: 'local', OUVIDOR_JWT_SECRET: 'k'.repeat(43) });
    expect(userCredentials()).toBeDefined();
  });

  it('telemetry is built by the use cases that count, and flushed only then', () => {
    expect(builtCapability('telemetry')).toBeUndefined();
    expect(telemetry()).toBe(quietTelemetry);
    expect(builtCapability('telemetry')).toBe(quietTelemetry);
  });
});
