import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { writeUnits } from '../../../local/bench/store-op-counter.js';
import { describe, expect, it } from 'vitest';
import { feedbackItem, INDEX_SHARDS, indexShard, SHARD_NUMBERS, statusIndexPk } from '../../../shared/adapters/dynamo-feedback-store.adapter.js';
import { queryShards, type IndexItem, type ShardedQuery } from '../../../shared/adapters/dynamo-sharded-query.js';
import type { Positions } from '../../../shared/adapters/partition-merge.js';
import { TABLE_INDEXES } from '../../../shared/adapters/dynamo-table.definition.js';
import type { Feedback } from '../../../shared/domain/feedback.schema.js';
import { DEFAULT_SERVICE_STANDARDS } from '../../../shared/domain/sla/service-standards.schema.js';
import { startSla } from '../../../shared/domain/sla/sla-clock.js';

// Deterministic ULID-shaped ids (Crockford base32), so the shard of each is fixed.
const B32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const idOf = (n: number) => `01J0000000${Array.from({ length: 16 }, (_, i) => B32[(n * 7 + i * 13 + ((n >> i) & 31)) % 32]).join('')}`;

const base: Feedback = {
  id: idOf(1), channel: 'api', receivedAt: '2030-01-01T12:00:00.000Z', customer: { id: 'C1', email: 'a@example.com' }, text: 'x',
  keyPhrases: [], status: 'new', priority: 'high', labels: [], source: { provider: 'api' }, stage: 'analyzed', sweeps: 0, version: 2,
  createdAt: '2030-01-01T12:00:00.000Z', updatedAt: '2030-01-01T12:00:00.000Z',
};

describe('sharded index keys', () => {
  it('puts every partition all items write to on the shard of the id: status, priority, stage, SLA', () => {
    const at = `${base.receivedAt}#${base.id}`;
    const n = indexShard(base.id);
    const sla = startSla(DEFAULT_SERVICE_STANDARDS, { at: new Date(base.receivedAt), priority: 'high', channel: 'api' });
    expect(feedbackItem({ ...base, sla })).toMatchObject({
      gsi1pk: `STATUS#new#${n}`, gsi1sk: at,
      gsi5pk: `PRIORITY#new#1#${n}`, gsi5sk: at,
      gsi2pk: `SLA#${n}`,
      gsi3pk: 'CUSTOMER#C1', gsi3sk: at, // one customer's partition: not shared by all items, not sharded
    });
    const received = feedbackItem({ ...base, stage: 'received', version: 1 });
    expect(received).toMatchObject({ gsi4pk: `STAGE#received#${n}`, gsi4sk: at });
    expect(received).not.toHaveProperty('gsi1pk');
    expect(feedbackItem({ ...base, resolvedEventPending: { version: 3, at: '2030-01-02T00:00:00.000Z', by: 'ana' } })).toMatchObject({
      gsi4pk: `EVENTS#pending#${n}`, gsi4sk: `2030-01-02T00:00:00.000Z#${base.id}`,
    });
  });

  it('spreads ids evenly and keeps an id on one shard', () => {
    const counts = new Array<number>(INDEX_SHARDS).fill(0);
    for (let i = 0; i < 4000; i++) counts[indexShard(idOf(i))]!++;
    for (const c of counts) expect(c).toBeGreaterThan(4000 / INDEX_SHARDS * 0.85);
    expect(indexShard(base.id)).toBe(indexShard(base.id));
  });

  it('projects only small attributes into the indexes every item is written to', () => {
    for (const i of TABLE_INDEXES) expect(i.projection, i.name).not.toBe('ALL');
    const gsi1 = TABLE_INDEXES.find((i) => i.name === 'gsi1')!;
    expect(gsi1.nonKeyAttributes).not.toContain('text');
    expect(gsi1.nonKeyAttributes).toEqual(expect.arrayContaining(['status', 'priority', 'labels', 'assignee', 'receivedAt']));
  });
});

/** A fake Query over index partitions with DynamoDB's paging rules: Limit counts before the filter. */
function fakeIndex(partitions: Record<string, Array<{ sk: string; keep?: boolean }>>) {
  const queries: string[] = [];
  const doc = {
    send: async (cmd: { input: Record<string, unknown> }) => {
      const input = cmd.input as { ExpressionAttributeValues: Record<string, string>; ScanIndexForward: boolean; Limit: number; ExclusiveStartKey?: Record<string, string>; FilterExpression?: string };
      const pk = input.ExpressionAttributeValues[':pk']!;
      queries.push(pk);
      const asc = input.ScanIndexForward;
      const rows = [...(partitions[pk] ?? [])].sort((a, b) => (asc ? a.sk.localeCompare(b.sk) : b.sk.localeCompare(a.sk)));
      const after = input.ExclusiveStartKey?.gsi1sk;
      const rest = rows.filter((r) => after === undefined || (asc ? r.sk > after : r.sk < after));
      const evaluated = rest.slice(0, input.Limit);
      const Items = evaluated.filter((r) => !input.FilterExpression || r.keep !== false).map((r) => ({ pk: `FEEDBACK#${r.sk.split('#')[1]}`, sk: 'FEEDBACK', gsi1pk: pk, gsi1sk: r.sk }));
      return { Items, ...(rest.length > input.Limit && { LastEvaluatedKey: { gsi1pk: pk, gsi1sk: evaluated.at(-1)!.sk } }) };
    },
  } as unknown as DynamoDBDocumentClient;
  return { doc, queries };
}

describe('merged reads of the shards', () => {
  const rows = Array.from({ length: 30 }, (_, i) => {
    const id = idOf(i);
    return { id, shard: indexShard(id), sk: `2030-01-01T12:${String(i).padStart(2, '0')}:00.000Z#${id}` };
  });
  const byShard = (keep?: (r: (typeof rows)[number]) => boolean) =>
    Object.fromEntries(SHARD_NUMBERS.map((n) => [statusIndexPk('new', n), rows.filter((r) => r.shard === n).map((r) => ({ sk: r.sk, keep: keep ? keep(r) : true }))]));
  const query: ShardedQuery = { tableName: 't', index: 'gsi1', partitions: SHARD_NUMBERS.map((n) => ({ key: statusIndexPk('new', n), group: 0 })), order: 'desc' };
  const ids = (items: IndexItem[]) => items.map((i) => String(i.pk).slice('FEEDBACK#'.length));

  async function everyPage(doc: DynamoDBDocumentClient, limit: number, q = query) {
    const got: IndexItem[] = [];
    let positions: Positions = {};
    for (let page = 0; page < 100; page++) {
      const r = await queryShards(doc, q, positions, { limit, readSize: 3, maxReads: 40 });
      expect(r.items.length).toBeLessThanOrEqual(limit);
      got.push(...r.items);
      // The cursor is plain JSON (the listing encodes it): it survives a round trip.
      positions = JSON.parse(JSON.stringify(r.positions)) as Positions;
      if (r.done) return got;
    }
    throw new Error('never done');
  }

  it('spans every shard in the fixture', () => {
    expect(new Set(rows.map((r) => r.shard)).size).toBe(INDEX_SHARDS);
  });

  it('returns one order across shards, page after page, without repeats or gaps', async () => {
    const { doc } = fakeIndex(byShard());
    const got = await everyPage(doc, 4);
    expect(ids(got)).toEqual([...rows].reverse().map((r) => r.id));
  });

  it('keeps going when a filter empties a shard, and finishes', async () => {
    const emptied = rows[0]!.shard;
    const { doc, queries } = fakeIndex(byShard((r) => r.shard !== emptied && r.sk.slice(14, 16) !== '07'));
    const got = await everyPage(doc, 5, { ...query, filter: 'x' });
    expect(ids(got)).toEqual([...rows].reverse().filter((r) => r.shard !== emptied && r.sk.slice(14, 16) !== '07').map((r) => r.id));
    expect(queries.filter((q) => q === statusIndexPk('new', emptied)).length).toBeGreaterThan(0);
  });

  it('reads ascending (the sweeper: oldest first) with the same positions', async () => {
    const { doc } = fakeIndex(byShard());
    const got = await everyPage(doc, 7, { ...query, order: 'asc' });
    expect(ids(got)).toEqual(rows.map((r) => r.id));
  });
});

/** DynamoDB's attribute-value form of a plain record (enough for feedback records). */
const av = (v: unknown): AttributeValue =>
  typeof v === 'string' ? { S: v }
  : typeof v === 'number' ? { N: String(v) }
  : typeof v === 'boolean' ? { BOOL: v }
  : Array.isArray(v) ? { L: v.map(av) }
  : v && typeof v === 'object' ? { M: image(v as Record<string, unknown>) }
  : { NULL: true };
const image = (o: Record<string, unknown>): Record<string, AttributeValue> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => [k, av(v)]));
const indexUnits = (before: Feedback | undefined, after: Feedback) => writeUnits(before && image(feedbackItem(before)), image(feedbackItem(after))).index;

describe('index write units of one item (the table definition, as DynamoDB bills them)', () => {
  // A long complaint: 3 KB of text never reaches an index entry.
  const received: Feedback = { ...base, stage: 'received', version: 1, text: 'A entrega atrasou. '.repeat(160) };
  const analyzed: Feedback = { ...received, stage: 'analyzed', version: 2, language: 'pt', category: 'complaint', sentiment: { label: 'NEGATIVE', scores: { Positive: 0, Negative: 0.9, Neutral: 0.1, Mixed: 0 } }, keyPhrases: ['entrega'], status: 'new', priority: 'normal' };

  it('costs 1 WU per entry: received 2 (gsi4, gsi3), analyzed 3 (gsi4 out, gsi1 and gsi5 in)', () => {
    expect(indexUnits(undefined, received)).toBe(2);
    expect(indexUnits(received, analyzed)).toBe(3);
  });

  it('rewrites no entry for a version bump, the event mark or an SLA pause; 1 per entry for a label; 3 for a raised priority', () => {
    expect(indexUnits(analyzed, { ...analyzed, version: 3, eventPublishedAt: '2030-01-01T12:00:01.000Z', updatedAt: '2030-01-01T12:00:01.000Z' })).toBe(0);
    expect(indexUnits(analyzed, { ...analyzed, labels: ['vip'] })).toBe(2);
    // gsi1 rewritten (1), gsi5 moved to another rank (delete 1 + put 1).
    expect(indexUnits(analyzed, { ...analyzed, priority: 'high' })).toBe(3);
  });
});
