import { monotonicFactory } from 'ulid';
import { IdempotencyKeyReusedError, ServiceUnavailableError, ValidationError } from '../domain/errors.js';
import { toErrorDetails } from '../domain/feedback-input.schema.js';
import { FeedbackSchema, type Feedback } from '../domain/feedback.schema.js';
import { processMessageFor } from '../domain/process-message.schema.js';
import type { Clock } from '../ports/clock.port.js';
import type { FeedbackStore } from '../ports/feedback-store.port.js';
import type { Log } from '../ports/logger.port.js';
import type { FeedbackQueue } from '../ports/queue.port.js';
import { METRIC, type Telemetry } from '../ports/telemetry.port.js';

export interface AcceptDeps {
  readonly store: FeedbackStore;
  readonly queue: FeedbackQueue;
  readonly clock: Clock;
  readonly log: Log;
  readonly telemetry?: Telemetry;
}

/** What a channel hands over: the record's content, before ids, versions and times. */
export type FeedbackDraft = Pick<Feedback, 'channel' | 'customer' | 'text' | 'source'> &
  Partial<Pick<Feedback, 'subject' | 'language' | 'rating' | 'metadata' | 'attachments' | 'call' | 'surveyId' | 'ignoredReason'>> & {
    /** `ignored` / `quarantined` items are kept but never queued. Default `received`. */
    readonly stage?: 'received' | 'ignored' | 'quarantined';
  };

/**
 * One item per key: an API Idempotency-Key (with the request's hash: another request under the
 * same key is refused) or a provider's own id (a redelivered webhook, email or transcript: no hash,
 * the first one wins).
 */
export interface Dedupe {
  readonly key: string;
  readonly requestHash?: string;
}

export interface Accepted {
  readonly id: string;
  /** True when the dedupe key had already created this item. */
  readonly replayed: boolean;
}

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const PROVIDER_DEDUPE_TTL_MS = 400 * 24 * 60 * 60 * 1000;
const newId = monotonicFactory();

export function draftRecord(id: string, receivedAt: string, draft: FeedbackDraft): Feedback {
  const { stage = 'received', ...content } = draft;
  return {
    ...content,
    id,
    receivedAt,
    keyPhrases: [],
    status: 'new',
    priority: 'normal',
    labels: [],
    stage,
    sweeps: 0,
    version: 1,
    createdAt: receivedAt,
    updatedAt: receivedAt,
  };
}

/**
 * Accepts one item from any channel. Durability: the record is written BEFORE the queue send,
 * so an accepted item is always in the store; if the send then fails, the sweeper re-enqueues it.
 */
export async function acceptFeedback(deps: AcceptDeps, draft: FeedbackDraft, dedupe?: Dedupe): Promise<Accepted> {
  const now = deps.clock.now();
  let id = newId(now.getTime());
  let receivedAt = now.toISOString();
  let replayed = false;

  if (dedupe) {
    const ttl = dedupe.requestHash === undefined ? PROVIDER_DEDUPE_TTL_MS : IDEMPOTENCY_TTL_MS;
    const earlier = await deps.store.claimIdempotencyKey(
      { key: dedupe.key, requestHash: dedupe.requestHash ?? '', feedbackId: id, receivedAt },
      new Date(now.getTime() + ttl).toISOString(),
      receivedAt,
    );
    if (earlier) {
      if (dedupe.requestHash !== undefined && earlier.requestHash !== dedupe.requestHash) throw new IdempotencyKeyReusedError();
      // Its first attempt may have died between claim and write: write the same record (a no-op
      // when it exists), so that this answer, too, means "stored".
      ({ feedbackId: id, receivedAt } = earlier);
      replayed = true;
    }
  }

  const record = draftRecord(id, receivedAt, draft);
  // Never store garbage: whatever a channel built must be a valid record.
  const valid = FeedbackSchema.safeParse(record);
  if (!valid.success) throw new ValidationError('The feedback is not valid.', toErrorDetails(valid.error), { cause: valid.error });
  let wrote: boolean;
  try {
    wrote = await deps.store.putReceived(record);
  } catch (cause) {
    throw new ServiceUnavailableError('Could not store the feedback; nothing was accepted. Retry later.', { cause });
  }
  if (wrote && record.stage === 'received') {
    deps.telemetry?.count(METRIC.feedbackAccepted, 1, { channel: record.channel });
    try {
      await deps.queue.send(processMessageFor(record));
    } catch (error) {
      // Accepted all the same: the record is durable and the sweeper will enqueue it.
      deps.log.warn('queue send failed; left for the sweeper', { feedbackId: id, error: String(error) });
    }
  }
  return { id, replayed };
}
