import { beforeEach, describe, expect, it } from 'vitest';
import { acceptFeedback, type FeedbackDraft } from '../../../shared/app/accept-feedback.use-case.js';
import { processFeedback, ProcessingInFlightError } from '../../../shared/app/process-feedback.use-case.js';
import { sweepReceived } from '../../../shared/app/sweep-received.use-case.js';
import { triageFeedback } from '../../../shared/app/triage-feedback.use-case.js';
import { offlineRedactor } from '../../../shared/adapters/offline-redactor.adapter.js';
import { silentLog } from '../../../shared/ports/logger.port.js';
import { METRIC } from '../../../shared/ports/telemetry.port.js';
import { fixedClock, MemoryObjects, RecordingBus, RecordingQueue, ScriptedAnalyzer } from '../../support/fakes.js';
import { InMemoryCustomerStore } from '../../support/in-memory-customer-store.js';
import { InMemoryFeedbackStore } from '../../support/in-memory-feedback-store.js';
import { RecordingTelemetry } from '../../support/recording-telemetry.js';

let store: InMemoryFeedbackStore;
let queue: RecordingQueue;
let analyzer: ScriptedAnalyzer;
let clock: ReturnType<typeof fixedClock>;
let telemetry: RecordingTelemetry;

const base = () => ({ store, queue, clock, log: silentLog, telemetry });
const processDeps = () => ({ ...base(), analyzer, bus: new RecordingBus(), objects: new MemoryObjects(), customers: new InMemoryCustomerStore(), redactor: offlineRedactor });
const draft = (text: string, channel: FeedbackDraft['channel'] = 'api', extra: Partial<FeedbackDraft> = {}): FeedbackDraft => ({
  channel, customer: { email: 'ana@example.com' }, text, source: { provider: channel }, ...extra,
});

beforeEach(() => {
  store = new InMemoryFeedbackStore();
  queue = new RecordingQueue();
  analyzer = new ScriptedAnalyzer();
  clock = fixedClock();
  telemetry = new RecordingTelemetry();
});

describe('business metrics from the use cases', () => {
  it('counts each accepted item once, by channel; a replayed key and items set aside count nothing', async () => {
    await acceptFeedback(base(), draft('Entrega ruim', 'email'), { key: 'email:<a@x>' });
    await acceptFeedback(base(), draft('Entrega ruim', 'email'), { key: 'email:<a@x>' });
    await acceptFeedback(base(), draft('Obrigado!', 'social'));
    await acceptFeedback(base(), draft('', 'email', { stage: 'ignored', ignoredReason: 'auto-reply' }));
    expect(telemetry.samples).toEqual([
      { kind: 'count', name: METRIC.feedbackAccepted, value: 1, dims: { channel: 'email' } },
      { kind: 'count', name: METRIC.feedbackAccepted, value: 1, dims: { channel: 'social' } },
    ]);
  });

  it('counts an analysis, and negative and complaint items, once however often the message comes back', async () => {
    const bad = (await acceptFeedback(base(), draft('Atendimento ruim', 'web'))).id;
    const good = (await acceptFeedback(base(), draft('Adorei o atendimento', 'phone'))).id;
    telemetry.samples.length = 0;
    for (const id of [bad, good]) await processFeedback(processDeps(), id);
    // The message comes back: while the first delivery may still be publishing it is retried later…
    await expect(processFeedback(processDeps(), bad)).rejects.toThrow(ProcessingInFlightError);
    // …and past the grace period it only republishes the same event (consumers dedupe): nothing counted again.
    clock.advance(61_000);
    expect(await processFeedback(processDeps(), bad)).toBe('duplicate');
    expect(telemetry.total(METRIC.feedbackAnalyzed)).toBe(2);
    expect(telemetry.total(METRIC.feedbackAnalyzed, { channel: 'web' })).toBe(1);
    expect(telemetry.total(METRIC.feedbackAnalyzed, { channel: 'phone' })).toBe(1);
    expect(telemetry.of(METRIC.negativeFeedback)).toEqual([expect.objectContaining({ value: 1, dims: { channel: 'web' } })]);
    expect(telemetry.of(METRIC.complaints)).toEqual([expect.objectContaining({ value: 1, dims: { channel: 'web' } })]);
    expect(telemetry.total(METRIC.analysisFailed)).toBe(0);
  });

  it('counts a failed analysis attempt by channel, and the analysis once it succeeds', async () => {
    const id = (await acceptFeedback(base(), draft('Entrega ruim', 'social'))).id;
    analyzer.failures = 2;
    await expect(processFeedback(processDeps(), id)).rejects.toThrow('analyzer down');
    await expect(processFeedback(processDeps(), id)).rejects.toThrow('analyzer down');
    expect(telemetry.of(METRIC.analysisFailed)).toEqual([
      expect.objectContaining({ value: 1, dims: { channel: 'social' } }),
      expect.objectContaining({ value: 1, dims: { channel: 'social' } }),
    ]);
    expect(telemetry.total(METRIC.feedbackAnalyzed)).toBe(0);
    await processFeedback(processDeps(), id);
    expect(telemetry.total(METRIC.feedbackAnalyzed, { channel: 'social' })).toBe(1);
  });

  it('counts the items the sweeper gives up on', async () => {
    const ids = [(await acceptFeedback(base(), draft('um'))).id, (await acceptFeedback(base(), draft('dois'))).id];
    for (let sweep = 0; sweep < 3; sweep++) await sweepReceived(base(), { olderThanMs: 0, maxSweeps: 2, countsAsRetry: true });
    expect(ids.map((id) => store.items.get(id)!.stage)).toEqual(['failed', 'failed']);
    expect(telemetry.of(METRIC.feedbackFailed)).toEqual([expect.objectContaining({ value: 2, dims: {} })]);
  });

  it('counts a resolution by channel when an item enters resolved, not on other changes', async () => {
    const id = (await acceptFeedback(base(), draft('Entrega ruim', 'email'))).id;
    await processFeedback(processDeps(), id);
    telemetry.samples.length = 0;
    const deps = { ...base(), bus: new RecordingBus(), timeline: { append: async () => true, list: async () => [] }, configs: { get: async () => undefined } };
    const triage = (status: 'open' | 'resolved') => triageFeedback(deps as never, id, { status }, { actor: 'agent:ana' });
    await triage('open');
    expect(telemetry.samples).toEqual([]);
    await triage('resolved');
    await triage('resolved'); // no change: nothing more
    expect(telemetry.samples).toEqual([{ kind: 'count', name: METRIC.itemsResolved, value: 1, dims: { channel: 'email' } }]);
    await triage('open');
    await triage('resolved');
    expect(telemetry.total(METRIC.itemsResolved)).toBe(2);
  });
});
