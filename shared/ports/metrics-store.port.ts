import type { FeedbackStatus } from '../domain/feedback.schema.js';
import type { MetricsContribution, MetricsDelta, MetricsSource } from '../domain/metrics/metrics-contribution.js';
import type { MetricsCell, MetricsRow } from '../domain/metrics/metrics-counters.js';

export type { MetricsContribution as Contribution, MetricsDelta } from '../domain/metrics/metrics-contribution.js';

/**
 * The per-source ledger: what the aggregates hold for that source (`contribution`, at `rev`), and
 * a revision being applied (`pending`), so a reconciliation that died half-way is finished — with
 * the same markers, hence counted once — by the next one.
 */
export interface MetricsLedger {
  readonly sourceId: string;
  readonly rev: number;
  readonly contribution?: MetricsContribution;
  readonly pending?: PendingRevision;
}

export interface PendingRevision {
  readonly rev: number;
  /** Absent when the source no longer contributes (e.g. an item sent back to analysis). */
  readonly contribution?: MetricsContribution;
}

/** Which revision of which source an aggregate update carries (its exactly-once guard). */
export interface RevisionGuard {
  readonly sourceId: string;
  /** A feedback item's `version` (from the stream's image), or a ledger's revision (credited sources). */
  readonly rev: number;
}

/** A rebuilt aggregate item: its counters and the revision of every source summed into it. */
export interface AggregateRow extends MetricsDelta {
  readonly slots: Readonly<Record<string, number>>;
}

/** Reads the per-day aggregates: one query per day (all cells and shards of that day). */
export interface MetricsReader {
  readDays(days: readonly string[]): Promise<{ rows: MetricsRow[]; reads: number }>;
}

/** An open item, as the backlog needs it. */
export interface BacklogEntry {
  readonly status: FeedbackStatus;
  readonly receivedAt: string;
  readonly cell: MetricsCell;
}

/** Open work from the status index (`gsi1`, one partition per open status; keys and dimensions only). */
export interface BacklogReader {
  openItems(): Promise<{ items: BacklogEntry[]; reads: number }>;
}

export interface MetricsStore extends MetricsReader {
  getLedger(sourceId: string): Promise<MetricsLedger | undefined>;
  /** Records `pending` if the ledger is still at `rev` with nothing pending (absent, for rev 0); false otherwise. */
  beginRevision(sourceId: string, rev: number, pending: PendingRevision): Promise<boolean>;
  /**
   * Adds `delta.counters` to its aggregate item unless that item's slot for `guard.sourceId` already
   * holds `guard.rev` or a later revision (then false: applied before); sets the slot to `guard.rev`.
   * Revisions of one source are applied to one aggregate item in increasing order, each at most once.
   */
  applyDelta(delta: MetricsDelta, guard: RevisionGuard): Promise<boolean>;
  /** Makes `pending` the ledger's contribution if that revision is still the pending one; false otherwise. */
  commitRevision(sourceId: string, pending: PendingRevision): Promise<boolean>;
  /**
   * Rebuild: deletes every aggregate item and ledger, then writes `rows` (one per day, cell and
   * shard) and `ledgers`. Meant for a quiet system (nothing reconciling meanwhile).
   */
  replaceAll(rows: readonly AggregateRow[], ledgers: readonly MetricsLedger[]): Promise<void>;
  /** Remembers that each `sourceId` is credited through the item `relatedId` (idempotent). */
  linkRelated(links: readonly { readonly relatedId: string; readonly sourceId: string }[]): Promise<void>;
  /** The sources credited through the item `relatedId` (survey answers, surveys, kudos about it). */
  relatedSources(relatedId: string): Promise<string[]>;
}

/** Every metrics source in the table, for a rebuild (a full read: the one place that scans). */
export interface MetricsSourceScanner {
  scanSources(): AsyncIterable<MetricsSource>;
  /** A kudos record (`KUDOS#<agent>` / `FEEDBACK#<id>`), or undefined. */
  getKudos(agent: string, feedbackId: string): Promise<{ agent: string; feedbackId: string; at: string } | undefined>;
}

export type { MetricsSource } from '../domain/metrics/metrics-contribution.js';
