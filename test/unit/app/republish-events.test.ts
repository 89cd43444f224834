import { beforeEach, describe, expect, it } from 'vitest';
import { acceptFeedback } from '../../../shared/app/accept-feedback.use-case.js';
import { processFeedback } from '../../../shared/app/process-feedback.use-case.js';
import { republishPendingEvents } from '../../../shared/app/republish-events.use-case.js';
import { triageFeedback } from '../../../shared/app/triage-feedback.use-case.js';
import { offlineRedactor } from '../../../shared/adapters/offline-redactor.adapter.js';
import { silentLog } from '../../../shared/ports/logger.port.js';
import { fixedClock, MemoryObjects, RecordingBus, RecordingQueue, ScriptedAnalyzer } from '../../support/fakes.js';
import { InMemoryCustomerStore } from '../../support/in-memory-customer-store.js';
import { InMemoryFeedbackStore } from '../../support/in-memory-feedback-store.js';

let store: InMemoryFeedbackStore;
let bus: RecordingBus;
let clock: ReturnType<typeof fixedClock>;
const noConfig = { get: async () => undefined, put: async () => true, nextCounter: async () => 1 };
const timeline = { append: async () => true, list: async () => [] };

async function analyzedItem(): Promise<string> {
  const deps = { store, queue: new RecordingQueue(), clock, log: silentLog };
  const { id } = await acceptFeedback(deps, { channel: 'api', customer: {}, text: 'Entrega ruim', source: { provider: 'api' } });
  await processFeedback({ ...deps, analyzer: new ScriptedAnalyzer(), bus, objects: new MemoryObjects(), customers: new InMemoryCustomerStore(), redactor: offlineRedactor }, id);
  bus.events.length = 0;
  return id;
}
const triage = (id: string, status: 'resolved' | 'open') =>
  triageFeedback({ store, bus, clock, log: silentLog, timeline, configs: noConfig } as never, id, { status }, { actor: 'agent:ana' });

beforeEach(() => {
  store = new InMemoryFeedbackStore();
  bus = new RecordingBus();
  clock = fixedClock();
});

describe('a resolution whose event the bus refused', () => {
  it('is still resolved, and the sweeper publishes the very same event later', async () => {
    const id = await analyzedItem();
    bus.failures = 1;
    await triage(id, 'resolved');
    expect(store.items.get(id)).toMatchObject({ status: 'resolved', resolvedEventPending: { by: 'agent:ana' } });
    expect(bus.events).toEqual([]);
    clock.advance(120_000);
    expect(await republishPendingEvents({ store, bus, clock, log: silentLog }, { olderThanMs: 60_000 })).toBe(1);
    const version = store.items.get(id)!.version;
    expect(bus.events.map((e) => e.id)).toEqual([`feedback.resolved:${id}:v${version}`]);
    expect(store.items.get(id)!.resolvedEventPending).toBeUndefined();
    expect(await republishPendingEvents({ store, bus, clock, log: silentLog }, { olderThanMs: 60_000 })).toBe(0);
  });

  it('is confirmed at once when the bus takes it, and dropped if the item was reopened meanwhile', async () => {
    const ok = await analyzedItem();
    await triage(ok, 'resolved');
    expect(store.items.get(ok)!.resolvedEventPending).toBeUndefined();
    expect(bus.events).toHaveLength(1);

    const reopened = await analyzedItem();
    bus.failures = 1;
    await triage(reopened, 'resolved');
    await triage(reopened, 'open');
    clock.advance(120_000);
    expect(await republishPendingEvents({ store, bus, clock, log: silentLog }, { olderThanMs: 60_000 })).toBe(0);
    expect(store.items.get(reopened)!.resolvedEventPending).toBeUndefined();
  });
});
