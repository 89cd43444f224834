import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feedback } from '../../shared/domain/feedback.schema.js';
import { metricsDay } from '../../shared/domain/metrics/metrics-counters.js';
import { MetricsReportSchema, type MetricsReport } from '../../shared/domain/metrics/metrics-report.schema.js';
import { DEFAULT_SERVICE_STANDARDS } from '../../shared/domain/sla/service-standards.schema.js';
import { DynamoBacklogReader } from '../../shared/adapters/dynamo-backlog-reader.adapter.js';
import { config } from '../../shared/runtime/config.js';
import { awsClients } from '../../local/container.js';
import { API_SAMPLES } from '../support/api-samples.js';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { quietItems } from '../support/triage-items.js';

// GET /v1/metrics on the running platform: auth, query errors, the report from the aggregates the
// platform keeps (the table stream → record-metrics) and the backlog from the status index.
let p: TestPlatform;
const HOUR = 3_600_000;
const TZ = DEFAULT_SERVICE_STANDARDS.timezone;
/** Phone items written straight to the store (no workflows), at known ages. */
let phone: Feedback[];

async function phoneItem(hoursAgo: number, status: Feedback['status'], assignee?: string): Promise<Feedback> {
  const [fb] = await quietItems(
    p.container,
    [{ text: 'O atendente não resolveu meu problema com a fatura', edit: (f) => ({ ...f, channel: 'phone', team: 'support', status, ...(assignee && { assignee }) }) }],
    Date.now() - hoursAgo * HOUR,
  );
  return fb!;
}

beforeAll(async () => {
  p = await startTestPlatform();
  phone = [await phoneItem(2, 'new', 'ana'), await phoneItem(50, 'open', 'ana'), await phoneItem(240, 'pending', 'bea'), await phoneItem(40 * 24, 'resolved', 'bea')];
}, 60_000);
afterAll(() => p?.stop());

const metrics = async (query = '', role: 'agent' | 'admin' = 'agent') => p.get(`/v1/metrics${query}`, role);
const report = async (query = ''): Promise<MetricsReport> => {
  const res = await metrics(query);
  expect(res.status).toBe(200);
  return MetricsReportSchema.parse(await res.json());
};
const errorFields = async (res: Response) => ((await res.json()) as { error: { details: { field: string }[] } }).error.details.map((d) => d.field);

describe('GET /v1/metrics: access and query', () => {
  it('needs a bearer token (401) with the admin or agent role (403)', async () => {
    expect((await p.get('/v1/metrics')).status).toBe(401);
    const res = await fetch(`${p.url}/v1/metrics`, { headers: { authorization: `Bearer ${await p.token('none')}` } });
    expect(res.status).toBe(403);
    expect((await metrics('', 'admin')).status).toBe(200);
  });

  it('refuses a bad date and from after to with a 400 naming from', async () => {
    const bad = await metrics('?from=2026-02-30');
    expect(bad.status).toBe(400);
    expect(await errorFields(bad)).toEqual(['from']);
    const reversed = await metrics('?from=2026-03-02&to=2026-03-01');
    expect(reversed.status).toBe(400);
    expect(await errorFields(reversed)).toEqual(['from']);
    const tooLong = await metrics('?from=2020-01-01&to=2026-01-01');
    expect(tooLong.status).toBe(400);
    expect(await errorFields(tooLong)).toEqual(['from']);
  });

  it('answers a schema-valid report for the last 30 days in a handful of reads, cached privately for a minute', async () => {
    const res = await metrics();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, max-age=60');
    const r = MetricsReportSchema.parse(await res.json());
    expect(r.range).toMatchObject({ to: metricsDay(new Date(), TZ), timezone: TZ, days: 30 });
    expect(r.daily).toHaveLength(30);
    // One query per day, one per open status (small partitions: one page each), the standards.
    expect(r.meta.storeReads).toBe(30 + 3 + 1);
    expect(r.targets.firstResponseMinutes).toBe(DEFAULT_SERVICE_STANDARDS.targets.byPriority.normal.firstResponseMinutes);
    const sample = new URLSearchParams(API_SAMPLES['GET /v1/metrics'] as Record<string, string>);
    expect((await report(`?${sample}`)).range).toMatchObject({ from: '2030-01-01', to: '2030-01-31', days: 31 });
  });
});

describe('GET /v1/metrics: the backlog', () => {
  it('counts open items by status and age, filtered like the rest', async () => {
    const r = await report('?channel=phone');
    expect(r.backlog.total).toBe(3);
    expect(r.backlog.byStatus['new']).toEqual({ total: 1, ages: { lt1d: 1, d1to3: 0, d3to7: 0, d7to30: 0, gt30d: 0 } });
    expect(r.backlog.byStatus['open']).toEqual({ total: 1, ages: { lt1d: 0, d1to3: 1, d3to7: 0, d7to30: 0, gt30d: 0 } });
    expect(r.backlog.byStatus['pending']).toEqual({ total: 1, ages: { lt1d: 0, d1to3: 0, d3to7: 0, d7to30: 1, gt30d: 0 } });
    expect((await report('?channel=phone&agent=bea')).backlog.total).toBe(1);
    expect((await report('?channel=phone&team=sales')).backlog.total).toBe(0);
  });

  it('reads every page of each open status, projecting only the dimensions, and counts the pages', async () => {
    const byOnes = new DynamoBacklogReader(awsClients(config()).dynamodb, config().OUVIDOR_TABLE_NAME, 1);
    const { items, reads } = await byOnes.openItems();
    // A full page (Limit reached) always has a next key: n items are n + 1 pages, per status.
    expect(reads).toBe(items.length + 3);
    expect(items).toEqual(expect.arrayContaining([
      { status: 'pending', receivedAt: phone[2]!.receivedAt, cell: { channel: 'phone', language: 'pt', team: 'support', agent: 'bea' } },
      { status: 'open', receivedAt: phone[1]!.receivedAt, cell: { channel: 'phone', language: 'pt', team: 'support', agent: 'ana' } },
      { status: 'new', receivedAt: phone[0]!.receivedAt, cell: { channel: 'phone', language: 'pt', team: 'support', agent: 'ana' } },
    ]));
    expect(items.map((i) => i.receivedAt)).not.toContain(phone[3]!.receivedAt);
    expect((await p.container.backlog.openItems()).items).toHaveLength(items.length);
  });
});

describe('GET /v1/metrics: the figures come from the aggregates', () => {
  it('counts the phone items by the day they were received', async () => {
    const inRange = await eventually(async () => {
      const r = await report('?channel=phone');
      return r.totals.items === 3 ? r : undefined;
    }, 10_000);
    // The resolved item was received 40 days ago: outside the default range, on its own day.
    expect(inRange.agents.map((a) => [a.agent, a.items])).toEqual([['ana', 2], ['bea', 1]]);
    expect(inRange.dimensions.channels).toContain('phone');
    const old = metricsDay(phone[3]!.receivedAt, TZ);
    const thatDay = await report(`?channel=phone&from=${old}&to=${old}`);
    expect(thatDay.totals.items).toBe(1);
    expect(thatDay.daily).toEqual([expect.objectContaining({ date: old, items: 1 })]);
  });

  it('counts items posted through POST /v1/feedback: volume, channel, sentiment, NPS', async () => {
    const posted = [
      API_SAMPLES['POST /v1/feedback'] as object,
      { text: 'The delivery was two weeks late and nobody answers my emails. Terrible.', customer: { email: 'bob@example.com' } },
    ];
    const ids: string[] = [];
    for (const body of posted) {
      const res = await p.post('/v1/feedback', body);
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as { id: string }).id);
    }
    const items = await eventually(async () => {
      const fbs = await Promise.all(ids.map(async (id) => (await (await p.get(`/v1/feedback/${id}`, 'agent')).json()) as Feedback));
      return fbs.every((f) => f.stage === 'analyzed') ? fbs : undefined;
    }, 10_000);
    // What the report must say, counted from the items themselves.
    const sentiment: Record<string, number> = {};
    for (const f of items) sentiment[f.sentiment!.label] = (sentiment[f.sentiment!.label] ?? 0) + 1;
    const r = await eventually(async () => {
      const got = await report('?channel=api');
      return got.totals.items === 2 && Object.values(got.totals.sentiment).reduce((a, b) => a + b, 0) === 2 ? got : undefined;
    }, 10_000);
    expect(r.totals.channels).toEqual({ api: 2 });
    expect(r.totals.sentiment).toEqual(sentiment);
    expect(r.totals.nps).toMatchObject({ score: 100, promoters: 1, responses: 1 });
    expect(r.daily.at(-1)?.items).toBe(2);
    // Every channel together, and the filters on what the others do not share.
    const all = await report();
    expect(all.totals.items).toBe(5);
    expect(all.totals.channels).toEqual({ api: 2, phone: 3 });
    expect((await report('?channel=email')).totals.items).toBe(0);
    const languages = [...new Set(items.map((f) => f.language!))];
    expect((await report(`?channel=api&language=${languages.join(',')}`)).totals.items).toBe(2);
  });
});
