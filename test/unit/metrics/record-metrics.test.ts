import { describe, expect, it } from 'vitest';
import { reconcileMetrics, recordMetrics, type RecordMetricsDeps } from '../../../shared/app/record-metrics.use-case.js';
import type { Feedback } from '../../../shared/domain/feedback.schema.js';
import { DEFAULT_SERVICE_STANDARDS } from '../../../shared/domain/sla/service-standards.schema.js';
import type { MetricsLedger } from '../../../shared/ports/metrics-store.port.js';
import { analyzedItem } from '../workflows/feedback.fixture.js';
import { MemoryMetrics } from './memory-metrics.fixture.js';

function deps(items: Map<string, Feedback>, metrics = new MemoryMetrics()): RecordMetricsDeps & { metrics: MemoryMetrics } {
  return {
    store: { get: async (id) => items.get(id) },
    surveys: { get: async () => undefined },
    metricSources: { getKudos: async () => undefined },
    configs: { get: async () => undefined },
    metrics,
  };
}

const std = DEFAULT_SERVICE_STANDARDS;
const ID = '01JDQ3Z8Y7X6W5V4T3S2R1Q0PN';

describe('reconcileMetrics', () => {
  it('counts a source once however often it is reconciled', async () => {
    const items = new Map([[ID, analyzedItem('x', 'NEGATIVE', { category: 'complaint' })]]);
    const d = deps(items);
    expect(await reconcileMetrics(d, `feedback:${ID}`, std)).toBe(true);
    for (let i = 0; i < 5; i++) expect(await reconcileMetrics(d, `feedback:${ID}`, std)).toBe(false);
    expect(d.metrics.totals()).toEqual({ items: 1, 'status.new': 1, 'sentiment.NEGATIVE': 1, 'category.complaint': 1 });
    expect(d.metrics.ledgers.get(`feedback:${ID}`)?.rev).toBe(1);
  });

  it('follows changes: the aggregates hold the latest state only', async () => {
    const items = new Map([[ID, analyzedItem('x', 'NEGATIVE', { category: 'complaint' })]]);
    const d = deps(items);
    await reconcileMetrics(d, `feedback:${ID}`, std);
    items.set(ID, { ...items.get(ID)!, status: 'open', assignee: 'ana' });
    await reconcileMetrics(d, `feedback:${ID}`, std);
    items.set(ID, { ...items.get(ID)!, status: 'resolved', resolvedAt: '2026-11-27T16:00:00.000Z' });
    await reconcileMetrics(d, `feedback:${ID}`, std);
    const t = d.metrics.totals();
    expect(t.items).toBe(1);
    expect(t['status.resolved']).toBe(1);
    expect(t['status.new']).toBeUndefined();
    expect(t.handled).toBe(1);
    expect(d.metrics.ledgers.get(`feedback:${ID}`)?.rev).toBe(3);
  });

  it('finishes a revision that crashed half-way, counting each delta once', async () => {
    const items = new Map([[ID, analyzedItem('x', 'NEGATIVE', { category: 'complaint' })]]);
    const d = deps(items);
    await reconcileMetrics(d, `feedback:${ID}`, std);
    // Reassigned: two deltas (out of the old cell, into the new); crash after the first.
    items.set(ID, { ...items.get(ID)!, assignee: 'bia' });
    d.metrics.crashOn = { method: 'applyDelta', after: 1 };
    await expect(reconcileMetrics(d, `feedback:${ID}`, std)).rejects.toThrow('crash');
    expect(d.metrics.ledgers.get(`feedback:${ID}`)?.pending?.rev).toBe(2);
    // Meanwhile the item changed again; the next run finishes revision 2 first, then applies revision 3.
    items.set(ID, { ...items.get(ID)!, status: 'open' });
    expect(await reconcileMetrics(d, `feedback:${ID}`, std)).toBe(true);
    expect(d.metrics.totals()).toEqual({ items: 1, 'status.open': 1, 'sentiment.NEGATIVE': 1, 'category.complaint': 1 });
    const byAgent = [...d.metrics.aggregates.entries()].filter(([, a]) => a.counters.items === 1).map(([k]) => k);
    expect(byAgent).toHaveLength(1);
    expect(byAgent[0]).toContain('|bia|');
  });

  it('re-applies nothing when it crashed after every delta but before the commit', async () => {
    const items = new Map([[ID, analyzedItem('x', 'POSITIVE', { category: 'praise' })]]);
    const d = deps(items);
    d.metrics.crashOn = { method: 'commitRevision', after: 0 };
    await expect(reconcileMetrics(d, `feedback:${ID}`, std)).rejects.toThrow('crash');
    expect(d.metrics.totals().items).toBe(1);
    expect(await reconcileMetrics(d, `feedback:${ID}`, std)).toBe(false);
    expect(d.metrics.totals().items).toBe(1);
    const agg = [...d.metrics.aggregates.values()][0]!;
    expect([...agg.slots]).toEqual([[`feedback:${ID}`, 1]]);
  });

  it('never commits a staler state than one another run committed meanwhile', async () => {
    const items = new Map([[ID, analyzedItem('x', 'NEGATIVE', { category: 'complaint' })]]);
    const d = deps(items);
    await reconcileMetrics(d, `feedback:${ID}`, std);
    const stale = { ...items.get(ID)!, status: 'open' as const };
    const fresh = { ...items.get(ID)!, status: 'resolved' as const };
    items.set(ID, fresh);
    let raced = false;
    let bDone: () => void = () => {};
    const bFinished = new Promise<void>((ok) => (bDone = ok));
    // Run A reads the item as it was (open) while run B, triggered by the newer change, commits
    // `resolved`. A's first ledger read answers once B is done, or after 20 ms if nothing happens
    // meanwhile (a ledger read made after the item read would see B's revision: the staleness A
    // must not act on).
    const racing = {
      ...d,
      metrics: Object.assign(Object.create(d.metrics) as MemoryMetrics, {
        getLedger: async (id: string) => {
          if (!raced) await Promise.race([bFinished, new Promise((ok) => setTimeout(ok, 20))]);
          return d.metrics.getLedger(id);
        },
      }),
      store: {
        get: async (id: string) => {
          if (raced) return items.get(id);
          raced = true;
          await reconcileMetrics(d, `feedback:${ID}`, std);
          bDone();
          return stale;
        },
      },
    } as RecordMetricsDeps;
    await reconcileMetrics(racing, `feedback:${ID}`, std);
    expect(d.metrics.totals()['status.resolved']).toBe(1);
    expect(d.metrics.totals()['status.open']).toBeUndefined();
  });

  it('takes back what an item no longer contributes (sent back to analysis)', async () => {
    const items = new Map([[ID, analyzedItem('x', 'POSITIVE')]]);
    const d = deps(items);
    await reconcileMetrics(d, `feedback:${ID}`, std);
    items.set(ID, { ...items.get(ID)!, stage: 'received' });
    await reconcileMetrics(d, `feedback:${ID}`, std);
    expect(d.metrics.totals()).toEqual({});
    expect(d.metrics.ledgers.get(`feedback:${ID}`)).toEqual({ sourceId: `feedback:${ID}`, rev: 2 });
  });
});

describe('recordMetrics', () => {
  it('moves what is credited through an item when that item is reassigned (survey answers follow their case)', async () => {
    const CASE = '01JDQ3Z8Y7X6W5V4T3S2R1CASE';
    const ANSWER = '01JDQ3Z8Y7X6W5V4T3S2R1ANSW';
    const items = new Map([
      [CASE, analyzedItem('x', 'NEGATIVE', { id: CASE, category: 'complaint', assignee: 'ana' })],
      [ANSWER, analyzedItem('', 'POSITIVE', { id: ANSWER, channel: 'survey', text: '', rating: { type: 'csat', score: 5 }, metadata: { feedbackId: CASE } })],
    ]);
    const d = deps(items);
    await recordMetrics(d, { sourceIds: [`feedback:${CASE}`, `feedback:${ANSWER}`] });
    const csatOf = (agent: string) =>
      [...d.metrics.aggregates.entries()].filter(([k]) => k.includes(`|${agent}|`)).reduce((n, [, a]) => n + (a.counters['csat.5'] ?? 0), 0);
    expect(csatOf('ana')).toBe(1);
    items.set(CASE, { ...items.get(CASE)!, assignee: 'bia' });
    // Only the case changed (the stream says so); its answer follows.
    const out = await recordMetrics(d, { sourceIds: [`feedback:${CASE}`] });
    expect(out.changed).toBe(2);
    expect(csatOf('ana')).toBe(0);
    expect(csatOf('bia')).toBe(1);
    // Nothing else moves: a status change keeps the cell, and the answer is not reconciled again.
    items.set(CASE, { ...items.get(CASE)!, status: 'open' });
    expect((await recordMetrics(d, { sourceIds: [`feedback:${CASE}`] })).changed).toBe(1);
  });

  it('reconciles each distinct source of a batch and reports the ones that failed', async () => {
    const items = new Map([[ID, analyzedItem('x', 'NEUTRAL')]]);
    const d: RecordMetricsDeps = {
      ...deps(items),
      store: {
        get: async (id: string) => {
          if (id === 'boom') throw new Error('store down');
          return items.get(id);
        },
      },
    };
    const out = await recordMetrics(d, { sourceIds: [`feedback:${ID}`, `feedback:${ID}`, 'feedback:boom', 'not-a-source'] });
    expect(out.changed).toBe(1);
    expect(out.failed.map((f) => f.sourceId)).toEqual(['feedback:boom']);
  });
});
