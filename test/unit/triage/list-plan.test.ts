import { describe, expect, it } from 'vitest';
import { filterExpression, indexPlan } from '../../../shared/adapters/dynamo-feedback-listing.adapter.js';
import { mergePartitions, type FetchPartition } from '../../../shared/adapters/partition-merge.js';
import { ListQuerySchema, matchesText, planList } from '../../../shared/domain/triage/feedback-list.query.js';

const plan = (q: Record<string, string>, sub = 'ana') => planList(ListQuerySchema.parse(q), { sub });

describe('list query planning', () => {
  it('reads every shard of the status partitions of gsi1 for `received`, filtering the rest', () => {
    const p = plan({ priority: 'urgent,high', assignee: 'me', from: '2030-01-01' });
    expect(indexPlan(p)).toEqual({
      index: 'gsi1', order: 'desc',
      partitions: ['new', 'open', 'pending'].flatMap((s) => [0, 1, 2, 3].map((n) => ({ key: `STATUS#${s}#${n}`, group: 0 }))),
    });
    expect(p.range).toEqual({ from: '2030-01-01T00:00:00.000Z' });
    expect(p.filters).toEqual({ priorities: ['urgent', 'high'], assignee: 'ana' });
    expect(filterExpression(p.filters).expression).toBe('#priority IN (:pr0, :pr1) AND #assignee = :assignee');
  });

  it('reads status × rank × shard partitions of gsi5 for `priority`, urgent first, the priority filter as keys', () => {
    const p = plan({ sort: 'priority', status: 'open', priority: 'low,urgent', assignee: 'none' });
    expect(indexPlan(p).partitions).toEqual([
      ...[0, 1, 2, 3].map((n) => ({ key: `PRIORITY#open#0#${n}`, group: 0 })),
      ...[0, 1, 2, 3].map((n) => ({ key: `PRIORITY#open#3#${n}`, group: 3 })),
    ]);
    expect(p.filters).toEqual({ assignee: null });
    expect(filterExpression(p.filters).expression).toBe('attribute_not_exists(#assignee)');
  });

  it('reads the SLA shards of gsi2 for `due`, soonest first, with status and the date range as filters', () => {
    const p = plan({ sort: 'due', to: '2030-01-31', label: 'vip,vip,b', sentiment: 'negative' });
    expect(indexPlan(p)).toMatchObject({ index: 'gsi2', order: 'asc', partitions: [0, 1, 2, 3].map((i) => ({ key: `SLA#${i}`, group: 0 })) });
    expect(p.range).toEqual({});
    expect(p.filters).toEqual({ statuses: ['new', 'open', 'pending'], sentiments: ['NEGATIVE'], labels: ['vip', 'b'], to: '2030-01-31T23:59:59.999Z' });
    const f = filterExpression(p.filters);
    expect(f.expression).toBe('#status IN (:st0, :st1, :st2) AND #sentiment.#label IN (:se0) AND (contains(#labels, :lb0) OR contains(#labels, :lb1)) AND #receivedAt <= :to');
    expect(f.values).toMatchObject({ ':lb1': 'b', ':to': '2030-01-31T23:59:59.999Z' });
  });

  it('refuses unknown values, limits out of range and an inverted range', () => {
    for (const q of [{ status: 'done' }, { sort: 'oldest' }, { limit: '0' }, { limit: '101' }, { from: '2030-02-01', to: '2030-01-01' }, { channel: 'fax' }]) {
      expect(ListQuerySchema.safeParse(q).success, JSON.stringify(q)).toBe(false);
    }
    expect(plan({}).limit).toBe(25);
  });

  it('matches free text without case or accents, every word', () => {
    const fb = { text: 'A entrega ATRASOU', subject: 'Pedido', customer: { name: 'João Conceição', email: 'j@x.com' } };
    expect(matchesText(fb, 'atrasou joao')).toBe(true);
    expect(matchesText(fb, 'conceicao pedido')).toBe(true);
    expect(matchesText(fb, 'atrasou maria')).toBe(false);
  });
});

describe('partition merge', () => {
  const data: Record<string, string[]> = { a: ['9', '7', '3', '1'], b: ['8', '6', '5'], c: ['4', '2'] };
  const reads: string[] = [];
  const fetch: FetchPartition<string> = async (p, after, limit) => {
    reads.push(p.key);
    const rest = data[p.key]!.filter((sk) => after === undefined || sk < after);
    const page = rest.slice(0, limit);
    return { items: page.map((sk) => ({ sk, value: `${p.key}${sk}` })), ...(rest.length > limit && { next: page[page.length - 1]! }) };
  };
  const opts = { order: 'desc' as const, readSize: 2, maxReads: 20 };

  it('merges in order across pages, resuming each partition at its position', async () => {
    const parts = ['a', 'b', 'c'].map((key) => ({ key, group: 0 }));
    const got: string[] = [];
    let positions = {};
    for (let i = 0; i < 10; i++) {
      const r = await mergePartitions(parts, positions, fetch, { ...opts, limit: 4 });
      got.push(...r.items);
      positions = r.positions;
      if (r.done) break;
    }
    expect(got).toEqual(['a9', 'b8', 'a7', 'b6', 'b5', 'c4', 'a3', 'c2', 'a1']);
  });

  it('reads a later group only when the earlier ones are exhausted', async () => {
    reads.length = 0;
    const r = await mergePartitions([{ key: 'b', group: 0 }, { key: 'a', group: 1 }], {}, fetch, { ...opts, limit: 2 });
    expect(r.items).toEqual(['b8', 'b6']);
    expect(reads).toEqual(['b']);
  });

  it('stops at its read budget with a position past what filters rejected', async () => {
    const r = await mergePartitions([{ key: 'a', group: 0 }], {}, fetch, { ...opts, limit: 5, maxReads: 1, accept: () => false });
    expect(r).toEqual({ items: [], positions: { a: '7' }, done: false });
  });
});
