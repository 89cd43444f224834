import type { Feedback, Rating } from '../domain/feedback.schema.js';

export interface IdempotencyClaim {
  readonly key: string;
  readonly requestHash: string;
  readonly feedbackId: string;
  readonly receivedAt: string;
}

/** Where feedback records live (DynamoDB). Every write is conditional; none needs a transaction. */
export interface FeedbackStore {
  /** Creates the record (a `received` one from intake; the seed writes final ones) unless that id exists; true when this call wrote it. */
  putReceived(feedback: Feedback): Promise<boolean>;
  /** Strongly consistent read. */
  get(id: string): Promise<Feedback | undefined>;
  /**
   * Replaces the record if it is still at `expectedVersion` and `received`; false when another
   * delivery already moved it on (the caller then treats its message as a duplicate).
   */
  saveAnalyzed(feedback: Feedback, expectedVersion: number): Promise<boolean>;
  /** Replaces the record if it is still at `expectedVersion` (the caller bumps `version`); false otherwise: re-read and retry. */
  update(feedback: Feedback, expectedVersion: number): Promise<boolean>;
  /** Ids of items on an SLA clock whose next deadline (warning or breach) is at or before `before`, soonest first, at most `limit`. */
  listDue(before: string, limit: number): Promise<string[]>;
  /**
   * Claims an Idempotency-Key for a new item. Returns undefined when the claim is ours, or the
   * earlier, still-valid claim for that key.
   */
  claimIdempotencyKey(claim: IdempotencyClaim, expiresAt: string, now: string): Promise<IdempotencyClaim | undefined>;
  /**
   * One page of the `received` items that arrived (or were reopened) before `before`, oldest first
   * across every shard, with their sweep counts as the index has them (possibly a little stale);
   * `cursor` (opaque) when there may be more.
   */
  listReceived(before: string, page: { readonly limit: number; readonly cursor?: string }): Promise<ReceivedPage>;
  /** Items whose `feedback.resolved` was saved before `before` and is not confirmed published. */
  listPendingEvents(before: string, limit: number): Promise<string[]>;
  /** Confirms the resolved event of that version published (idempotent). */
  clearResolvedEventPending(id: string, version: number): Promise<void>;
  /** Counts one re-enqueue of a still-`received` item; false if it moved on meanwhile. */
  recordSweep(id: string, sweeps: number, at: string): Promise<boolean>;
  /** Moves a still-`received` item to `failed`, keeping it and saying why. */
  markFailed(id: string, reason: string, at: string): Promise<boolean>;
  /**
   * A changed survey answer: sets the text and rating and sends the item back to `received` (next
   * version, on the sweep index from `at`, out of the inbox, analysis and event mark cleared) if
   * it is still at `expectedVersion`; false otherwise (re-read and retry). The caller enqueues it.
   */
  reopenForAnalysis(id: string, changes: ReopenChanges, expectedVersion: number, at: string): Promise<boolean>;
}

export interface ReceivedPage {
  readonly items: ReadonlyArray<{ readonly id: string; readonly sweeps: number }>;
  readonly cursor?: string;
}

export interface ReopenChanges {
  readonly text: string;
  readonly rating: Rating;
  /** True when `text` is new customer text: its original is then stored anew on analysis. */
  readonly newText: boolean;
}
