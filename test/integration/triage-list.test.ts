import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feedback } from '../../shared/domain/feedback.schema.js';
import { DEFAULT_SERVICE_STANDARDS } from '../../shared/domain/sla/service-standards.schema.js';
import { startSla } from '../../shared/domain/sla/sla-clock.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { quietItems } from '../support/triage-items.js';

// GET /v1/feedback through the running platform: filters, the three sorts, pagination.
let p: TestPlatform;
let items: Feedback[];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const STATUSES = ['new', 'open', 'pending', 'resolved', 'new', 'open'] as const;

beforeAll(async () => {
  p = await startTestPlatform({ pauseProcessing: true });
  items = await quietItems(
    p.container,
    Array.from({ length: 30 }, (_, i) => ({
      text: i === 7 ? 'A entrega atrasou e a atendente foi ótima' : `Pedido número ${i} com problema na cobrança`,
      customer: i === 11 ? { email: 'joao@example.com', name: 'João Conceição' } : { email: `c${i}@example.com` },
      edit: (fb: Feedback): Feedback => ({
        ...fb,
        status: STATUSES[i % STATUSES.length]!,
        priority: PRIORITIES[i % 4]!,
        labels: i % 5 === 0 ? ['vip'] : [],
        ...(i % 3 === 0 && { assignee: i % 2 === 0 ? 'tester' : 'other' }),
        // Every other item on an SLA clock, deadlines not in receipt order.
        ...(i % 2 === 0 && { sla: startSla(DEFAULT_SERVICE_STANDARDS, { at: new Date(Date.parse(fb.receivedAt) - ((i * 7) % 13) * 3_600_000), priority: 'normal', channel: fb.channel }) }),
      }),
    })),
  );
}, 60_000);
afterAll(() => p?.stop());

type Page = { items: Feedback[]; cursor?: string };
const list = async (query: string, role: 'agent' | 'admin' = 'agent'): Promise<Page> => {
  const res = await p.get(`/v1/feedback?${query}`, role);
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
};
/** Every page of a query, following the cursor. */
async function all(query: string, limit: number): Promise<Feedback[]> {
  const out: Feedback[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await list(`${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    out.push(...page.items);
    cursor = page.cursor;
    if (!cursor) return out;
  }
  throw new Error('too many pages');
}
const ids = (fbs: readonly Feedback[]) => fbs.map((f) => f.id);
const mine = (f: (fb: Feedback) => boolean) => items.filter(f);
const newestFirst = (fbs: Feedback[]) => [...fbs].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
const OPEN = (fb: Feedback) => ['new', 'open', 'pending'].includes(fb.status);

describe('GET /v1/feedback', () => {
  it('defaults to new, open and pending, newest first, 25 a page, without internals', async () => {
    const page = await list('');
    const expected = newestFirst(mine(OPEN));
    expect(ids(page.items)).toEqual(ids(expected));
    expect(page.cursor).toBeUndefined();
    expect(page.items[0]).not.toHaveProperty('sweeps');
    expect(page.items[0]).not.toHaveProperty('gsi1pk');
  });

  it('pages through `received` with a cursor, across status partitions, in order and without repeats', async () => {
    const got = await all('status=new,open,pending,resolved', 4);
    expect(ids(got)).toEqual(ids(newestFirst(items)));
  });

  it('sorts by priority: urgent first, then newest, across pages', async () => {
    const got = await all('sort=priority', 3);
    const rank = { urgent: 0, high: 1, normal: 2, low: 3 };
    const expected = [...mine(OPEN)].sort((a, b) => rank[a.priority] - rank[b.priority] || b.receivedAt.localeCompare(a.receivedAt));
    expect(ids(got)).toEqual(ids(expected));
    // The priority filter reads only those ranks.
    expect(ids(await all('sort=priority&priority=high,low', 2))).toEqual(ids(expected.filter((f) => f.priority === 'high' || f.priority === 'low')));
  });

  it('sorts by SLA deadline, soonest first (items on a clock only)', async () => {
    const got = await all('sort=due', 2);
    const onClock = mine((f) => OPEN(f) && f.sla !== undefined);
    expect(new Set(ids(got))).toEqual(new Set(ids(onClock)));
    const dues = got.map((f) => [f.sla!.firstResponseWarnAt ?? f.sla!.firstResponseDueAt, f.sla!.resolutionWarnAt ?? f.sla!.resolutionDueAt].sort()[0]!);
    expect(dues).toEqual([...dues].sort());
  });

  it('filters by priority, label, assignee (me / none / an id), channel, sentiment, language and receivedAt range', async () => {
    expect(ids((await list('priority=urgent&limit=100')).items)).toEqual(ids(newestFirst(mine((f) => OPEN(f) && f.priority === 'urgent'))));
    expect(ids(await all('label=vip', 2))).toEqual(ids(newestFirst(mine((f) => OPEN(f) && f.labels.includes('vip')))));
    expect(ids(await all('assignee=me', 2))).toEqual(ids(newestFirst(mine((f) => OPEN(f) && f.assignee === 'tester'))));
    expect(ids(await all('assignee=other', 2))).toEqual(ids(newestFirst(mine((f) => OPEN(f) && f.assignee === 'other'))));
    expect(ids(await all('assignee=none', 5))).toEqual(ids(newestFirst(mine((f) => OPEN(f) && f.assignee === undefined))));
    expect(ids(await all('channel=api', 50))).toHaveLength(mine(OPEN).length);
    expect(await all('channel=email', 50)).toEqual([]);
    const sentiment = items[0]!.sentiment!.label;
    expect(ids(await all(`sentiment=${sentiment.toLowerCase()}`, 5))).toEqual(ids(newestFirst(mine((f) => OPEN(f) && f.sentiment?.label === sentiment))));
    expect(ids(await all(`language=${items[0]!.language}`, 50))).toEqual(ids(newestFirst(mine((f) => OPEN(f) && f.language === items[0]!.language))));
    const from = items[10]!.receivedAt;
    const to = items[20]!.receivedAt;
    const inRange = (f: Feedback) => OPEN(f) && f.receivedAt >= from && f.receivedAt <= to;
    expect(ids(await all(`from=${from}&to=${to}`, 3))).toEqual(ids(newestFirst(mine(inRange))));
    expect(ids(await all(`from=${from}&to=${to}&sort=priority`, 3)).sort()).toEqual(ids(mine(inRange)).sort());
    expect(ids(await all(`from=${from}&to=${to}&sort=due`, 3)).sort()).toEqual(ids(mine((f) => inRange(f) && f.sla !== undefined)).sort());
  });

  it('matches free text case- and accent-insensitively on text and customer name', async () => {
    expect(ids((await list('q=OTIMA')).items)).toEqual([items[7]!.id]);
    expect(ids((await list('q=joao conceicao&status=new,open,pending,resolved,closed')).items)).toEqual([items[11]!.id]);
    expect(ids(await all('q=cobranca', 3))).toEqual(ids(newestFirst(mine((f) => OPEN(f) && f.text.includes('cobrança')))));
  });

  it('refuses bad parameters and a cursor from another query (400), and callers without the role', async () => {
    for (const q of ['status=later', 'sort=oldest', 'limit=0', 'limit=101', 'from=yesterday', 'priority=']) {
      expect((await p.get(`/v1/feedback?${q}`, 'agent')).status, q).toBe(400);
    }
    const { cursor } = await list('limit=2');
    const res = await p.get(`/v1/feedback?limit=2&sort=priority&cursor=${cursor}`, 'agent');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { details: Array<{ field: string }> } }).error.details[0]!.field).toBe('cursor');
    expect((await p.get('/v1/feedback')).status).toBe(401);
    const res403 = await fetch(`${p.url}/v1/feedback`, { headers: { authorization: `Bearer ${await p.token('none')}` } });
    expect(res403.status).toBe(403);
  });
});
