import { createHash } from 'node:crypto';
import type { Channel } from '../domain/analysis.schema.js';
import { parseFeedbackInput, type FeedbackInput } from '../domain/feedback-input.schema.js';
import type { Source } from '../domain/feedback.schema.js';
import { acceptFeedback, type AcceptDeps } from './accept-feedback.use-case.js';

export type IngestDeps = AcceptDeps;

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

/** Canonical JSON (sorted keys) so that key order does not change the hash. */
const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v && typeof v === 'object'
      ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`
      : JSON.stringify(v);

/** The web form and API channel: validate, then accept. */
export async function ingestFeedback(deps: IngestDeps, req: IngestRequest): Promise<IngestResult> {
  const input = parseFeedbackInput(req.body);
  const { customer = {}, ...rest } = input;
  const dedupe = req.idempotencyKey === undefined
    ? undefined
    : { key: `api:${req.idempotencyKey}`, requestHash: createHash('sha256').update(`${req.channel}\n${canonical(input)}`).digest('base64url') };
  const { id, replayed } = await acceptFeedback(deps, { ...rest, customer, channel: req.channel, source: req.source }, dedupe);
  return { id, status: 'accepted', input, replayed };
}
