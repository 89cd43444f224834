import { DateTime } from 'luxon';
import type { Category, SentimentLabel } from '../analysis.schema.js';
import type { FeedbackStatus } from '../feedback.schema.js';

/**
 * The vocabulary of the metrics aggregates. Every source (a feedback item, a survey sent, a kudos)
 * contributes integer counters to exactly one (day, cell): the day it was received (or created) in
 * the service standards' time zone — a cohort: an item received on the 3rd and answered on the 5th
 * counts its first response time on the 3rd — and the cell of its dimensions. A dashboard read sums
 * the counters of the cells that match its filters over the days in range.
 *
 * Counter names are stored (as DynamoDB attribute names): never rename one, only add.
 */

/** The dimensions every figure can be filtered by. `-` stands for none (no language, unassigned…). */
export interface MetricsCell {
  readonly channel: string;
  readonly language: string;
  readonly team: string;
  readonly agent: string;
}

export const NONE = '-';

const CELL_FIELDS = ['channel', 'language', 'team', 'agent'] as const;

/** `channel|language|team|agent`, each part URI-encoded (so `|` and `#` never occur inside a part). */
export function cellKey(cell: MetricsCell): string {
  return CELL_FIELDS.map((f) => encodeURIComponent(cell[f] || NONE).replace(/#/g, '%23')).join('|');
}

export function parseCellKey(key: string): MetricsCell {
  const parts = key.split('|');
  if (parts.length !== CELL_FIELDS.length) throw new RangeError(`not a metrics cell key: ${key}`);
  const [channel, language, team, agent] = parts.map((p) => decodeURIComponent(p)) as [string, string, string, string];
  return { channel, language, team, agent };
}

/**
 * The cell of a source or an open item: language lower-cased, `-` for anything missing. The
 * aggregates and the backlog must build it alike, or filters would not match both.
 */
export function cellOf(d: { channel?: string | undefined; language?: string | undefined; team?: string | undefined; agent?: string | undefined }): MetricsCell {
  return { channel: d.channel || NONE, language: d.language ? d.language.toLowerCase() : NONE, team: d.team || NONE, agent: d.agent || NONE };
}

/** `YYYY-MM-DD` of an instant in a time zone (the standards' `timezone`). */
export function metricsDay(instant: string | Date, timezone: string): string {
  const d = typeof instant === 'string' ? DateTime.fromISO(instant, { zone: 'utc' }) : DateTime.fromJSDate(instant, { zone: 'utc' });
  const day = d.setZone(timezone).toISODate();
  if (!d.isValid || day === null) throw new RangeError(`invalid instant or time zone: ${String(instant)} ${timezone}`);
  return day;
}

/** Every day from `from` to `to` inclusive (`YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  let d = DateTime.fromISO(from, { zone: 'utc' });
  const end = DateTime.fromISO(to, { zone: 'utc' });
  if (!d.isValid || !end.isValid) throw new RangeError(`invalid day range ${from}..${to}`);
  for (; d <= end; d = d.plus({ days: 1 })) days.push(d.toISODate()!);
  return days;
}

export type NpsBand = 'promoter' | 'passive' | 'detractor';
export type TimeClock = 'business' | 'calendar';
export type SlaClock = 'firstResponse' | 'resolution';
export type PhraseKind = 'complaint' | 'praise';

/** Counter names. Histogram counters carry a `duration-histogram.ts` bucket index. */
export const COUNTER = {
  /** Analyzed feedback items (every channel, survey answers included). */
  items: 'items',
  sentiment: (label: SentimentLabel) => `sentiment.${label}`,
  category: (category: Category) => `category.${category}`,
  /** The item's current status (backlog per received day). */
  status: (status: FeedbackStatus) => `status.${status}`,
  nps: (band: NpsBand) => `nps.${band}`,
  csat: (score: 1 | 2 | 3 | 4 | 5) => `csat.${score}`,
  /** Surveys created (a `survey` source). */
  surveySent: 'survey.sent',
  /** Survey answers (survey-channel items with a rating). */
  surveyAnswered: 'survey.answered',
  /** First agent reply − receivedAt, in business minutes (standards' calendar) or calendar minutes. */
  firstResponse: (clock: TimeClock, bucket: number) => `frt.${clock}.${bucket}`,
  /** First resolution (or closing) − receivedAt. */
  resolution: (clock: TimeClock, bucket: number) => `res.${clock}.${bucket}`,
  /** SLA targets decided (`compliance(sla)`): met, or missed (late or breached, even while open). */
  sla: (clock: SlaClock, outcome: 'met' | 'missed') => `sla.${clock}.${outcome}`,
  /** Items an agent answered or resolved (credited to the cell's agent). */
  handled: 'handled',
  /** Kudos recorded for the cell's agent (a `kudos` source). */
  kudos: 'kudos',
  /**
   * Key phrases of complaints / praise (lower-cased, at most 5 per item): `pc.<phrase>` / `pp.<phrase>`,
   * short because every byte of an aggregate item is billed on each of its updates. Items written
   * earlier hold `phrase.<kind>.<phrase>` (`LEGACY_PHRASE_PREFIX`), still read.
   */
  phrase: (kind: PhraseKind, phrase: string) => `${PHRASE_PREFIX[kind]}${phrase}`,
} as const;

/** Prefixes to read counters back by family. */
export const PREFIX = {
  sentiment: 'sentiment.',
  category: 'category.',
  status: 'status.',
  nps: 'nps.',
  csat: 'csat.',
  firstResponse: (clock: TimeClock) => `frt.${clock}.`,
  resolution: (clock: TimeClock) => `res.${clock}.`,
  sla: (clock: SlaClock) => `sla.${clock}.`,
  phrase: (kind: PhraseKind) => PHRASE_PREFIX[kind],
} as const;

const PHRASE_PREFIX: Record<PhraseKind, string> = { complaint: 'pc.', praise: 'pp.' };
/** The phrase counters' first names (aggregates written before the short ones); readers add both. */
export const LEGACY_PHRASE_PREFIX = (kind: PhraseKind) => `phrase.${kind}.`;

export type Counters = Record<string, number>;

/** The counters of `rows` added up. */
export function sumCounters(rows: readonly { readonly counters: Counters }[]): Counters {
  const out: Counters = {};
  for (const r of rows) for (const [k, n] of Object.entries(r.counters)) out[k] = (out[k] ?? 0) + n;
  return out;
}

/** The positive counters of a family (`PREFIX.*`), keyed by what follows the prefix. */
export function counterFamily(c: Counters, prefix: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(c)) if (n > 0 && k.startsWith(prefix)) out[k.slice(prefix.length)] = n;
  return out;
}

/** What a store returns for one day: the summed counters of one cell (shards already merged or not: readers just add). */
export interface MetricsRow {
  readonly day: string;
  readonly cell: MetricsCell;
  readonly counters: Counters;
}
