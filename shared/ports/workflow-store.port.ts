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

/** The action log that makes every workflow action happen once per (item, trigger, rule, action). */
export interface ActionLog {
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
  get(name: string): Promise<StoredConfig | undefined>;
  /** Writes version `expectedVersion + 1`; false when someone else wrote first (0 for a first write). */
  put(name: string, value: unknown, expectedVersion: number, at: string, by: string): Promise<boolean>;
  /** An atomic counter (round-robin assignment): 1, 2, 3... */
  nextCounter(name: string): Promise<number>;
}
