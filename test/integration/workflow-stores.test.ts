import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoConfigStore, DynamoOutboxStore, DynamoRecognitionStore } from '../../shared/adapters/dynamo-records.adapter.js';
import { DynamoActionLog, DynamoTimelineStore } from '../../shared/adapters/dynamo-workflow-store.adapter.js';
import { DynamoThreadStore } from '../../shared/adapters/dynamo-thread-store.adapter.js';
import type { ActionRecord } from '../../shared/domain/workflow-records.schema.js';
import { EMULATOR_CREDENTIALS, startEmulators, type Emulators } from '../../local/emulators.js';
import { ensureTable } from '../../local/provision.js';

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

describe('workflow runs (one record per item and trigger)', () => {
  const plan = [
    { key: 'analyzed:setPriority:high', ruleId: 'complaint', type: 'setPriority' },
    { key: 'analyzed:sendMessage:complaint-ack', ruleId: 'complaint', type: 'sendMessage' },
  ];
  const none = { timeline: [], outbox: [], messages: [], messageIds: [], kudos: [], collections: [] };
  const done = (r: ActionRecord, at: string): ActionRecord => ({ ...r, status: 'done', doneAt: at, result: { ok: true } });

  it('claims every action of a first run in one write, and nothing while it runs', async () => {
    const log = new DynamoActionLog(client, TABLE);
    const claim = (await log.claimRun('R1', 'analyzed', plan, t0, 60_000))!;
    expect(claim.claimed.map((r) => [r.key, r.status, r.attempts])).toEqual([[plan[0]!.key, 'pending', 1], [plan[1]!.key, 'pending', 1]]);
    expect((await log.claimRun('R1', 'analyzed', plan, plus(1000), 60_000))!.claimed).toEqual([]);
    const ack = claim.claimed[1]!;
    const outcome = {
      ...none,
      actions: [done(claim.claimed[0]!, plus(2000)), { ...ack, status: 'failed' as const, lastError: 'relay down', nextAttemptAt: plus(10_000) }],
      timeline: [{ key: 'rule:analyzed:complaint', at: t0, actor: 'rule:complaint', type: 'rule-matched' as const, summary: 'matched' }],
    };
    expect(await log.finishRun('R1', 'analyzed', claim, outcome)).toBe(true);
    // Only the failed action, once due; the done one never again.
    expect((await log.claimRun('R1', 'analyzed', plan, plus(5000), 60_000))!.claimed).toEqual([]);
    const retry = (await log.claimRun('R1', 'analyzed', plan, plus(10_000), 60_000))!;
    expect(retry.claimed.map((r) => [r.key, r.attempts])).toEqual([[plan[1]!.key, 2]]);
    expect(await log.finishRun('R1', 'analyzed', retry, { ...none, actions: [done(retry.claimed[0]!, plus(11_000))] })).toBe(true);
    expect((await log.list('R1')).map((r) => [r.key, r.status, r.attempts])).toEqual([[plan[0]!.key, 'done', 1], [plan[1]!.key, 'done', 2]]);
    const timeline = await new DynamoTimelineStore(client, TABLE).list('R1');
    expect(timeline.map((e) => e.type)).toEqual(['rule-matched', 'action-done', 'action-done']);
  });

  it('lets a run whose worker died be taken over after its lease, and refuses the late finish of the first', async () => {
    const log = new DynamoActionLog(client, TABLE);
    const dead = (await log.claimRun('R2', 'analyzed', plan, t0, 60_000))!;
    expect((await log.claimRun('R2', 'analyzed', plan, plus(30_000), 60_000))!.claimed).toEqual([]);
    const takeover = (await log.claimRun('R2', 'analyzed', plan, plus(61_000), 60_000))!;
    expect(takeover.claimed.map((r) => r.attempts)).toEqual([2, 2]);
    expect(await log.finishRun('R2', 'analyzed', dead, { ...none, actions: dead.claimed.map((r) => done(r, plus(62_000))) })).toBe(false);
    expect(await log.finishRun('R2', 'analyzed', takeover, { ...none, actions: takeover.claimed.map((r) => done(r, plus(63_000))) })).toBe(true);
    expect((await log.list('R2')).every((r) => r.status === 'done' && r.attempts === 2)).toBe(true);
  });

  it("writes a run's records in one batch, idempotently: the outbox per item, the conversation, kudos", async () => {
    const log = new DynamoActionLog(client, TABLE);
    const claim = (await log.claimRun('R3', 'analyzed', plan, t0, 60_000))!;
    const outbox = { id: 'aaaaaaaaaaaaaaaaaaaaaaaa', feedbackId: 'R3', kind: 'customer' as const, channel: 'email', to: 'a@b.c', text: 'Olá', provider: 'outbox', status: 'outbox-only' as const, at: plus(1) };
    const outcome = {
      ...none,
      actions: claim.claimed.map((r) => done(r, plus(2))),
      outbox: [outbox],
      messages: [{ messageId: 'm-1@ouvidor.test', direction: 'outbound' as const, channel: 'email' as const, text: 'Olá', at: plus(1) }],
      messageIds: [{ messageId: 'm-1@ouvidor.test', at: plus(1) }],
      kudos: [{ agentId: 'run-agent', at: plus(1) }],
    };
    expect(await log.finishRun('R3', 'analyzed', claim, outcome)).toBe(true);
    const outboxStore = new DynamoOutboxStore(client, TABLE);
    expect((await outboxStore.list({ feedbackId: 'R3', limit: 10 })).items).toEqual([outbox]);
    expect((await outboxStore.list({ limit: 50 })).items.map((m) => m.id)).toContain(outbox.id);
    const threads = new DynamoThreadStore(client, TABLE);
    expect(await threads.findItemByMessageIds(['m-1@ouvidor.test'])).toBe('R3');
    expect((await threads.listMessages('R3')).map((m) => m.messageId)).toEqual(['m-1@ouvidor.test']);
    expect((await new DynamoRecognitionStore(client, TABLE).listKudos('run-agent', 10)).map((k) => k.feedbackId)).toEqual(['R3']);
  });

  it('threads a reply to a message we sent by the item its id names, without a link item', async () => {
    const threads = new DynamoThreadStore(client, TABLE);
    const id = '01JDQ3Z8Y7X6W5V4T3S2R1Q0PN';
    const ours = `${'b'.repeat(24)}.${id}@ouvidor`;
    expect(await threads.findItemByMessageIds([ours])).toBeUndefined();
    await threads.appendMessage(id, { messageId: ours, direction: 'outbound', channel: 'email', text: 'Olá', at: t0 });
    expect(await threads.findItemByMessageIds(['unknown@elsewhere', ours])).toBe(id);
  });
});

describe('configuration cache', () => {
  it('keeps the rules for its time to live, and sees its own writes at once', async () => {
    let now = 0;
    const cached = new DynamoConfigStore(client, TABLE, { ttlMs: 30_000, now: () => now });
    const other = new DynamoConfigStore(client, TABLE, { ttlMs: 0 });
    expect(await cached.get('service-standards')).toBeUndefined();
    await other.put('service-standards', { v: 1 }, 0, t0, 'admin'); // another process
    expect(await cached.get('service-standards')).toBeUndefined();
    expect(await cached.get('service-standards', { fresh: true })).toMatchObject({ version: 1 });
    now += 30_000;
    expect(await cached.get('service-standards')).toMatchObject({ value: { v: 1 } });
    expect(await cached.put('service-standards', { v: 2 }, 1, t0, 'admin')).toBe(true);
    expect(await cached.get('service-standards')).toMatchObject({ value: { v: 2 } });
  });
});
