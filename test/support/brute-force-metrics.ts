import type { Feedback } from '../../shared/domain/feedback.schema.js';
import { metricsDay } from '../../shared/domain/metrics/metrics-counters.js';
import { clockMinutesBetween } from '../../shared/domain/sla/business-clock.js';
import { calendarOf, type ServiceStandards } from '../../shared/domain/sla/service-standards.schema.js';
import type { MetricsSource } from '../../shared/ports/metrics-store.port.js';

/**
 * The service metrics computed the slow, obvious way: straight from every item, survey and kudos,
 * with exact nearest-rank percentiles — the oracle the aggregates-based report is checked against.
 * Same definitions as docs/architecture.md ("Metrics"): cohorts by the day received (surveys by
 * the day sent, kudos by the day given) in the standards' time zone; a survey answer is credited to
 * the team and agent of the item it asks about.
 */
export interface Filters {
  readonly channel?: readonly string[];
  readonly language?: readonly string[];
  readonly team?: readonly string[];
  readonly agent?: readonly string[];
}

export interface Exact {
  items: number;
  channels: Record<string, number>;
  sentiment: Record<string, number>;
  nps: { promoters: number; passives: number; detractors: number; responses: number; score: number | null };
  csat: { satisfied: number; responses: number; score: number | null };
  surveys: { sent: number; answered: number };
  firstResponse: Record<'business' | 'calendar', number[]>;
  resolution: Record<'business' | 'calendar', number[]>;
  sla: Record<'firstResponse' | 'resolution', { met: number; missed: number; compliance: number | null }>;
  handled: number;
  kudos: number;
  byDay: Record<string, number>;
  byAgent: Record<string, number>;
}

const pct = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);

/** Exact nearest-rank quantile of raw values. */
export function nearestRank(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length - 1e-9)) - 1]!;
}

export function bruteForce(sources: readonly MetricsSource[], std: ServiceStandards, range: { from: string; to: string }, f: Filters = {}): Exact {
  const items = sources.flatMap((s) => (s.kind === 'feedback' ? [s.item] : []));
  const byId = new Map(items.map((i) => [i.id, i]));
  const inRange = (instant: string) => {
    const d = metricsDay(instant, std.timezone);
    return d >= range.from && d <= range.to ? d : undefined;
  };
  const ok = (list: readonly string[] | undefined, v: string) => !list || list.length === 0 || list.includes(v);
  const matches = (cell: { channel: string; language?: string; team?: string; agent?: string }) =>
    ok(f.channel, cell.channel) && ok(f.language, cell.language?.toLowerCase() ?? '-') && ok(f.team, cell.team ?? '-') && ok(f.agent, cell.agent ?? '-');
  const cal = calendarOf(std);
  const minutes = (a: string, b: string, clock: 'business' | 'calendar') => (Date.parse(b) <= Date.parse(a) ? 0 : clockMinutesBetween(new Date(a), new Date(b), clock, cal));

  const e: Exact = {
    items: 0,
    channels: {},
    sentiment: {},
    nps: { promoters: 0, passives: 0, detractors: 0, responses: 0, score: null },
    csat: { satisfied: 0, responses: 0, score: null },
    surveys: { sent: 0, answered: 0 },
    firstResponse: { business: [], calendar: [] },
    resolution: { business: [], calendar: [] },
    sla: { firstResponse: { met: 0, missed: 0, compliance: null }, resolution: { met: 0, missed: 0, compliance: null } },
    handled: 0,
    kudos: 0,
    byDay: {},
    byAgent: {},
  };
  for (const fb of items) {
    if (fb.stage !== 'analyzed') continue;
    const day = inRange(fb.receivedAt);
    const about = fb.channel === 'survey' && typeof fb.metadata?.feedbackId === 'string' ? byId.get(fb.metadata.feedbackId) : undefined;
    const owner: Pick<Feedback, 'team' | 'assignee'> = about ?? fb;
    if (!day || !matches({ channel: fb.channel, language: fb.language, team: owner.team, agent: owner.assignee })) continue;
    e.items += 1;
    e.byDay[day] = (e.byDay[day] ?? 0) + 1;
    e.byAgent[owner.assignee ?? '-'] = (e.byAgent[owner.assignee ?? '-'] ?? 0) + 1;
    e.channels[fb.channel] = (e.channels[fb.channel] ?? 0) + 1;
    if (fb.sentiment) e.sentiment[fb.sentiment.label] = (e.sentiment[fb.sentiment.label] ?? 0) + 1;
    if (fb.rating?.type === 'nps') {
      e.nps.responses += 1;
      if (fb.rating.score >= 9) e.nps.promoters += 1;
      else if (fb.rating.score >= 7) e.nps.passives += 1;
      else e.nps.detractors += 1;
    }
    if (fb.rating?.type === 'csat') {
      e.csat.responses += 1;
      if (fb.rating.score >= 4) e.csat.satisfied += 1;
    }
    if (fb.channel === 'survey' && fb.rating) e.surveys.answered += 1;
    for (const clock of ['business', 'calendar'] as const) {
      if (fb.firstResponseAt) e.firstResponse[clock].push(minutes(fb.receivedAt, fb.firstResponseAt, clock));
      if (fb.resolvedAt) e.resolution[clock].push(minutes(fb.receivedAt, fb.resolvedAt, clock));
    }
    if (fb.firstResponseAt || fb.resolvedAt) e.handled += 1;
    if (fb.sla) {
      const s = fb.sla;
      const responded = s.firstRespondedAt ?? s.resolvedAt;
      const frMet = s.breaches.firstResponse ? false : responded === undefined ? undefined : Date.parse(responded) <= Date.parse(s.firstResponseDueAt);
      const done = s.resolvedAt ? (s.pausedAt ?? s.resolvedAt) : undefined;
      const resMet = s.breaches.resolution ? false : done === undefined ? undefined : Date.parse(done) <= Date.parse(s.resolutionDueAt);
      if (frMet !== undefined) e.sla.firstResponse[frMet ? 'met' : 'missed'] += 1;
      if (resMet !== undefined) e.sla.resolution[resMet ? 'met' : 'missed'] += 1;
    }
  }
  for (const s of sources) {
    if (s.kind === 'survey') {
      const about = s.survey.feedbackId ? byId.get(s.survey.feedbackId) : undefined;
      if (inRange(s.survey.createdAt) && matches({ channel: 'survey', language: s.survey.language ?? about?.language, team: about?.team, agent: about?.assignee })) e.surveys.sent += 1;
    }
    if (s.kind === 'kudos') {
      const about = byId.get(s.feedbackId);
      if (inRange(s.at) && matches({ channel: about?.channel ?? '-', language: about?.language, team: about?.team, agent: s.agent.replace(/^agent:/, '') })) e.kudos += 1;
    }
  }
  e.nps.score = pct(e.nps.promoters - e.nps.detractors, e.nps.responses);
  e.csat.score = pct(e.csat.satisfied, e.csat.responses);
  for (const clock of ['firstResponse', 'resolution'] as const) e.sla[clock].compliance = pct(e.sla[clock].met, e.sla[clock].met + e.sla[clock].missed);
  return e;
}

/** The histogram's documented error: < 1 minute below an hour, ≤ 1 % above (plus the report's rounding to 0.1). */
export function withinHistogramError(estimate: number | null, exact: number | null): boolean {
  if (estimate === null || exact === null) return estimate === exact;
  return Math.abs(estimate - exact) <= Math.max(1, exact * 0.01) + 0.05;
}
