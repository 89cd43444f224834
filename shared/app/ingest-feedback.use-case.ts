import { createHash } from 'node:crypto';
import { monotonicFactory } from 'ulid';
import type { Channel } from '../domain/analysis.schema.js';
import { IdempotencyKeyReusedError, ServiceUnavailableError } from '../domain/errors.js';
import { parseFeedbackInput, type FeedbackInput } from '../domain/feedback-input.schema.js';
import type { Feedback, Source } from '../domain/feedback.schema.js';
import type { Clock } from '../ports/clock.port.js';
import type { FeedbackStore } from '../ports/feedback-store.port.js';
import type { Log } from '../ports/logger.port.js';
import type { FeedbackQueue } from '../ports/queue.port.js';

export interface IngestDeps {
  readonly store: FeedbackStore;
  readonly queue: FeedbackQueue;
  readonly clock: Clock;
  readonly log: Log;
}

export interface IngestRequest {
  /** The request body, already decoded (JSON object or a mapped form); validated here. */
  readonly body: unknown;
  readonly channel: Channel;
  readonly source: Source;
  readonly idempotencyKey?: string;
}

export interface IngestResult {
  readonly id: string;
  readonly status: 'accepted';
  /** The input as validated (for the caller's response, e.g. the thank-you page's language). */
  readonly input: FeedbackInput;
  /** True when an earlier request with the same Idempotency-Key already created the item. */
  readonly replayed: boolean;
}

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const newId = monotonicFactory();

/** Canonical JSON (sorted keys) so that key order does not change the hash. */
const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v && typeof v === 'object'
      ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`
      : JSON.stringify(v);

export function receivedRecord(id: string, receivedAt: string, input: FeedbackInput, channel: Channel, source: Source): Feedback {
  return {
    id,
    channel,
    receivedAt,
    customer: input.customer ?? {},
    ...(input.subject !== undefined && { subject: input.subject }),
    text: input.text,
    ...(input.language !== undefined && { language: input.language }),
    keyPhrases: [],
    ...(input.rating !== undefined && { rating: input.rating }),
    status: 'new',
    priority: 'normal',
    labels: [],
    source,
    ...(input.metadata !== undefined && { metadata: input.metadata }),
    stage: 'received',
    sweeps: 0,
    version: 1,
    createdAt: receivedAt,
    updatedAt: receivedAt,
  };
}

/**
 * Accepts one item. Durability: the `received` record is written BEFORE the queue send, so a
 * 202 always means the item is in the store; if the send then fails, the sweeper re-enqueues it.
 */
export async function ingestFeedback(deps: IngestDeps, req: IngestRequest): Promise<IngestResult> {
  const input = parseFeedbackInput(req.body);
  const now = deps.clock.now();
  let id = newId(now.getTime());
  let receivedAt = now.toISOString();
  let replayed = false;

  if (req.idempotencyKey !== undefined) {
    const requestHash = createHash('sha256').update(`${req.channel}\n${canonical(input)}`).digest('base64url');
    const earlier = await deps.store.claimIdempotencyKey(
      { key: req.idempotencyKey, requestHash, feedbackId: id, receivedAt },
      new Date(now.getTime() + IDEMPOTENCY_TTL_MS).toISOString(),
      receivedAt,
    );
    if (earlier) {
      if (earlier.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
      // Same request again. Its first attempt may have died between claim and write: write
      // the same record (a no-op when it exists) so that this 202, too, means "stored".
      ({ feedbackId: id, receivedAt } = earlier);
      replayed = true;
    }
  }

  let wrote: boolean;
  try {
    wrote = await deps.store.putReceived(receivedRecord(id, receivedAt, input, req.channel, req.source));
  } catch (cause) {
    throw new ServiceUnavailableError('Could not store the feedback; nothing was accepted. Retry later.', { cause });
  }
  if (wrote) {
    try {
      await deps.queue.send({ id });
    } catch (error) {
      // Accepted all the same: the record is durable and the sweeper will enqueue it.
      deps.log.warn('queue send failed; left for the sweeper', { feedbackId: id, error: String(error) });
    }
  }
  return { id, status: 'accepted', input, replayed };
}
