import type { ThreadMessage } from '../domain/thread-message.schema.js';
import type { ActionRecord, OutboxRecord, TimelineEntry } from '../domain/workflow-records.schema.js';
import type { Page } from './customer-store.port.js';

export interface TimelineStore {
  /** Appends an entry unless one with its key exists; true when this call added it. */
  append(feedbackId: string, entry: TimelineEntry): Promise<boolean>;
  /** Oldest first. */
  list(feedbackId: string): Promise<TimelineEntry[]>;
}

export interface ClaimRequest {
  readonly key: string;
  readonly ruleId: string;
  readonly type: string;
  readonly now: string;
  /** A `pending` claim older than this is taken over (its worker died). */
  readonly leaseMs: number;
}

export interface RunPlanEntry {
  readonly key: string;
  readonly ruleId: string;
  readonly type: string;
}

/** What one run claimed: its actions (pending, attempts counted) and the run's revision. */
export interface RunClaim {
  readonly rev: number;
  readonly claimed: ActionRecord[];
  /** The planned actions not claimed (done, waiting for a retry, failed for good, being run), as stored. */
  readonly others: ActionRecord[];
}

/** Everything a run leaves behind, written together when it ends. */
export interface RunOutcome {
  /** The claimed actions' new states (done or failed). */
  readonly actions: readonly ActionRecord[];
  readonly timeline: readonly TimelineEntry[];
  readonly outbox: readonly OutboxRecord[];
  readonly messages: readonly ThreadMessage[];
  /** Message ids sent, linked to the item (threading replies). */
  readonly messageIds: ReadonlyArray<{ messageId: string; at: string }>;
  readonly kudos: ReadonlyArray<{ agentId: string; at: string }>;
  readonly collections: ReadonlyArray<{ collection: string; at: string }>;
}

/** The action log that makes every workflow action happen once per (item, trigger, rule, action). */
export interface ActionLog {
  /**
   * Claims, in one conditional write, the planned actions of one run (item, trigger) that may run
   * now: new ones, failed ones whose retry time has come, pending ones whose lease expired.
   * Undefined when another run changed the log meanwhile (retry later).
   */
  claimRun(feedbackId: string, trigger: string, plan: readonly RunPlanEntry[], now: string, leaseMs: number): Promise<RunClaim | undefined>;
  /**
   * Ends a run: its records (outbox, conversation, message ids, kudos, collections: idempotent keys,
   * a repeated run rewrites the same items) and then, under the claim's revision, the actions'
   * states and timeline entries. False when the claim was taken over meanwhile (its lease expired).
   */
  finishRun(feedbackId: string, trigger: string, claim: RunClaim, outcome: RunOutcome): Promise<boolean>;
  /**
   * Claims an action to run it: new, a failed one whose retry time has come, or a pending one
   * whose lease expired. Undefined when it is done, failed for good, waiting, or being run.
   */
  claim(feedbackId: string, req: ClaimRequest): Promise<ActionRecord | undefined>;
  complete(feedbackId: string, key: string, result: Record<string, unknown>, at: string): Promise<void>;
  /** Records a failure: retried from `nextAttemptAt`, or for good when it is undefined. */
  fail(feedbackId: string, key: string, error: string, at: string, nextAttemptAt: string | undefined): Promise<void>;
  list(feedbackId: string): Promise<ActionRecord[]>;
}

export interface OutboxStore {
  /** Idempotent by record id. */
  record(message: OutboxRecord): Promise<void>;
  /** Newest first; with `feedbackId`, only that item's messages. */
  list(query: { feedbackId?: string; limit: number; cursor?: string }): Promise<Page<OutboxRecord>>;
}

/** Team recognition and digests: kudos per agent, named collections (praise feed, product ideas). */
export interface RecognitionStore {
  recordKudos(agentId: string, feedbackId: string, at: string): Promise<void>;
  listKudos(agentId: string, limit: number): Promise<Array<{ feedbackId: string; at: string }>>;
  addToCollection(collection: string, feedbackId: string, at: string): Promise<void>;
  listCollection(collection: string, limit: number, cursor?: string): Promise<Page<{ feedbackId: string; at: string }>>;
}

export interface StoredConfig {
  readonly value: unknown;
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy?: string;
}

/** Admin-editable configuration documents (rules, service standards) and counters. */
export interface ConfigStore {
  /** May be cached briefly (rules, standards: see the adapter); `fresh` reads the stored document. */
  get(name: string, opts?: { fresh?: boolean }): Promise<StoredConfig | undefined>;
  /** Writes version `expectedVersion + 1`; false when someone else wrote first (0 for a first write). */
  put(name: string, value: unknown, expectedVersion: number, at: string, by: string): Promise<boolean>;
  /** An atomic counter (round-robin assignment): 1, 2, 3... */
  nextCounter(name: string): Promise<number>;
}
