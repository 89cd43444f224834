import { beforeEach, describe, expect, it } from 'vitest';
import { ingestFeedback, type IngestDeps } from '../../../shared/app/ingest-feedback.use-case.js';
import { IdempotencyKeyReusedError, ServiceUnavailableError, ValidationError } from '../../../shared/domain/errors.js';
import { silentLog } from '../../../shared/ports/logger.port.js';
import { fixedClock, RecordingQueue } from '../../support/fakes.js';
import { InMemoryFeedbackStore } from '../../support/in-memory-feedback-store.js';

let store: InMemoryFeedbackStore;
let queue: RecordingQueue;
let deps: IngestDeps;
const source = { provider: 'api' };

beforeEach(() => {
  store = new InMemoryFeedbackStore();
  queue = new RecordingQueue();
  deps = { store, queue, clock: fixedClock(), log: silentLog };
});

describe('ingest feedback', () => {
  it('stores a received record, then enqueues its id', async () => {
    const r = await ingestFeedback(deps, { body: { text: 'Oi', language: 'pt-BR' }, channel: 'api', source });
    expect(r.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const fb = store.items.get(r.id)!;
    expect(fb).toMatchObject({ stage: 'received', status: 'new', priority: 'normal', text: 'Oi', language: 'pt', version: 1, sweeps: 0 });
    // The message carries the record as accepted: the processor's first delivery need not read it.
    expect(queue.sent).toEqual([{ id: r.id, item: fb }]);
  });

  it('gives ids that sort by arrival', async () => {
    const a = await ingestFeedback(deps, { body: { text: 'a' }, channel: 'api', source });
    const b = await ingestFeedback(deps, { body: { text: 'b' }, channel: 'api', source });
    expect(a.id < b.id).toBe(true);
  });

  it('still accepts when the queue send fails, leaving the record for the sweeper', async () => {
    queue.failures = 1;
    const r = await ingestFeedback(deps, { body: { text: 'Oi' }, channel: 'api', source });
    expect(store.items.get(r.id)?.stage).toBe('received');
    expect(queue.sent).toEqual([]);
  });

  it('accepts nothing when the store write fails', async () => {
    store.failNextPut = true;
    await expect(ingestFeedback(deps, { body: { text: 'Oi' }, channel: 'api', source })).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(store.items.size).toBe(0);
    expect(queue.sent).toEqual([]);
  });

  it('stores and queues nothing for invalid input', async () => {
    await expect(ingestFeedback(deps, { body: { text: ' ' }, channel: 'api', source })).rejects.toBeInstanceOf(ValidationError);
    expect(store.items.size).toBe(0);
    expect(queue.sent).toEqual([]);
  });

  it('answers a retried Idempotency-Key with the same id and creates nothing new', async () => {
    const body = { text: 'Oi', customer: { name: 'Ana', email: 'a@b.com' } };
    const first = await ingestFeedback(deps, { body, channel: 'api', source, idempotencyKey: 'k-1' });
    const again = await ingestFeedback(deps, { body: { customer: { email: 'a@b.com', name: 'Ana' }, text: 'Oi' }, channel: 'api', source, idempotencyKey: 'k-1' });
    expect(again).toMatchObject({ id: first.id, replayed: true });
    expect(store.items.size).toBe(1);
    expect(queue.sent).toHaveLength(1);
  });

  it('refuses an Idempotency-Key reused with another body', async () => {
    await ingestFeedback(deps, { body: { text: 'Oi' }, channel: 'api', source, idempotencyKey: 'k-2' });
    await expect(ingestFeedback(deps, { body: { text: 'Tchau' }, channel: 'api', source, idempotencyKey: 'k-2' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(store.items.size).toBe(1);
  });

  it('completes a retry whose first attempt died after claiming the key', async () => {
    store.failNextPut = true;
    await expect(ingestFeedback(deps, { body: { text: 'Oi' }, channel: 'api', source, idempotencyKey: 'k-3' })).rejects.toThrow();
    const retry = await ingestFeedback(deps, { body: { text: 'Oi' }, channel: 'api', source, idempotencyKey: 'k-3' });
    expect(store.items.get(retry.id)?.stage).toBe('received');
    expect(queue.sent.map((m) => m.id)).toEqual([retry.id]);
  });
});
