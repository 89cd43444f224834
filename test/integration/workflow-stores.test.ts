import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoConfigStore, DynamoOutboxStore, DynamoRecognitionStore } from '../../shared/adapters/dynamo-records.adapter.js';
import { DynamoActionLog, DynamoTimelineStore } from '../../shared/adapters/dynamo-workflow-store.adapter.js';
import { EMULATOR_CREDENTIALS, startEmulators, type Emulators } from '../../local/emulators.js';
import { ensureTable } from '../../local/provision.js';
import { indexShard } from '../../shared/adapters/dynamo-feedback-store.adapter.js';

// The workflow stores' conditional writes, on dynalite.
let emulators: Emulators;
let client: DynamoDBClient;
const TABLE = 'workflow-stores';
beforeAll(async () => {
  emulators = await startEmulators(undefined);
  client = new DynamoDBClient({
    endpoint: emulators.dynamodbEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: EMULATOR_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: EMULATOR_CREDENTIALS.AWS_SECRET_ACCESS_KEY },
  });
  await ensureTable(client, TABLE);
});
afterAll(() => emulators?.stop());

const t0 = '2026-11-28T12:00:00.000Z';
const plus = (ms: number) => new Date(Date.parse(t0) + ms).toISOString();

describe('action log', () => {
  it('claims an action once, lets a failed one be retried when due, and never again once done', async () => {
    const log = new DynamoActionLog(client, TABLE);
    const req = { key: 'analyzed:complaint:0', ruleId: 'complaint', type: 'sendMessage', now: t0, leaseMs: 60_000 };
    expect(await log.claim('F1', req)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await log.claim('F1', { ...req, now: plus(1000) })).toBeUndefined(); // in flight
    await log.fail('F1', req.key, 'relay down', plus(2000), plus(10_000));
    expect(await log.claim('F1', { ...req, now: plus(5000) })).toBeUndefined(); // not due yet
    expect(await log.claim('F1', { ...req, now: plus(10_000) })).toMatchObject({ status: 'pending', attempts: 2 });
    await log.complete('F1', req.key, { messageId: 'm1' }, plus(11_000));
    expect(await log.claim('F1', { ...req, now: plus(999_999) })).toBeUndefined();
    expect(await log.list('F1')).toEqual([expect.objectContaining({ key: req.key, status: 'done', attempts: 2, result: { messageId: 'm1' } })]);
  });

  it('takes over a claim whose worker died, and keeps a final failure final', async () => {
    const log = new DynamoActionLog(client, TABLE);
    const req = { key: 'analyzed:praise:1', ruleId: 'praise', type: 'recordKudos', now: t0, leaseMs: 60_000 };
    await log.claim('F2', req);
    expect(await log.claim('F2', { ...req, now: plus(61_000) })).toMatchObject({ attempts: 2 });
    await log.fail('F2', req.key, 'gave up', plus(62_000), undefined);
    expect(await log.claim('F2', { ...req, now: plus(9_999_999) })).toBeUndefined();
    expect((await log.list('F2'))[0]).toMatchObject({ status: 'failed', lastError: 'gave up' });
  });
});

describe('timeline, outbox, recognition and config', () => {
  it('appends timeline entries once per key, in time order', async () => {
    const tl = new DynamoTimelineStore(client, TABLE);
    expect(await tl.append('F3', { key: 'b', at: plus(2), actor: 'system', type: 'analyzed', summary: 'analyzed' })).toBe(true);
    expect(await tl.append('F3', { key: 'a', at: plus(1), actor: 'rule:x', type: 'rule-matched', summary: 'x' })).toBe(true);
    expect(await tl.append('F3', { key: 'a', at: plus(9), actor: 'rule:x', type: 'rule-matched', summary: 'x again' })).toBe(false);
    expect((await tl.list('F3')).map((e) => e.key)).toEqual(['a', 'b']);
  });

  it('lists the outbox newest first, globally and per item', async () => {
    const outbox = new DynamoOutboxStore(client, TABLE);
    const base = { kind: 'customer' as const, channel: 'email', to: 'a@b.c', text: 'Olá', provider: 'outbox', status: 'outbox-only' as const };
    await outbox.record({ ...base, id: 'o1', feedbackId: 'F4', at: plus(1) });
    await outbox.record({ ...base, id: 'o2', feedbackId: 'F5', at: plus(2) });
    await outbox.record({ ...base, id: 'o1', feedbackId: 'F4', at: plus(3) });
    expect((await outbox.list({ limit: 10 })).items.map((m) => m.id)).toEqual(['o2', 'o1']);
    expect((await outbox.list({ feedbackId: 'F4', limit: 10 })).items.map((m) => m.id)).toEqual(['o1']);
  });

  it('pages through the outbox shards newest first, without repeats', async () => {
    const outbox = new DynamoOutboxStore(client, TABLE);
    const base = { kind: 'customer' as const, channel: 'email', to: 'a@b.c', text: 'Olá', provider: 'outbox', status: 'outbox-only' as const };
    const ids = Array.from({ length: 11 }, (_, i) => `p${i}`);
    for (const [i, id] of ids.entries()) await outbox.record({ ...base, id, feedbackId: `G${i}`, at: plus(10_000 + i) });
    expect(new Set(ids.map(indexShard)).size).toBeGreaterThan(1);
    const got: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const r = await outbox.list({ limit: 3, ...(cursor && { cursor }) });
      got.push(...r.items.map((m) => m.id));
      cursor = r.cursor;
      if (!cursor) break;
    }
    expect(got.filter((id) => id.startsWith('p'))).toEqual([...ids].reverse());
    expect(new Set(got).size).toBe(got.length);
  });

  it('records kudos and collections once per item', async () => {
    const r = new DynamoRecognitionStore(client, TABLE);
    await r.recordKudos('maria', 'F6', plus(1));
    await r.recordKudos('maria', 'F6', plus(2));
    await r.recordKudos('maria', 'F7', plus(3));
    expect((await r.listKudos('maria', 10)).map((k) => k.feedbackId)).toEqual(['F7', 'F6']);
    await r.addToCollection('product-ideas', 'F8', plus(1));
    expect((await r.listCollection('product-ideas', 10)).items).toEqual([{ feedbackId: 'F8', at: plus(1) }]);
  });

  it('versions configuration documents and counts atomically', async () => {
    const cfg = new DynamoConfigStore(client, TABLE);
    expect(await cfg.put('rules', { v: 1 }, 0, t0, 'admin')).toBe(true);
    expect(await cfg.put('rules', { v: 'stale' }, 0, t0, 'admin')).toBe(false);
    expect(await cfg.put('rules', { v: 2 }, 1, t0, 'admin')).toBe(true);
    expect(await cfg.get('rules')).toMatchObject({ value: { v: 2 }, version: 2, updatedBy: 'admin' });
    const counts = await Promise.all([1, 2, 3].map(() => cfg.nextCounter('rr#support')));
    expect(counts.sort()).toEqual([1, 2, 3]);
  });
});
