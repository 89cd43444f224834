import type { Counters, MetricsCell, MetricsRow } from '../domain/metrics/metrics-counters.js';
import type { FeedbackStatus } from '../domain/feedback.schema.js';

/** What one source (feedback item, survey, kudos) currently adds to the aggregates. */
export interface Contribution {
  readonly day: string;
  readonly cell: MetricsCell;
  readonly counters: Counters;
}

/**
 * The per-source ledger: what the aggregates hold for that source (`contribution`, at `rev`), and
 * a revision being applied (`pending`), so a reconciliation that died half-way is finished — with
 * the same markers, hence counted once — by the next one.
 */
export interface MetricsLedger {
  readonly sourceId: string;
  readonly rev: number;
  readonly contribution?: Contribution;
  readonly pending?: { readonly rev: number; readonly contribution?: Contribution };
}

/** One conditional counter update on a (day, cell, shard) aggregate item; `marker` makes it apply once. */
export interface MetricsDelta {
  readonly day: string;
  readonly cell: MetricsCell;
  readonly shard: number;
  readonly counters: Counters;
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
  /** Records `pending` if the ledger is still at `rev` with nothing pending (or absent, for rev 0); false otherwise. */
  beginRevision(sourceId: string, rev: number, pending: { rev: number; contribution?: Contribution }): Promise<boolean>;
  /** Adds `delta.counters` to its aggregate item unless `marker` was applied there already (idempotent). */
  applyDelta(delta: MetricsDelta, marker: string): Promise<void>;
  /** Makes `pending` the ledger's contribution if it is still pending at `pendingRev`; false otherwise. */
  commitRevision(sourceId: string, pendingRev: number): Promise<boolean>;
  /**
   * Rebuild: deletes every aggregate item, writes `rows` (one per day, cell and shard, markers
   * cleared) and sets every ledger in `ledgers` (rev bumped past the old one). Meant for a quiet system.
   */
  replaceAll(rows: readonly MetricsDelta[], ledgers: readonly MetricsLedger[]): Promise<void>;
}
