import { beforeEach, describe, expect, it } from 'vitest';
import { ingestFeedback } from '../../../shared/app/ingest-feedback.use-case.js';
import { processFeedback, ProcessingInFlightError, type ProcessDeps } from '../../../shared/app/process-feedback.use-case.js';
import { sweepReceived } from '../../../shared/app/sweep-received.use-case.js';
import { silentLog } from '../../../shared/ports/logger.port.js';
import { fixedClock, MemoryObjects, RecordingBus, RecordingQueue, ScriptedAnalyzer } from '../../support/fakes.js';
import { InMemoryFeedbackStore } from '../../support/in-memory-feedback-store.js';

let store: InMemoryFeedbackStore;
let queue: RecordingQueue;
let bus: RecordingBus;
let analyzer: ScriptedAnalyzer;
let objects: MemoryObjects;
let clock: ReturnType<typeof fixedClock>;
let deps: ProcessDeps;

const accept = async (text: string) =>
  (await ingestFeedback({ store, queue, clock, log: silentLog }, { body: { text }, channel: 'api', source: { provider: 'api' } })).id;

beforeEach(() => {
  store = new InMemoryFeedbackStore();
  queue = new RecordingQueue();
  bus = new RecordingBus();
  analyzer = new ScriptedAnalyzer();
  objects = new MemoryObjects();
  clock = fixedClock();
  deps = { store, analyzer, bus, objects, clock, log: silentLog };
});

describe('process feedback', () => {
  it('stores the analysis with redacted text, keeps the original aside and publishes once', async () => {
    const id = await accept('Atendimento ruim, me escrevam em ana@example.com');
    expect(await processFeedback(deps, id)).toBe('analyzed');
    const fb = store.items.get(id)!;
    expect(fb).toMatchObject({ stage: 'analyzed', version: 2, sentiment: { label: 'NEGATIVE' }, category: 'complaint', language: 'pt' });
    expect(fb.text).toBe('Atendimento ruim, me escrevam em [EMAIL]');
    expect(fb.analysis).toMatchObject({ engine: 'offline', confidence: 0.9 });
    expect(fb.eventPublishedAt).toBeDefined();
    const original = JSON.parse(new TextDecoder().decode(objects.objects.get(fb.originalRef!)!)) as { text: string };
    expect(original.text).toContain('ana@example.com');
    expect(bus.events).toHaveLength(1);
    expect(bus.events[0]).toMatchObject({ type: 'feedback.analyzed', id: `feedback.analyzed:${id}`, detail: { id, sentiment: { label: 'NEGATIVE' }, category: 'complaint' } });
  });

  it('does nothing more on a second delivery', async () => {
    const id = await accept('Entrega ruim');
    await processFeedback(deps, id);
    expect(await processFeedback(deps, id)).toBe('duplicate');
    expect(analyzer.calls).toBe(1);
    expect(bus.events).toHaveLength(1);
    expect(store.items.get(id)!.version).toBe(2);
  });

  it('handles two concurrent deliveries as one', async () => {
    const id = await accept('Entrega ruim');
    const outcomes = await Promise.all([processFeedback(deps, id), processFeedback(deps, id)]);
    expect(outcomes.sort()).toEqual(['analyzed', 'duplicate']);
    expect(bus.events).toHaveLength(1);
  });

  it('throws when analysis fails, leaving the item received for a retry', async () => {
    const id = await accept('Entrega ruim');
    analyzer.failures = 1;
    await expect(processFeedback(deps, id)).rejects.toThrow('analyzer down');
    expect(store.items.get(id)!.stage).toBe('received');
    expect(bus.events).toHaveLength(0);
    expect(await processFeedback(deps, id)).toBe('analyzed');
  });

  it('publishes on redelivery when the first delivery died after the write', async () => {
    const id = await accept('Entrega ruim');
    bus.failures = 1;
    await expect(processFeedback(deps, id)).rejects.toThrow('bus down');
    expect(store.items.get(id)!.stage).toBe('analyzed');
    expect(store.items.get(id)!.eventPublishedAt).toBeUndefined();
    // Too soon: the writer might still be publishing, so the message is retried later.
    await expect(processFeedback(deps, id)).rejects.toBeInstanceOf(ProcessingInFlightError);
    expect(bus.events).toHaveLength(0);
    clock.advance(61_000);
    expect(await processFeedback(deps, id)).toBe('duplicate');
    expect(bus.events).toHaveLength(1);
    expect(analyzer.calls).toBe(1);
  });

  it('drops a message for an unknown item', async () => {
    expect(await processFeedback(deps, '01JZZZZZZZZZZZZZZZZZZZZZZZ')).toBe('missing');
  });
});

describe('sweep received', () => {
  it('re-enqueues what the queue never got, and only once it is old enough', async () => {
    queue.failures = 1;
    const id = await accept('perdido na fila');
    expect(queue.sent).toEqual([]);
    const opts = { olderThanMs: 120_000, maxSweeps: 3, countsAsRetry: true };
    expect(await sweepReceived({ store, queue, clock, log: silentLog }, opts)).toEqual({ requeued: 0, failed: 0 });
    clock.advance(121_000);
    expect(await sweepReceived({ store, queue, clock, log: silentLog }, opts)).toEqual({ requeued: 1, failed: 0 });
    expect(queue.sent).toEqual([{ id }]);
    expect(store.items.get(id)!.sweeps).toBe(1);
  });

  it('moves an item that never gets analyzed to failed after maxSweeps, keeping it', async () => {
    const id = await accept('sempre falha');
    const sweepDeps = { store, queue, clock, log: silentLog };
    const opts = { olderThanMs: 1000, maxSweeps: 2, countsAsRetry: true };
    for (let i = 0; i < 2; i++) {
      clock.advance(5000);
      await sweepReceived(sweepDeps, opts);
    }
    clock.advance(5000);
    expect(await sweepReceived(sweepDeps, opts)).toEqual({ requeued: 0, failed: 1 });
    expect(store.items.get(id)).toMatchObject({ stage: 'failed', text: 'sempre falha' });
    expect(store.items.get(id)!.failure).toMatch(/not analyzed after 2/);
    expect(await processFeedback(deps, id)).toBe('failed-item');
  });

  it('at start-up re-enqueues everything received without counting it', async () => {
    const id = await accept('antes do restart');
    const r = await sweepReceived({ store, queue, clock, log: silentLog }, { olderThanMs: 0, maxSweeps: 3, countsAsRetry: false });
    expect(r.requeued).toBe(1);
    expect(queue.sent.filter((m) => m.id === id)).toHaveLength(2);
    expect(store.items.get(id)!.sweeps).toBe(0);
  });

  it('leaves analyzed items alone', async () => {
    const id = await accept('ok ruim');
    await processFeedback(deps, id);
    clock.advance(600_000);
    expect((await sweepReceived({ store, queue, clock, log: silentLog }, { olderThanMs: 1000, maxSweeps: 3, countsAsRetry: true })).requeued).toBe(0);
  });
});
