import type { Feedback } from '../feedback.schema.js';
import { ratingBand } from '../rating-sentiment.js';
import type { Survey } from '../survey.schema.js';
import { clockMinutesBetween } from '../sla/business-clock.js';
import { calendarOf, type ServiceStandards } from '../sla/service-standards.schema.js';
import { compliance } from '../sla/sla-deadlines.js';
import { bucketOf } from './duration-histogram.js';
import { COUNTER, cellKey, cellOf, metricsDay, type Counters, type MetricsCell, type TimeClock } from './metrics-counters.js';

/**
 * What one source adds to the aggregates, as a pure function of its stored state (plus the
 * service standards and, for survey answers and kudos, the item they are about). Reconciling a
 * source applies the difference between this and what the ledger says it added before, so every
 * change of an item (analysis, reply, status, assignee…) moves the counters exactly once.
 */

export interface MetricsContribution {
  readonly day: string;
  readonly cell: MetricsCell;
  readonly counters: Counters;
}

/** The item a survey answer, a survey or a kudos is about: who and where it is credited. */
export type RelatedItem = Pick<Feedback, 'channel' | 'language' | 'team' | 'assignee'>;

/**
 * Aggregate items per (day, cell): a source always lands on the same shard. Each shard item holds the
 * revision slots and phrases of its share of the sources, and an update is billed on the whole item's
 * size: more shards, smaller items (≈ 1-2 KB for 1,000 items of one cell and day). Readers add every
 * shard, so changing this keeps sums right (do it with a rebuild: slots stay on the old shards).
 */
export const METRICS_SHARDS = 32;

/** FNV-1a (32 bit) of the source id: stable, well spread, and pure. */
export function shardOf(sourceId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < sourceId.length; i++) {
    h ^= sourceId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % METRICS_SHARDS;
}

const MAX_PHRASES = 5;
const MAX_PHRASE_CHARS = 60;

const agentId = (actor: string | undefined): string | undefined => actor?.replace(/^agent:/, '');

function minutes(from: string, to: string, clock: TimeClock, standards: ServiceStandards): number {
  const a = new Date(from);
  const b = new Date(to);
  if (b.getTime() <= a.getTime()) return 0;
  return clockMinutesBetween(a, b, clock, calendarOf(standards));
}

function addDuration(counters: Counters, family: 'firstResponse' | 'resolution', from: string, to: string, standards: ServiceStandards): void {
  for (const clock of ['business', 'calendar'] as const) counters[COUNTER[family](clock, bucketOf(minutes(from, to, clock, standards)))] = 1;
}

/** The lower-cased, de-duplicated first key phrases of an item. */
export function phrasesOf(keyPhrases: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const p of keyPhrases) {
    const norm = p.trim().toLowerCase().replace(/\s+/g, ' ').slice(0, MAX_PHRASE_CHARS);
    if (norm !== '' && !norm.includes('[')) seen.add(norm); // "[EMAIL]"-style redaction tokens are not phrases
    if (seen.size === MAX_PHRASES) break;
  }
  return [...seen];
}

/** An analyzed item's contribution; undefined while it is not analyzed (received, failed, ignored…). */
export function feedbackContribution(fb: Feedback, standards: ServiceStandards, related?: RelatedItem): MetricsContribution | undefined {
  if (fb.stage !== 'analyzed') return undefined;
  // A survey answer is credited to the team and agent of the item it asks about.
  const owner = fb.channel === 'survey' && related ? related : fb;
  const cell = cellOf({ channel: fb.channel, language: fb.language, team: owner.team, agent: owner.assignee });
  const c: Counters = { [COUNTER.items]: 1, [COUNTER.status(fb.status)]: 1 };
  if (fb.sentiment) c[COUNTER.sentiment(fb.sentiment.label)] = 1;
  if (fb.category) c[COUNTER.category(fb.category)] = 1;
  if (fb.rating) {
    if (fb.rating.type === 'csat') c[COUNTER.csat(fb.rating.score as 1 | 2 | 3 | 4 | 5)] = 1;
    else {
      const band = ratingBand(fb.rating);
      c[COUNTER.nps(band === 'positive' ? 'promoter' : band === 'neutral' ? 'passive' : 'detractor')] = 1;
    }
    if (fb.channel === 'survey') c[COUNTER.surveyAnswered] = 1;
  }
  if (fb.firstResponseAt) addDuration(c, 'firstResponse', fb.receivedAt, fb.firstResponseAt, standards);
  if (fb.resolvedAt) addDuration(c, 'resolution', fb.receivedAt, fb.resolvedAt, standards);
  if (fb.firstResponseAt || fb.resolvedAt) c[COUNTER.handled] = 1;
  if (fb.sla) {
    const s = compliance(fb.sla);
    if (s.firstResponseMet !== undefined) c[COUNTER.sla('firstResponse', s.firstResponseMet ? 'met' : 'missed')] = 1;
    if (s.resolutionMet !== undefined) c[COUNTER.sla('resolution', s.resolutionMet ? 'met' : 'missed')] = 1;
  }
  if (fb.category === 'complaint' || fb.category === 'praise') {
    for (const p of phrasesOf(fb.keyPhrases)) c[COUNTER.phrase(fb.category, p)] = 1;
  }
  return { day: metricsDay(fb.receivedAt, standards.timezone), cell, counters: c };
}

/** A survey sent: counted on the day it was created, credited like the item it asks about. */
export function surveyContribution(survey: Survey, standards: ServiceStandards, related?: RelatedItem): MetricsContribution {
  return {
    day: metricsDay(survey.createdAt, standards.timezone),
    cell: cellOf({ channel: 'survey', language: survey.language ?? related?.language, team: related?.team, agent: related?.assignee }),
    counters: { [COUNTER.surveySent]: 1 },
  };
}

/** A kudos: counted on the day it was recorded, for the agent praised, in the praise item's channel. */
export function kudosContribution(kudos: { agent: string; at: string }, standards: ServiceStandards, related?: RelatedItem): MetricsContribution {
  return {
    day: metricsDay(kudos.at, standards.timezone),
    cell: cellOf({ channel: related?.channel, language: related?.language, team: related?.team, agent: agentId(kudos.agent) }),
    counters: { [COUNTER.kudos]: 1 },
  };
}

export interface MetricsDelta {
  readonly day: string;
  readonly cell: MetricsCell;
  readonly shard: number;
  readonly counters: Counters;
}

const nonZero = (c: Counters): Counters => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== 0));

/** The counter updates that turn `before` into `after` (no-op: []); one per (day, cell) touched. */
export function deltasBetween(sourceId: string, before: MetricsContribution | undefined, after: MetricsContribution | undefined): MetricsDelta[] {
  const shard = shardOf(sourceId);
  const at = (c: MetricsContribution) => `${c.day}|${cellKey(c.cell)}`;
  if (before && after && at(before) === at(after)) {
    const diff: Counters = { ...after.counters };
    for (const [k, v] of Object.entries(before.counters)) diff[k] = (diff[k] ?? 0) - v;
    const counters = nonZero(diff);
    return Object.keys(counters).length === 0 ? [] : [{ day: after.day, cell: after.cell, shard, counters }];
  }
  const out: MetricsDelta[] = [];
  if (before) out.push({ day: before.day, cell: before.cell, shard, counters: nonZero(Object.fromEntries(Object.entries(before.counters).map(([k, v]) => [k, -v]))) });
  if (after) out.push({ day: after.day, cell: after.cell, shard, counters: nonZero(after.counters) });
  return out.filter((d) => Object.keys(d.counters).length > 0);
}

export function sameContribution(a: MetricsContribution | undefined, b: MetricsContribution | undefined): boolean {
  return deltasBetween('', a, b).length === 0;
}

/** A source as stored: a feedback item, a survey, a kudos record. */
export type MetricsSource =
  | { readonly kind: 'feedback'; readonly item: Feedback }
  | { readonly kind: 'survey'; readonly survey: Survey }
  | { readonly kind: 'kudos'; readonly agent: string; readonly feedbackId: string; readonly at: string };

/** The id of the item a source is about (whose team and agent it is credited to), if any. */
export function relatedIdOf(source: MetricsSource): string | undefined {
  if (source.kind === 'feedback') {
    const about = source.item.metadata?.feedbackId;
    return source.item.channel === 'survey' && typeof about === 'string' ? about : undefined;
  }
  return source.kind === 'survey' ? source.survey.feedbackId : source.feedbackId;
}

/** A source's id and what it contributes now, given the item it is about (see `relatedIdOf`). */
export function sourceContribution(source: MetricsSource, standards: ServiceStandards, related?: RelatedItem): [string, MetricsContribution | undefined] {
  if (source.kind === 'feedback') return [sourceIdOf({ kind: 'feedback', id: source.item.id }), feedbackContribution(source.item, standards, related)];
  if (source.kind === 'survey') return [sourceIdOf({ kind: 'survey', id: source.survey.id }), surveyContribution(source.survey, standards, related)];
  return [sourceIdOf({ kind: 'kudos', feedbackId: source.feedbackId, agent: source.agent }), kudosContribution(source, standards, related)];
}

/** Sources by id: `feedback:<id>`, `survey:<id>`, `kudos:<feedbackId>:<agent>`. */
export type MetricsSourceRef =
  | { readonly kind: 'feedback'; readonly id: string }
  | { readonly kind: 'survey'; readonly id: string }
  | { readonly kind: 'kudos'; readonly feedbackId: string; readonly agent: string };

export function sourceIdOf(ref: MetricsSourceRef): string {
  return ref.kind === 'kudos' ? `kudos:${ref.feedbackId}:${ref.agent}` : `${ref.kind}:${ref.id}`;
}

export function parseSourceId(sourceId: string): MetricsSourceRef | undefined {
  const [kind, id, ...rest] = sourceId.split(':');
  if (!id) return undefined;
  if (kind === 'feedback' || kind === 'survey') return rest.length === 0 ? { kind, id } : undefined;
  if (kind === 'kudos' && rest.length > 0) return { kind, feedbackId: id, agent: rest.join(':') };
  return undefined;
}

/**
 * The table keys whose changes move the metrics (the DynamoDB stream filter on AWS mirrors this):
 * a feedback item, a survey, a kudos record. Everything else (aggregates, ledgers…) is not a source.
 */
export function sourceOfKeys(keys: { pk?: string; sk?: string }): MetricsSourceRef | undefined {
  const { pk = '', sk = '' } = keys;
  if (sk === 'FEEDBACK' && pk.startsWith('FEEDBACK#')) return { kind: 'feedback', id: pk.slice('FEEDBACK#'.length) };
  if (sk === 'SURVEY' && pk.startsWith('SURVEY#')) return { kind: 'survey', id: pk.slice('SURVEY#'.length) };
  if (pk.startsWith('KUDOS#') && sk.startsWith('FEEDBACK#')) return { kind: 'kudos', agent: pk.slice('KUDOS#'.length), feedbackId: sk.slice('FEEDBACK#'.length) };
  return undefined;
}
