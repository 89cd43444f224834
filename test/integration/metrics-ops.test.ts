import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachStoreOpCounter } from '../../local/bench/store-op-counter.js';
import { startEmulators, type Emulators } from '../../local/emulators.js';
import { ensureTable } from '../../local/provision.js';
import { DynamoMetricsStore } from '../../shared/adapters/dynamo-metrics-store.adapter.js';
import { recordMetrics, type ItemChange, type RecordMetricsDeps } from '../../shared/app/record-metrics.use-case.js';
import type { Feedback } from '../../shared/domain/feedback.schema.js';
import { sumCounters } from '../../shared/domain/metrics/metrics-counters.js';
import { streamRecordMatters } from '../../shared/domain/metrics/metrics-changes.js';
import { analyzedItem } from '../unit/workflows/feedback.fixture.js';

/**
 * What the metrics cost per item at steady state on a busy day: 2,000 ordinary items received on
 * one day in a few cells (two languages; questions assigned to an agent), their stream records
 * delivered in batches of 100 as the event source mapping would, each item's changes in different
 * batches (the worst case: nothing folded). Counted on the store client for the last 100 items.
 */
const TABLE = 'metrics-ops';
const DAY = '2026-11-27';
let emulators: Emulators;
let client: DynamoDBClient;

const newClient = () => new DynamoDBClient({ region: 'us-east-1', endpoint: emulators.dynamodbEndpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });

beforeAll(async () => {
  emulators = await startEmulators(undefined);
  client = newClient();
  await ensureTable(client, TABLE);
});
afterAll(async () => {
  client?.destroy();
  await emulators?.stop();
});

const COMPLAINT_PHRASES = Array.from({ length: 40 }, (_, i) => `${['entrega atrasada', 'cobrança indevida', 'app travando', 'atendimento demorado', 'produto quebrado'][i % 5]} ${i}`);
const PRAISE_PHRASES = Array.from({ length: 20 }, (_, i) => `${['great support', 'fast delivery', 'very helpful'][i % 3]} ${i}`);
const KINDS = ['complaint', 'complaint', 'question', 'praise', 'suggestion', 'complaint', 'question', 'other', 'complaint', 'suggestion'] as const;

/** One item's life as the stream shows it: received (v1), analyzed (v2), workflows (v3), assigned (v4, questions), event mark (v4/v3, no change). */
function lifeOf(n: number): Feedback[] {
  const id = `01JDQ3Z8Y7X6W5V4T3S${String(n).padStart(7, '0')}`;
  const kind = KINDS[n % KINDS.length]!;
  const phrases = kind === 'complaint' ? COMPLAINT_PHRASES : kind === 'praise' ? PRAISE_PHRASES : [];
  const keyPhrases = phrases.length ? [0, 1, 2].map((k) => phrases[(n * 7 + k * 13) % phrases.length]!) : [];
  const sentiment = kind === 'complaint' ? 'NEGATIVE' : kind === 'praise' ? 'POSITIVE' : 'NEUTRAL';
  const receivedAt = `${DAY}T${String(12 + (n % 8)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:00.000Z`;
  const analyzed = analyzedItem('texto', sentiment, { id, channel: 'api', receivedAt, language: n % 3 === 0 ? 'en' : 'pt', category: kind, keyPhrases, version: 2 });
  const received: Feedback = { ...analyzed, stage: 'received', version: 1, language: undefined, sentiment: undefined, category: undefined, keyPhrases: [] };
  const workflows: Feedback = { ...analyzed, priority: kind === 'complaint' ? 'high' : 'normal', version: 3 };
  const life = [received, analyzed, workflows];
  if (kind === 'question') life.push({ ...workflows, team: 'support', assignee: 'ana', status: 'open', version: 4 });
  const last = life[life.length - 1]!;
  life.push({ ...last, eventPublishedAt: receivedAt });
  return life;
}

/** The records of items [from, to) in stream order: each step of 50 items at a time, so an item's records land in different batches. */
function records(from: number, to: number): ItemChange[] {
  const out: ItemChange[] = [];
  for (let block = from; block < to; block += 50) {
    const lives = Array.from({ length: Math.min(50, to - block) }, (_, i) => lifeOf(block + i));
    for (let step = 0; step < 5; step++) {
      for (const life of lives) {
        const before = step === 0 ? undefined : life[step - 1];
        const after = life[step];
        if (!after) continue;
        const keys = { pk: `FEEDBACK#${after.id}`, sk: 'FEEDBACK' };
        // The event source mapping's filter drops what cannot move a counter (created received, sweeps).
        if (!streamRecordMatters(keys, before?.stage, after.stage)) continue;
        out.push({ id: after.id, ...(before && { before }), after });
      }
    }
  }
  return out;
}

async function deliver(deps: RecordMetricsDeps, changes: ItemChange[]): Promise<void> {
  for (let i = 0; i < changes.length; i += 100) expect((await recordMetrics(deps, { items: changes.slice(i, i + 100) })).failed).toEqual([]);
}

describe('metrics store operations per item', () => {
  it('stay within 3 operations and 4 write units per ordinary item on a busy day (the last 100 of 2,000)', async () => {
    const noRead = async () => {
      throw new Error('an item change must not read the table');
    };
    const depsOn = (metrics: DynamoMetricsStore): RecordMetricsDeps => ({ store: { get: noRead }, surveys: { get: noRead }, metricSources: { getKudos: noRead }, configs: { get: async () => undefined }, metrics });
    const metrics = new DynamoMetricsStore(client, TABLE);
    await deliver(depsOn(metrics), records(0, 1900));
    // The last 100 through a counted client (write units from each item's images before and after).
    const counted = newClient();
    const c = attachStoreOpCounter(counted, { tableName: TABLE, units: { imageReader: newClient() } });
    await deliver(depsOn(new DynamoMetricsStore(counted, TABLE)), records(1900, 2000));
    const ops = c.snapshot();
    const perItem = { ops: (ops.reads + ops.writes) / 100, writeUnits: ops.writeUnits / 100 };
    console.log('metrics per item (busy day, last 100 of 2,000):', JSON.stringify({ ...perItem, byCommand: ops.byCommand }));
    expect(perItem.ops).toBeLessThanOrEqual(3);
    expect(perItem.writeUnits).toBeLessThanOrEqual(4);
    // And every item counted once.
    const { rows } = await metrics.readDays([DAY]);
    const totals = sumCounters(rows);
    expect(totals.items).toBe(2000);
    expect(totals['status.open']).toBe(400);
    expect(totals['category.complaint']).toBe(800);
  }, 240_000);
});
