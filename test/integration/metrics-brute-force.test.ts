import { INDEX_SHARDS } from '../../shared/adapters/dynamo-feedback-store.adapter.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedData } from '../../local/seed/seed-data.use-case.js';
import { daysBetween, metricsDay } from '../../shared/domain/metrics/metrics-counters.js';
import { MetricsReportSchema, type MetricsReport } from '../../shared/domain/metrics/metrics-report.schema.js';
import { DEFAULT_SERVICE_STANDARDS } from '../../shared/domain/sla/service-standards.schema.js';
import type { MetricsSource } from '../../shared/ports/metrics-store.port.js';
import { bruteForce, nearestRank, withinHistogramError, type Exact, type Filters } from '../support/brute-force-metrics.js';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js';

const ITEMS = 300;
const DAYS = 90;
const std = DEFAULT_SERVICE_STANDARDS;

let p: TestPlatform;
let sources: MetricsSource[];
let range: { from: string; to: string };

beforeAll(async () => {
  p = await startTestPlatform();
  const summary = await seedData(p.container, { items: ITEMS, days: DAYS, seed: 7 });
  expect(summary.items).toBe(ITEMS);
  await p.tableStream.idle();
  sources = await scan();
  const to = metricsDay(new Date(), std.timezone);
  const from = daysBetween('2000-01-01', to).at(-DAYS - 1)!;
  range = { from, to };
}, 120_000);
afterAll(async () => {
  await p?.stop();
});

async function report(query: string): Promise<MetricsReport> {
  const res = await p.get(`/v1/metrics?${query}`, 'agent');
  expect(res.status).toBe(200);
  return MetricsReportSchema.parse(await res.json());
}

function expectMatches(r: MetricsReport, e: Exact): void {
  expect(r.totals.items).toBe(e.items);
  expect(r.totals.channels).toEqual(e.channels);
  expect(r.totals.sentiment).toEqual(e.sentiment);
  expect(r.totals.nps).toEqual(e.nps);
  expect({ satisfied: r.totals.csat.satisfied, responses: r.totals.csat.responses, score: r.totals.csat.score }).toEqual(e.csat);
  expect({ sent: r.totals.surveys.sent, answered: r.totals.surveys.answered }).toEqual(e.surveys);
  for (const family of ['firstResponse', 'resolution'] as const) {
    for (const clock of ['business', 'calendar'] as const) {
      const stats = r.totals[family][clock];
      const values = e[family][clock];
      expect(stats.count, `${family} ${clock} count`).toBe(values.length);
      for (const [q, got] of [[0.5, stats.median], [0.9, stats.p90]] as const) {
        const exact = nearestRank(values, q);
        expect(withinHistogramError(got, exact), `${family} ${clock} q${q}: report ${got}, exact ${exact}`).toBe(true);
      }
    }
  }
  expect(r.totals.sla).toEqual(e.sla);
  expect(r.totals.handled).toBe(e.handled);
  expect(r.totals.kudos).toBe(e.kudos);
  const daily = Object.fromEntries(r.daily.filter((d) => d.items > 0).map((d) => [d.date, d.items]));
  expect(daily).toEqual(e.byDay);
  expect(Object.fromEntries(r.agents.filter((a) => a.items > 0).map((a) => [a.agent, a.items]))).toEqual(e.byAgent);
}

async function scan(): Promise<MetricsSource[]> {
  const out: MetricsSource[] = [];
  for await (const s of p.container.metricSources.scanSources()) out.push(s);
  return out;
}

/**
 * The report against the brute force over the items as they are now. The SLA sweeper may escalate a
 * seeded deadline that comes due meanwhile: then the items are read again and it is compared again.
 */
async function expectReportMatches(query: string, window: { from: string; to: string }, filters: Filters = {}): Promise<Exact> {
  let failure: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    await p.tableStream.idle();
    const r = await report(query);
    const e = bruteForce(await scan(), std, window, filters);
    try {
      expectMatches(r, e);
      return e;
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

describe('GET /v1/metrics on a seeded data set', () => {
  it('matches a brute-force computation over every item, for the whole period', async () => {
    const e = await expectReportMatches(`from=${range.from}&to=${range.to}`, range);
    // The seed is a realistic mix: every figure has data. (The seed is anchored at the real clock, so how many
    // survey answers fall before "now" varies with the hour: at least some, never a fixed count.)
    expect(e.items).toBe(ITEMS);
    expect(e.nps.responses).toBeGreaterThan(0);
    expect(e.csat.responses).toBeGreaterThan(0);
    expect(e.firstResponse.business.length).toBeGreaterThan(50);
    expect(e.sla.firstResponse.missed).toBeGreaterThan(0);
    expect(e.kudos).toBeGreaterThan(0);
  });

  it('matches it under filters and for a sub-range', async () => {
    const sample = sources.find((s) => s.kind === 'feedback' && s.item.assignee && s.item.team && s.item.stage === 'analyzed');
    if (sample?.kind !== 'feedback') throw new Error('the seed assigns items');
    const cases: [string, Filters, { from: string; to: string }][] = [
      ['channel=email,phone&language=pt', { channel: ['email', 'phone'], language: ['pt'] }, range],
      [`agent=${encodeURIComponent(sample.item.assignee!)}`, { agent: [sample.item.assignee!] }, range],
      [`team=${encodeURIComponent(sample.item.team!)}&language=en`, { team: [sample.item.team!], language: ['en'] }, range],
      ['', {}, { from: daysBetween(range.from, range.to).at(-30)!, to: range.to }],
    ];
    for (const [query, filters, window] of cases) await expectReportMatches(`from=${window.from}&to=${window.to}${query ? `&${query}` : ''}`, window, filters);
  });

  it('answers from the aggregates: its store reads do not grow with the items', async () => {
    const before = (await report(`from=${range.from}&to=${range.to}`)).meta.storeReads;
    const days = DAYS + 1;
    // One query per day (more only past 1 MB a day), the open-status backlog pages (each status's shards), the standards.
    expect(before).toBeLessThanOrEqual(days + 3 * INDEX_SHARDS + 1 + 3);
    await seedData(p.container, { items: 100, days: DAYS, seed: 8 });
    await p.tableStream.idle();
    const after = await eventually(async () => {
      const r = await report(`from=${range.from}&to=${range.to}`);
      return r.totals.items >= ITEMS + 100 ? r : undefined;
    }, 20_000);
    expect(after.meta.storeReads).toBe(before);
  });
});
