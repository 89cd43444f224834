import type { FeedbackStatus } from '../feedback.schema.js';
import { count, median, p90 } from './duration-histogram.js';
import { compliance, csatOf, npsOf, responseRate } from './kpi.js';
import { COUNTER, LEGACY_PHRASE_PREFIX, PREFIX, counterFamily, daysBetween, sumCounters, type Counters, type MetricsCell, type MetricsRow, type SlaClock } from './metrics-counters.js';
import type { AgentRow, Backlog, DurationStats, MetricsDay, MetricsReport } from './metrics-report.schema.js';

/**
 * Builds the `GET /v1/metrics` report from the per-day aggregate rows (any number per day and
 * cell: they are added up) and the open items. Pure: the same rows give the same report.
 */

/** Per dimension, the values asked for; an empty list means every value. */
export interface MetricsFilters {
  readonly channel: readonly string[];
  readonly team: readonly string[];
  readonly agent: readonly string[];
  readonly language: readonly string[];
}

/** An open item as the backlog needs it (same shape as the `BacklogReader` port's entries). */
export interface OpenItem {
  readonly status: FeedbackStatus;
  readonly receivedAt: string;
  readonly cell: MetricsCell;
}

export interface ReportInput {
  readonly range: { readonly from: string; readonly to: string; readonly timezone: string };
  readonly filters: MetricsFilters;
  readonly targets: MetricsReport['targets'];
  readonly backlog: readonly OpenItem[];
  readonly storeReads: number;
  readonly now: Date;
}

const FIELDS = ['channel', 'language', 'team', 'agent'] as const;
export const OPEN_STATUSES = ['new', 'open', 'pending'] as const satisfies readonly FeedbackStatus[];
const TOP_PHRASES = 10;
const DAY_MS = 86_400_000;

/** A cell matches when each non-empty filter lists its value. */
export const matchesFilters = (cell: MetricsCell, f: MetricsFilters): boolean => FIELDS.every((k) => f[k].length === 0 || f[k].includes(cell[k]));


/** A summed counter; never below 0 (a cell can be briefly negative while an item moves between cells). */
const get = (c: Counters, name: string): number => Math.max(0, c[name] ?? 0);
const hasData = (c: Counters): boolean => Object.values(c).some((n) => n > 0);


const orNull = (v: number | undefined): number | null => v ?? null;
const minutes = (v: number | undefined): number | null => (v === undefined ? null : Math.round(v * 10) / 10);

function durationStats(c: Counters, prefix: string): DurationStats {
  const h = counterFamily(c, prefix);
  return { count: count(h), median: minutes(median(h)), p90: minutes(p90(h)) };
}

const firstResponse = (c: Counters) => ({ business: durationStats(c, PREFIX.firstResponse('business')), calendar: durationStats(c, PREFIX.firstResponse('calendar')) });
const resolution = (c: Counters) => ({ business: durationStats(c, PREFIX.resolution('business')), calendar: durationStats(c, PREFIX.resolution('calendar')) });

const npsFrom = (c: Counters) =>
  npsOf({ promoters: get(c, COUNTER.nps('promoter')), passives: get(c, COUNTER.nps('passive')), detractors: get(c, COUNTER.nps('detractor')) });
const csatFrom = (c: Counters) => {
  const counts = { 1: get(c, COUNTER.csat(1)), 2: get(c, COUNTER.csat(2)), 3: get(c, COUNTER.csat(3)), 4: get(c, COUNTER.csat(4)), 5: get(c, COUNTER.csat(5)) };
  return { ...csatOf(counts), distribution: Object.fromEntries(Object.entries(counts)) };
};

function sla(c: Counters, clock: SlaClock) {
  const met = get(c, COUNTER.sla(clock, 'met'));
  const missed = get(c, COUNTER.sla(clock, 'missed'));
  return { met, missed, compliance: orNull(compliance(met, missed)) };
}

/** Items per value of one dimension (values with items only). */
function itemsBy(rows: readonly MetricsRow[], field: (typeof FIELDS)[number]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [value, group] of groupBy(rows, (r) => r.cell[field])) {
    const n = get(sumCounters(group), COUNTER.items);
    if (n > 0) out[value] = n;
  }
  return out;
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

function day(date: string, rows: readonly MetricsRow[]): MetricsDay {
  const c = sumCounters(rows);
  const nps = npsFrom(c);
  const csat = csatFrom(c);
  return {
    date,
    items: get(c, COUNTER.items),
    channels: itemsBy(rows, 'channel'),
    sentiment: counterFamily(c, PREFIX.sentiment),
    categories: counterFamily(c, PREFIX.category),
    nps: orNull(nps.score),
    npsResponses: nps.responses,
    csat: orNull(csat.score),
    csatResponses: csat.responses,
    firstResponse: firstResponse(c),
    slaCompliance: { firstResponse: sla(c, 'firstResponse').compliance, resolution: sla(c, 'resolution').compliance },
  };
}

function agentRow(agent: string, c: Counters): AgentRow {
  const nps = npsFrom(c);
  const csat = csatFrom(c);
  return {
    agent,
    items: get(c, COUNTER.items),
    handled: get(c, COUNTER.handled),
    firstResponse: firstResponse(c),
    csat: { score: orNull(csat.score), responses: csat.responses },
    nps: { score: orNull(nps.score), responses: nps.responses },
    kudos: get(c, COUNTER.kudos),
  };
}

function topPhrases(c: Counters, kind: 'complaint' | 'praise') {
  const counts = counterFamily(c, PREFIX.phrase(kind));
  for (const [phrase, n] of Object.entries(counterFamily(c, LEGACY_PHRASE_PREFIX(kind)))) counts[phrase] = (counts[phrase] ?? 0) + n;
  return Object.entries(counts)
    .sort(([pa, a], [pb, b]) => b - a || (pa < pb ? -1 : pa > pb ? 1 : 0))
    .slice(0, TOP_PHRASES)
    .map(([phrase, n]) => ({ phrase, count: n }));
}

/** Open items by status and age since received (whole 24-hour days at `now`). */
export function backlogOf(items: readonly OpenItem[], filters: MetricsFilters, now: Date): Backlog {
  const byStatus: Backlog['byStatus'] = {};
  for (const s of OPEN_STATUSES) byStatus[s] = { total: 0, ages: { lt1d: 0, d1to3: 0, d3to7: 0, d7to30: 0, gt30d: 0 } };
  let total = 0;
  for (const item of items) {
    const entry = byStatus[item.status];
    if (!entry || !matchesFilters(item.cell, filters)) continue;
    const days = (now.getTime() - Date.parse(item.receivedAt)) / DAY_MS;
    const bucket = days < 1 ? 'lt1d' : days < 3 ? 'd1to3' : days < 7 ? 'd3to7' : days < 30 ? 'd7to30' : 'gt30d';
    entry.ages[bucket] += 1;
    entry.total += 1;
    total += 1;
  }
  return { asOf: now.toISOString(), total, byStatus };
}

/** The values of each dimension that have data in range (whatever the filters). */
function dimensions(rows: readonly MetricsRow[]): MetricsReport['dimensions'] {
  const seen = (field: (typeof FIELDS)[number]) =>
    [...groupBy(rows, (r) => r.cell[field])].filter(([, group]) => hasData(sumCounters(group))).map(([value]) => value).sort();
  return { channels: seen('channel'), languages: seen('language'), teams: seen('team'), agents: seen('agent') };
}

export function buildReport(rows: readonly MetricsRow[], input: ReportInput): MetricsReport {
  const { from, to, timezone } = input.range;
  const days = daysBetween(from, to);
  const inRange = rows.filter((r) => r.day >= from && r.day <= to);
  const matching = inRange.filter((r) => matchesFilters(r.cell, input.filters));
  const c = sumCounters(matching);
  const byDay = groupBy(matching, (r) => r.day);
  const sent = get(c, COUNTER.surveySent);
  const answered = get(c, COUNTER.surveyAnswered);
  const agents = [...groupBy(matching, (r) => r.cell.agent)]
    .map(([agent, group]) => [agent, sumCounters(group)] as const)
    .filter(([, counters]) => hasData(counters))
    .map(([agent, counters]) => agentRow(agent, counters))
    .sort((a, b) => b.items - a.items || (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0));
  return {
    range: { from, to, timezone, days: days.length },
    filters: { channel: [...input.filters.channel], team: [...input.filters.team], agent: [...input.filters.agent], language: [...input.filters.language] },
    totals: {
      items: get(c, COUNTER.items),
      channels: itemsBy(matching, 'channel'),
      languages: itemsBy(matching, 'language'),
      sentiment: counterFamily(c, PREFIX.sentiment),
      categories: counterFamily(c, PREFIX.category),
      nps: { ...npsFrom(c), score: orNull(npsFrom(c).score) },
      csat: { ...csatFrom(c), score: orNull(csatFrom(c).score) },
      surveys: { sent, answered, responseRate: orNull(responseRate(sent, answered)) },
      firstResponse: firstResponse(c),
      resolution: resolution(c),
      sla: { firstResponse: sla(c, 'firstResponse'), resolution: sla(c, 'resolution') },
      handled: get(c, COUNTER.handled),
      kudos: get(c, COUNTER.kudos),
    },
    targets: { ...input.targets },
    daily: days.map((d) => day(d, byDay.get(d) ?? [])),
    topPhrases: { complaint: topPhrases(c, 'complaint'), praise: topPhrases(c, 'praise') },
    agents,
    backlog: backlogOf(input.backlog, input.filters, input.now),
    dimensions: dimensions(inRange),
    meta: { generatedAt: input.now.toISOString(), storeReads: input.storeReads },
  };
}
