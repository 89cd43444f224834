import { describe, expect, it } from 'vitest';
import { recordMetrics, type ItemChange, type RecordMetricsDeps } from '../../../shared/app/record-metrics.use-case.js';
import type { Feedback } from '../../../shared/domain/feedback.schema.js';
import { creditedMayMove, slotName, streamRecordMatters } from '../../../shared/domain/metrics/metrics-changes.js';
import { analyzedItem } from '../workflows/feedback.fixture.js';
import { MemoryMetrics } from './memory-metrics.fixture.js';

const ID = '01JDQ3Z8Y7X6W5V4T3S2R1Q0PN';

/** No reads allowed: a feedback item's change must be applied from its images alone. */
function deps(metrics = new MemoryMetrics()): RecordMetricsDeps & { metrics: MemoryMetrics } {
  const noRead = async () => {
    throw new Error('read');
  };
  return { store: { get: noRead }, surveys: { get: noRead }, metricSources: { getKudos: noRead }, configs: { get: async () => undefined }, metrics };
}

/** The item's life as the stream shows it: received (v1), analyzed (v2), workflows (v3: SLA started, priority), assigned (v4). */
function history(): Feedback[] {
  const analyzed = analyzedItem('O pedido chegou quebrado', 'NEGATIVE', { category: 'complaint', keyPhrases: ['pedido quebrado'], version: 2 });
  const received: Feedback = { ...analyzed, stage: 'received', version: 1, language: undefined, sentiment: undefined, category: undefined, keyPhrases: [] };
  const workflows: Feedback = { ...analyzed, priority: 'high', version: 3 };
  const assigned: Feedback = { ...workflows, team: 'support', assignee: 'ana', status: 'open', version: 4 };
  return [received, analyzed, workflows, assigned];
}

const changesOf = (versions: Feedback[]): ItemChange[] => versions.slice(1).map((after, i) => ({ id: ID, before: versions[i]!, after }));
const expected = { items: 1, 'status.open': 1, 'sentiment.NEGATIVE': 1, 'category.complaint': 1, 'pc.pedido quebrado': 1 };
const agentCells = (m: MemoryMetrics) => [...m.aggregates.entries()].filter(([, a]) => a.counters.items === 1).map(([k]) => k.split('|').slice(3, 5).join('|'));

describe('recordMetrics from the stream images', () => {
  it('applies an item change from its images: no read, one update per cell touched, none when no counter moves', async () => {
    const d = deps();
    const [received, analyzed, workflows, assigned] = history();
    await recordMetrics(d, { items: [{ id: ID, before: received!, after: analyzed! }] });
    expect(d.metrics.updates).toBe(1);
    await recordMetrics(d, { items: [{ id: ID, before: analyzed!, after: workflows! }] });
    expect(d.metrics.updates).toBe(1); // priority and SLA start move no counter
    await recordMetrics(d, { items: [{ id: ID, before: workflows!, after: assigned! }] });
    expect(d.metrics.updates).toBe(3); // out of the unassigned cell, into ana's
    expect(d.metrics.totals()).toEqual(expected);
    expect(agentCells(d.metrics)).toEqual(['support|ana']);
  });

  it('folds a batch holding several changes of one item into its net change', async () => {
    const d = deps();
    await recordMetrics(d, { items: changesOf(history()) });
    expect(d.metrics.updates).toBe(1);
    expect(d.metrics.totals()).toEqual(expected);
  });

  it('counts each change once however the stream redelivers it: the whole batch, a bisected half, one record', async () => {
    const d = deps();
    const changes = changesOf(history());
    await recordMetrics(d, { items: changes });
    await recordMetrics(d, { items: changes });
    for (const c of changes) await recordMetrics(d, { items: [c] });
    await recordMetrics(d, { items: changes.slice(1) });
    expect(d.metrics.totals()).toEqual(expected);
    expect(agentCells(d.metrics)).toEqual(['support|ana']);
  });

  it('finishes a change that crashed between its two cell updates, without counting the first twice', async () => {
    const d = deps();
    const [received, analyzed, workflows, assigned] = history();
    await recordMetrics(d, { items: [{ id: ID, before: received!, after: analyzed! }, { id: ID, before: analyzed!, after: workflows! }] });
    d.metrics.crashOn = { method: 'applyDelta', after: 1 };
    const move = { id: ID, before: workflows!, after: assigned! };
    expect((await recordMetrics(d, { items: [move] })).failed.map((f) => f.sourceId)).toEqual([`feedback:${ID}`]);
    // The stream retries from that record, and bisects: the move alone, then with the earlier records.
    await recordMetrics(d, { items: [move] });
    await recordMetrics(d, { items: changesOf(history()) });
    expect(d.metrics.totals()).toEqual(expected);
  });

  it('takes back what a removed item contributed, and what an item sent back to analysis contributed', async () => {
    const d = deps();
    const [, analyzed, workflows] = history();
    await recordMetrics(d, { items: [{ id: ID, after: analyzed! }] });
    const reopened: Feedback = { ...workflows!, stage: 'received', version: 4 };
    await recordMetrics(d, { items: [{ id: ID, before: workflows!, after: reopened }] });
    expect(d.metrics.totals()).toEqual({});
    await recordMetrics(d, { items: [{ id: ID, before: reopened, after: { ...workflows!, version: 5 } }] });
    await recordMetrics(d, { items: [{ id: ID, before: { ...workflows!, version: 5 } }] });
    expect(d.metrics.totals()).toEqual({});
  });

  it('reconciles a survey answer through its ledger (it depends on the case it answers), reading both', async () => {
    const CASE = '01JDQ3Z8Y7X6W5V4T3S2R1CASE';
    const answer = analyzedItem('', 'POSITIVE', { channel: 'survey', text: '', rating: { type: 'csat', score: 5 }, metadata: { feedbackId: CASE } });
    const reads: string[] = [];
    const d: RecordMetricsDeps & { metrics: MemoryMetrics } = {
      ...deps(),
      store: { get: async (id) => (reads.push(id), id === ID ? answer : analyzedItem('x', 'NEGATIVE', { id: CASE, team: 'support', assignee: 'bia' })) },
    };
    await recordMetrics(d, { items: [{ id: ID, after: answer }] });
    expect(reads.sort()).toEqual([CASE, ID].sort());
    expect(d.metrics.ledgers.get(`feedback:${ID}`)?.rev).toBe(1);
    expect(agentCells(d.metrics)).toEqual(['support|bia']);
  });

  it('moves what is credited through an item when its team or agent changes, not when a new item is first analyzed', async () => {
    const [received, analyzed, workflows, assigned] = history();
    expect(creditedMayMove(received, analyzed)).toBe(false);
    expect(creditedMayMove(analyzed, workflows)).toBe(false);
    expect(creditedMayMove(workflows, assigned)).toBe(true);
    expect(creditedMayMove({ ...workflows!, stage: 'received', version: 4 }, { ...workflows!, language: 'en', version: 5 })).toBe(true);
    const d = deps();
    const asked: string[] = [];
    d.metrics.relatedSources = async (id) => (asked.push(id), []);
    await recordMetrics(d, { items: changesOf(history()).slice(0, 2) });
    expect(asked).toEqual([]);
    await recordMetrics(d, { items: changesOf(history()).slice(2) });
    expect(asked).toEqual([ID]);
  });
});

describe('metrics stream rules', () => {
  it('lets through what can move a counter: feedback not received on both sides, surveys, kudos', () => {
    const fb = { pk: `FEEDBACK#${ID}`, sk: 'FEEDBACK' };
    expect(streamRecordMatters(fb, undefined, 'received')).toBe(false);
    expect(streamRecordMatters(fb, 'received', 'received')).toBe(false);
    expect(streamRecordMatters(fb, 'received', undefined)).toBe(false);
    expect(streamRecordMatters(fb, 'received', 'analyzed')).toBe(true);
    expect(streamRecordMatters(fb, 'analyzed', 'received')).toBe(true);
    expect(streamRecordMatters(fb, undefined, 'analyzed')).toBe(true);
    expect(streamRecordMatters(fb, 'analyzed', undefined)).toBe(true);
    expect(streamRecordMatters({ pk: 'SURVEY#1', sk: 'SURVEY' }, undefined, undefined)).toBe(true);
    expect(streamRecordMatters({ pk: 'KUDOS#ana', sk: `FEEDBACK#${ID}` }, undefined, undefined)).toBe(true);
    expect(streamRecordMatters({ pk: 'METRICS#2026-01-01', sk: 'a|b|c|d#0' }, undefined, undefined)).toBe(false);
  });

  it('names slots shortly and distinctly', () => {
    const names = new Set(Array.from({ length: 5000 }, (_, i) => slotName(`feedback:01JDQ3Z8Y7X6W5V4T3S2R${String(i).padStart(5, '0')}`)));
    expect(names.size).toBe(5000);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(15);
  });
});
