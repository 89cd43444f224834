import { beforeEach, describe, expect, it } from 'vitest';
import { ingestFeedback } from '../../../shared/app/ingest-feedback.use-case.js';
import { acceptFeedback, type FeedbackDraft } from '../../../shared/app/accept-feedback.use-case.js';
import { processFeedback, ProcessingInFlightError, type ProcessDeps } from '../../../shared/app/process-feedback.use-case.js';
import { sweepReceived } from '../../../shared/app/sweep-received.use-case.js';
import { silentLog } from '../../../shared/ports/logger.port.js';
import { fixedClock, MemoryObjects, RecordingBus, RecordingQueue, ScriptedAnalyzer } from '../../support/fakes.js';
import { InMemoryFeedbackStore } from '../../support/in-memory-feedback-store.js';
import { InMemoryCustomerStore } from '../../support/in-memory-customer-store.js';
import { offlineRedactor } from '../../../shared/adapters/offline-redactor.adapter.js';

let store: InMemoryFeedbackStore;
let queue: RecordingQueue;
let bus: RecordingBus;
let analyzer: ScriptedAnalyzer;
let objects: MemoryObjects;
let clock: ReturnType<typeof fixedClock>;
let deps: ProcessDeps;
let customers: InMemoryCustomerStore;

const accept = async (text: string) =>
  (await ingestFeedback({ store, queue, clock, log: silentLog }, { body: { text }, channel: 'api', source: { provider: 'api' } })).id;

beforeEach(() => {
  store = new InMemoryFeedbackStore();
  queue = new RecordingQueue();
  bus = new RecordingBus();
  analyzer = new ScriptedAnalyzer();
  objects = new MemoryObjects();
  clock = fixedClock();
  customers = new InMemoryCustomerStore(() => store.items.values());
  deps = { store, analyzer, bus, objects, customers, redactor: offlineRedactor, clock, log: silentLog };
});

describe('process feedback', () => {
  it('stores the analysis with redacted text, keeps the original aside and publishes once', async () => {
    const id = await accept('Atendimento ruim, me escrevam em ana@example.com');
    expect(await processFeedback(deps, id)).toBe('analyzed');
    const fb = store.items.get(id)!;
    expect(fb).toMatchObject({ stage: 'analyzed', version: 2, sentiment: { label: 'NEGATIVE' }, category: 'complaint', language: 'pt' });
    expect(fb.text).toBe('Atendimento ruim, me escrevam em [EMAIL]');
    expect(fb.analysis).toMatchObject({ engine: 'offline', confidence: 0.9 });
    const original = JSON.parse(new TextDecoder().decode(objects.objects.get(fb.originalRef!)!)) as { text: string };
    expect(original.text).toContain('ana@example.com');
    expect(bus.events).toHaveLength(1);
    expect(bus.events[0]).toMatchObject({ type: 'feedback.analyzed', id: `feedback.analyzed:${id}:v2`, detail: { id, sentiment: { label: 'NEGATIVE' }, category: 'complaint' } });
    // The event carries the record as stored, so the workflows need not read it back.
    expect((bus.events[0]!.detail as { item?: unknown }).item).toEqual(fb);
  });

  it('records on the item that Comprehend fell back to the offline result, and why', async () => {
    const fallback = { reason: 'comprehend-error', errorCode: 'InvalidRequestException', operation: 'DetectSentiment' } as const;
    const degraded = Object.assign(new ScriptedAnalyzer(), {
      analyze: async (input: Parameters<ScriptedAnalyzer['analyze']>[0]) => ({ ...(await new ScriptedAnalyzer().analyze(input)), fallback }),
    });
    const id = await accept('Entrega ruim');
    expect(await processFeedback({ ...deps, analyzer: degraded }, id)).toBe('analyzed');
    expect(store.items.get(id)!.analysis).toMatchObject({ engine: 'offline', fallback });
  });

  it('analyzes nothing again on a second delivery, and only re-announces the same event once the writer cannot be running', async () => {
    const id = await accept('Entrega ruim');
    await processFeedback(deps, id);
    // The first delivery may still be publishing: come back later rather than publish twice now.
    await expect(processFeedback(deps, id)).rejects.toBeInstanceOf(ProcessingInFlightError);
    clock.advance(61_000);
    expect(await processFeedback(deps, id)).toBe('duplicate');
    expect(analyzer.calls).toBe(1);
    // No published mark is kept: the same event (same id) again, which consumers dedupe.
    expect(bus.events.map((e) => e.id)).toEqual([`feedback.analyzed:${id}:v2`, `feedback.analyzed:${id}:v2`]);
    expect(store.items.get(id)!.version).toBe(2);
  });

  it('uses the record the queue message carried instead of reading it, and re-reads a stale copy', async () => {
    const id = await accept('Entrega ruim');
    const carried = store.items.get(id)!;
    let reads = 0;
    const get = store.get.bind(store);
    store.get = async (x: string) => (reads++, get(x));
    expect(await processFeedback(deps, id, carried)).toBe('analyzed');
    expect(reads).toBe(0);
    // A copy older than the stored record (a survey answer changed it meanwhile) is refused by the
    // conditional write, then the stored record is read and analyzed.
    const other = await accept('Produto ruim');
    const stale = store.items.get(other)!;
    store.items.set(other, { ...stale, version: 2, rating: { type: 'nps', score: 2 } });
    expect(await processFeedback(deps, other, stale)).toBe('analyzed');
    expect(reads).toBe(1);
    expect(store.items.get(other)).toMatchObject({ stage: 'analyzed', version: 3, rating: { score: 2 } });
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

  it('applies its analysis to the record as it is now when the received record changed meanwhile', async () => {
    const id = await accept('Entrega ruim');
    const analyze = analyzer.analyze.bind(analyzer);
    analyzer.analyze = async (input) => {
      const fb = store.items.get(id)!;
      store.items.set(id, { ...fb, version: fb.version + 1, rating: { type: 'nps', score: 1 } });
      return analyze(input);
    };
    expect(await processFeedback(deps, id)).toBe('analyzed');
    expect(store.items.get(id)).toMatchObject({ stage: 'analyzed', version: 3, rating: { score: 1 }, analysis: { version: 3 } });
    expect(bus.events.map((e) => e.id)).toEqual([`feedback.analyzed:${id}:v3`]);
  });

  it('stores the item-level workflow effects (priority, SLA, assignment) in the same write as the analysis, once', async () => {
    let counter = 0;
    const configs = { get: async () => undefined, nextCounter: async () => ++counter };
    const id = await accept('Entrega ruim');
    expect(await processFeedback({ ...deps, configs }, id)).toBe('analyzed');
    const fb = store.items.get(id)!;
    // One version: analysis and effects together (the complaint rule: priority high, SLA started).
    expect(fb).toMatchObject({ stage: 'analyzed', version: 2, priority: 'high', sla: { policy: { priority: 'high' } } });
    expect((bus.events[0]!.detail as { item?: unknown }).item).toEqual(fb);
    clock.advance(61_000);
    expect(await processFeedback({ ...deps, configs }, id)).toBe('duplicate');
    expect(store.items.get(id)).toEqual(fb);
    expect(counter).toBe(0); // no assignment for a complaint: the round-robin counter is untouched
  });

  it('assigns a question round robin with the team counter, decided once per analysis', async () => {
    let counter = 0;
    const configs = { get: async () => undefined, nextCounter: async () => ++counter };
    analyzer.analyze = async (input) => ({ ...(await new ScriptedAnalyzer().analyze(input)), category: 'question', sentiment: { label: 'NEUTRAL', scores: { Positive: 0.1, Negative: 0.1, Neutral: 0.8, Mixed: 0 } } });
    const a = await accept('Como troco o endereço?');
    const b = await accept('Qual o prazo de entrega?');
    await processFeedback({ ...deps, configs }, a);
    await processFeedback({ ...deps, configs }, b);
    expect([store.items.get(a)!.assignee, store.items.get(b)!.assignee]).toEqual(['maria-oliveira', 'john-carter']);
    expect(store.items.get(a)).toMatchObject({ team: 'support', version: 2, sla: expect.any(Object) });
    expect(counter).toBe(2);
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

  it('pages through every received item, not capped, in batches where the queue has them', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) {
      ids.push(await accept(`item ${i}`));
      clock.advance(1000);
    }
    queue.sent.length = 0;
    const batches: number[] = [];
    const batching = { send: queue.send.bind(queue), sendBatch: async (ms: readonly { id: string }[]) => { batches.push(ms.length); queue.sent.push(...ms); } };
    const r = await sweepReceived({ store, queue: batching, clock, log: silentLog }, { olderThanMs: 0, maxSweeps: 3, countsAsRetry: false, pageSize: 5 });
    expect(r).toEqual({ requeued: 23, failed: 0 });
    expect(queue.sent.map((m) => m.id)).toEqual(ids);
    expect(batches).toEqual([5, 5, 5, 5, 3]);
  });

  it('leaves analyzed items alone', async () => {
    const id = await accept('ok ruim');
    await processFeedback(deps, id);
    clock.advance(600_000);
    expect((await sweepReceived({ store, queue, clock, log: silentLog }, { olderThanMs: 1000, maxSweeps: 3, countsAsRetry: true })).requeued).toBe(0);
  });
});

describe('process feedback: customers, surveys and calls', () => {
  const acceptDraft = (draft: Partial<FeedbackDraft>) =>
    acceptFeedback({ store, queue, clock, log: silentLog }, { channel: 'api', customer: {}, text: '', source: { provider: 'test' }, ...draft });

  it('links items with the same email or phone to one customer profile', async () => {
    const a = await acceptDraft({ text: 'Entrega ruim', customer: { email: 'Ana@Example.com', name: 'Ana' } });
    const b = await acceptDraft({ text: 'Gostei', channel: 'email', customer: { email: 'ana@example.com', phone: '(11) 98765-4321' } });
    const c = await acceptDraft({ text: 'Oi', channel: 'phone', customer: { phone: '+55 11 98765-4321' } });
    const d = await acceptDraft({ text: 'Oi' });
    for (const { id } of [a, b, c, d]) await processFeedback(deps, id);
    const ids = [a, b, c].map(({ id }) => store.items.get(id)!.customer.id);
    expect(ids[0]).toBeDefined();
    expect(new Set(ids).size).toBe(1);
    expect(store.items.get(d.id)!.customer.id).toBeUndefined();
    expect(customers.profiles.get(ids[0]!)).toMatchObject({ name: 'Ana', emails: ['ana@example.com'], phones: ['+5511987654321'] });
  });

  it('derives the sentiment of a survey answer without comment from its score', async () => {
    const { id } = await acceptDraft({ channel: 'survey', text: '', rating: { type: 'nps', score: 3 }, language: 'pt' });
    await processFeedback(deps, id);
    expect(store.items.get(id)).toMatchObject({ stage: 'analyzed', sentiment: { label: 'NEGATIVE' }, category: 'complaint', analysis: { engine: 'rating' } });
    expect(analyzer.calls).toBe(0);
  });

  it('redacts PII in the subject and in every call turn, keeping the originals aside', async () => {
    const { id } = await acceptDraft({
      channel: 'phone',
      subject: 'CPF 529.982.247-25',
      metadata: { contact: 'ligar em +55 11 98765-4321', attempts: 2 },
      text: 'Meu boleto veio errado, ruim',
      call: { format: 'call-analytics', externalId: 'job-1', turns: [
        { role: 'AGENT', text: 'Pode confirmar seu e-mail?' },
        { role: 'CUSTOMER', text: 'É ana@example.com e meu CPF é 529.982.247-25' },
      ] },
    });
    await processFeedback(deps, id);
    const fb = store.items.get(id)!;
    expect(fb.subject).toBe('CPF [CPF]');
    expect(fb.metadata).toEqual({ contact: 'ligar em [PHONE]', attempts: 2 });
    expect(fb.call!.turns[1]!.text).toBe('É [EMAIL] e meu CPF é [CPF]');
    const original = new TextDecoder().decode(objects.objects.get(fb.originalRef!)!);
    expect(original).toContain('529.982.247-25');
  });
});

describe('process feedback: an item analyzed again', () => {
  it('keeps its original when only the score changed, and stores a new one for a new comment', async () => {
    const { id } = await acceptFeedback(
      { store, queue, clock, log: silentLog },
      { channel: 'survey', customer: {}, text: 'Atendimento ruim, escrevam para ana@example.com', rating: { type: 'nps', score: 2 }, source: { provider: 'survey' } },
    );
    await processFeedback(deps, id);
    const first = store.items.get(id)!;
    await store.reopenForAnalysis(id, { text: first.text, rating: { type: 'nps', score: 4 }, newText: false }, first.version, clock.now().toISOString());
    await processFeedback(deps, id);
    const second = store.items.get(id)!;
    expect(second).toMatchObject({ originalRef: first.originalRef, rating: { score: 4 }, version: 4, stage: 'analyzed' });
    expect(new TextDecoder().decode(objects.objects.get(second.originalRef!)!)).toContain('ana@example.com');

    await store.reopenForAnalysis(id, { text: 'Agora ruim de novo, liguem 11 98765-4321', rating: { type: 'nps', score: 1 }, newText: true }, second.version, clock.now().toISOString());
    await processFeedback(deps, id);
    const third = store.items.get(id)!;
    expect(third.originalRef).not.toBe(first.originalRef);
    expect(new TextDecoder().decode(objects.objects.get(third.originalRef!)!)).toContain('98765-4321');
    expect(bus.events.map((e) => e.id)).toEqual([`feedback.analyzed:${id}:v2`, `feedback.analyzed:${id}:v4`, `feedback.analyzed:${id}:v6`]);
  });
});
