import { describe, expect, it } from 'vitest';
import { bucketOf } from '../../../shared/domain/metrics/duration-histogram.js';
import type { Counters, MetricsCell, MetricsRow } from '../../../shared/domain/metrics/metrics-counters.js';
import { buildReport, type MetricsFilters, type OpenItem, type ReportInput } from '../../../shared/domain/metrics/metrics-report.js';
import { MetricsReportSchema, type MetricsReport } from '../../../shared/domain/metrics/metrics-report.schema.js';

const NOW = new Date('2026-11-28T15:00:00.000Z');
const NO_FILTERS: MetricsFilters = { channel: [], team: [], agent: [], language: [] };
const cell = (channel: string, language: string, team: string, agent: string): MetricsCell => ({ channel, language, team, agent });
const ANA_WEB = cell('web', 'pt', 'care', 'ana');
const ANA_EMAIL = cell('email', 'en', 'care', 'ana');
const BEA_WEB = cell('web', 'pt', 'billing', 'bea');
const UNASSIGNED_PHONE = cell('phone', '-', '-', '-');
const row = (day: string, c: MetricsCell, counters: Counters): MetricsRow => ({ day, cell: c, counters });

function report(rows: MetricsRow[], over: Partial<ReportInput> = {}): MetricsReport {
  const out = buildReport(rows, {
    range: { from: '2026-11-01', to: '2026-11-03', timezone: 'America/Sao_Paulo' },
    filters: NO_FILTERS,
    targets: { clock: 'business', firstResponseMinutes: 240, resolutionMinutes: 2880 },
    backlog: [],
    storeReads: 7,
    now: NOW,
    ...over,
  });
  // The contract: whatever the input, the report is what the schema says.
  expect(MetricsReportSchema.safeParse(out).error).toBeUndefined();
  return out;
}

/** Day 1: ana answers 3 web items (two shards of one cell) and 1 email item; day 3: bea 2 web items; day 2 is empty. */
const ROWS: MetricsRow[] = [
  row('2026-11-01', ANA_WEB, {
    items: 2, 'sentiment.POSITIVE': 1, 'sentiment.NEGATIVE': 1, 'category.praise': 1, 'category.complaint': 1,
    'nps.promoter': 1, 'nps.detractor': 1, 'frt.business.10': 1, 'frt.business.30': 1, 'frt.calendar.15': 2,
    'sla.firstResponse.met': 2, handled: 2, 'phrase.complaint.entrega': 1, 'phrase.praise.atendimento': 1,
  }),
  row('2026-11-01', ANA_WEB, { items: 1, 'sentiment.POSITIVE': 1, 'category.praise': 1, 'nps.passive': 1, 'frt.business.20': 1, 'frt.calendar.15': 1, 'sla.firstResponse.missed': 1, handled: 1, kudos: 1, 'phrase.praise.atendimento': 1 }),
  row('2026-11-01', ANA_EMAIL, { items: 1, 'sentiment.NEUTRAL': 1, 'category.question': 1, 'csat.5': 1, 'survey.sent': 2, 'survey.answered': 1 }),
  row('2026-11-03', BEA_WEB, {
    items: 2, 'sentiment.NEGATIVE': 2, 'category.complaint': 2, 'csat.2': 1, 'csat.4': 1, 'nps.promoter': 1,
    'sla.resolution.met': 1, 'sla.resolution.missed': 1, [`res.calendar.${bucketOf(600)}`]: 2, handled: 1,
    'phrase.complaint.entrega': 1, 'phrase.complaint.cobrança': 2, 'survey.sent': 2,
  }),
];

describe('buildReport', () => {
  it('adds up every row of the range (shards of one cell included) into the totals', () => {
    const r = report(ROWS);
    expect(r.range).toEqual({ from: '2026-11-01', to: '2026-11-03', timezone: 'America/Sao_Paulo', days: 3 });
    expect(r.totals.items).toBe(6);
    expect(r.totals.channels).toEqual({ web: 5, email: 1 });
    expect(r.totals.languages).toEqual({ pt: 5, en: 1 });
    expect(r.totals.sentiment).toEqual({ POSITIVE: 2, NEGATIVE: 3, NEUTRAL: 1 });
    expect(r.totals.categories).toEqual({ praise: 2, complaint: 3, question: 1 });
    // 2 promoters, 1 passive, 1 detractor: 50 % − 25 % = 25.
    expect(r.totals.nps).toEqual({ score: 25, promoters: 2, passives: 1, detractors: 1, responses: 4 });
    // 5, 2 and 4: two of three satisfied.
    expect(r.totals.csat).toEqual({ score: 66.7, satisfied: 2, responses: 3, distribution: { 1: 0, 2: 1, 3: 0, 4: 1, 5: 1 } });
    expect(r.totals.surveys).toEqual({ sent: 4, answered: 1, responseRate: 25 });
    expect(r.totals.sla).toEqual({ firstResponse: { met: 2, missed: 1, compliance: 66.7 }, resolution: { met: 1, missed: 1, compliance: 50 } });
    expect(r.totals.handled).toBe(4);
    expect(r.totals.kudos).toBe(1);
    expect(r.targets).toEqual({ clock: 'business', firstResponseMinutes: 240, resolutionMinutes: 2880 });
    expect(r.meta).toEqual({ generatedAt: NOW.toISOString(), storeReads: 7 });
  });

  it('takes medians and p90 from the histogram counters, one decimal', () => {
    const r = report(ROWS);
    // Business: 10, 20, 30 minutes → median the 2nd (20), p90 the 3rd (30). Calendar: three of 15.
    expect(r.totals.firstResponse).toEqual({ business: { count: 3, median: 20, p90: 30 }, calendar: { count: 3, median: 15, p90: 15 } });
    // Two resolutions of 600 calendar minutes: a log bucket, within 1 % and rounded to a tenth.
    const res = r.totals.resolution.calendar;
    expect(res.count).toBe(2);
    expect(Math.abs(res.median! - 600)).toBeLessThanOrEqual(6);
    expect(res.p90).toBe(res.median);
    expect(Math.round(res.median! * 10) / 10).toBe(res.median);
    expect(r.totals.resolution.business).toEqual({ count: 0, median: null, p90: null });
  });

  it('has one daily entry per day in range, empty days as zeros and nulls', () => {
    const r = report(ROWS);
    expect(r.daily.map((d) => d.date)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(r.daily[0]).toMatchObject({ items: 4, channels: { web: 3, email: 1 }, nps: 0, npsResponses: 3, csat: 100, csatResponses: 1, slaCompliance: { firstResponse: 66.7, resolution: null } });
    expect(r.daily[1]).toEqual({
      date: '2026-11-02', items: 0, channels: {}, sentiment: {}, categories: {}, nps: null, npsResponses: 0, csat: null, csatResponses: 0,
      firstResponse: { business: { count: 0, median: null, p90: null }, calendar: { count: 0, median: null, p90: null } },
      slaCompliance: { firstResponse: null, resolution: null },
    });
    expect(r.daily[2]).toMatchObject({ items: 2, sentiment: { NEGATIVE: 2 }, nps: 100, csat: 50, slaCompliance: { resolution: 50 } });
  });

  it('lists agents by items, with their own figures', () => {
    const r = report(ROWS);
    expect(r.agents.map((a) => [a.agent, a.items])).toEqual([['ana', 4], ['bea', 2]]);
    expect(r.agents[0]).toEqual({
      agent: 'ana', items: 4, handled: 3, kudos: 1,
      firstResponse: { business: { count: 3, median: 20, p90: 30 }, calendar: { count: 3, median: 15, p90: 15 } },
      csat: { score: 100, responses: 1 }, nps: { score: 0, responses: 3 },
    });
    expect(r.agents[1]).toMatchObject({ agent: 'bea', handled: 1, csat: { score: 50, responses: 2 }, nps: { score: 100, responses: 1 } });
  });

  it('ranks the top phrases by count, ties by phrase, at most ten per kind', () => {
    expect(report(ROWS).topPhrases).toEqual({
      complaint: [{ phrase: 'cobrança', count: 2 }, { phrase: 'entrega', count: 2 }],
      praise: [{ phrase: 'atendimento', count: 2 }],
    });
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`phrase.complaint.p${String(i).padStart(2, '0')}`, i < 3 ? 1 : 5]));
    const top = report([row('2026-11-02', ANA_WEB, many)]).topPhrases.complaint;
    expect(top.map((p) => p.phrase)).toEqual(['p03', 'p04', 'p05', 'p06', 'p07', 'p08', 'p09', 'p10', 'p11', 'p00']);
  });

  it('filters every figure by the cell: each non-empty filter must list the value', () => {
    const web = report(ROWS, { filters: { ...NO_FILTERS, channel: ['web'] } });
    expect(web.totals.items).toBe(5);
    expect(web.totals.channels).toEqual({ web: 5 });
    expect(web.totals.csat.responses).toBe(2);
    expect(web.filters).toEqual({ channel: ['web'], team: [], agent: [], language: [] });
    const anaWeb = report(ROWS, { filters: { ...NO_FILTERS, channel: ['web', 'phone'], agent: ['ana'] } });
    expect(anaWeb.totals.items).toBe(3);
    expect(anaWeb.agents.map((a) => a.agent)).toEqual(['ana']);
    expect(anaWeb.daily.map((d) => d.items)).toEqual([3, 0, 0]);
    const billingEn = report(ROWS, { filters: { ...NO_FILTERS, team: ['billing'], language: ['en'] } });
    expect(billingEn.totals.items).toBe(0);
    expect(billingEn.totals.nps.score).toBeNull();
    // The pickers still offer every value seen in range.
    expect(billingEn.dimensions).toEqual({ channels: ['email', 'web'], languages: ['en', 'pt'], teams: ['billing', 'care'], agents: ['ana', 'bea'] });
  });

  it('ignores rows outside the range and cells whose counters cancel out', () => {
    const rows = [
      ...ROWS,
      row('2026-10-31', UNASSIGNED_PHONE, { items: 9 }),
      // An item moved from cal to ana: cal's cell holds +1 and −1.
      row('2026-11-02', cell('web', 'pt', 'care', 'cal'), { items: 1, 'sentiment.MIXED': 1 }),
      row('2026-11-02', cell('web', 'pt', 'care', 'cal'), { items: -1, 'sentiment.MIXED': -1 }),
    ];
    const r = report(rows);
    expect(r.totals.items).toBe(6);
    expect(r.agents.map((a) => a.agent)).toEqual(['ana', 'bea']);
    expect(r.dimensions.agents).toEqual(['ana', 'bea']);
    expect(r.totals.channels).not.toHaveProperty('phone');
  });

  it('never reports a negative count while an item is between cells', () => {
    const r = report([row('2026-11-02', ANA_WEB, { items: -1, 'nps.promoter': -1, 'frt.business.3': -1 })]);
    expect(r.totals.items).toBe(0);
    expect(r.totals.nps).toEqual({ score: null, promoters: 0, passives: 0, detractors: 0, responses: 0 });
    expect(r.totals.firstResponse.business.count).toBe(0);
  });

  it('reports an empty range as no data', () => {
    const r = report([], { range: { from: '2026-11-28', to: '2026-11-28', timezone: 'UTC' } });
    expect(r.totals).toMatchObject({ items: 0, channels: {}, nps: { score: null, responses: 0 }, csat: { score: null, responses: 0 }, surveys: { responseRate: null } });
    expect(r.daily).toHaveLength(1);
    expect(r.agents).toEqual([]);
    expect(r.topPhrases).toEqual({ complaint: [], praise: [] });
    expect(r.dimensions).toEqual({ channels: [], languages: [], teams: [], agents: [] });
    expect(r.backlog).toEqual({
      asOf: NOW.toISOString(),
      total: 0,
      byStatus: Object.fromEntries(['new', 'open', 'pending'].map((s) => [s, { total: 0, ages: { lt1d: 0, d1to3: 0, d3to7: 0, d7to30: 0, gt30d: 0 } }])),
    });
  });
});

describe('the backlog', () => {
  const ago = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();
  const open = (status: OpenItem['status'], hours: number, c: MetricsCell = ANA_WEB): OpenItem => ({ status, receivedAt: ago(hours), cell: c });
  const ITEMS = [
    open('new', 1), open('new', 23.9), open('new', 24), // < 1 day, < 1 day, 1-3
    open('open', 71), open('open', 72), open('open', 7 * 24 - 1), // 1-3, 3-7, 3-7
    open('pending', 7 * 24, BEA_WEB), open('pending', 30 * 24, BEA_WEB), open('pending', 400 * 24, UNASSIGNED_PHONE), // 7-30, > 30, > 30
  ];

  it('counts open items by status and age since received', () => {
    const b = report([], { backlog: ITEMS }).backlog;
    expect(b.total).toBe(9);
    expect(b.byStatus).toEqual({
      new: { total: 3, ages: { lt1d: 2, d1to3: 1, d3to7: 0, d7to30: 0, gt30d: 0 } },
      open: { total: 3, ages: { lt1d: 0, d1to3: 1, d3to7: 2, d7to30: 0, gt30d: 0 } },
      pending: { total: 3, ages: { lt1d: 0, d1to3: 0, d3to7: 0, d7to30: 1, gt30d: 2 } },
    });
  });

  it('applies the same filters, and counts only open statuses', () => {
    const b = report([], { backlog: [...ITEMS, open('resolved', 2)], filters: { ...NO_FILTERS, agent: ['bea', '-'] } }).backlog;
    expect(b.total).toBe(3);
    expect(b.byStatus['pending']?.total).toBe(3);
    expect(b.byStatus['new']?.total).toBe(0);
  });
});
