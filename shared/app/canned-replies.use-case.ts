import { ulid } from 'ulid';
import {
  CannedReplyConflictError,
  CannedReplyInputSchema,
  CannedReplyQuerySchema,
  DEFAULT_CANNED_REPLIES,
  type CannedReply,
} from '../domain/canned-reply.schema.js';
import { NotFoundError } from '../domain/errors.js';
import { parseOrThrow } from '../domain/validation.js';
import type { CannedReplyStore } from '../ports/canned-reply-store.port.js';
import type { Clock } from '../ports/clock.port.js';

export interface CannedDeps {
  readonly cannedReplies: CannedReplyStore;
  readonly clock: Clock;
}

/** Lists (optionally one locale's) replies; the very first list of an empty store seeds the defaults. */
export async function listCannedReplies(deps: CannedDeps, query: { locale?: string | undefined }): Promise<{ items: CannedReply[] }> {
  const { locale } = parseOrThrow(CannedReplyQuerySchema, query, 'query');
  let items = await deps.cannedReplies.list(locale);
  if (items.length === 0 && (await deps.cannedReplies.list()).length === 0) {
    const at = deps.clock.now().toISOString();
    if (await deps.cannedReplies.claimSeeding(at)) {
      for (const d of DEFAULT_CANNED_REPLIES) {
        await deps.cannedReplies.put({ ...d, tags: d.tags ?? [], version: 1, createdAt: at, updatedAt: at }, 0);
      }
      items = await deps.cannedReplies.list(locale);
    }
  }
  return { items };
}

export async function createCannedReply(deps: CannedDeps, body: unknown, by: string): Promise<CannedReply> {
  const input = parseOrThrow(CannedReplyInputSchema, body, 'canned reply');
  const at = deps.clock.now().toISOString();
  const reply: CannedReply = { id: ulid(), ...input, tags: input.tags ?? [], version: 1, createdAt: at, updatedAt: at, updatedBy: by };
  if (!(await deps.cannedReplies.put(reply, 0))) throw new CannedReplyConflictError();
  return reply;
}

/** Replaces a reply if it is still at `expectedVersion` (the If-Match the admin sent): else 409. */
export async function updateCannedReply(deps: CannedDeps, id: string, body: unknown, expectedVersion: number, by: string): Promise<CannedReply> {
  const input = parseOrThrow(CannedReplyInputSchema, body, 'canned reply');
  const current = await deps.cannedReplies.get(id);
  if (!current) throw new NotFoundError(`No canned reply ${id}.`);
  if (current.version !== expectedVersion) throw new CannedReplyConflictError();
  const next: CannedReply = { ...current, ...input, tags: input.tags ?? [], version: expectedVersion + 1, updatedAt: deps.clock.now().toISOString(), updatedBy: by };
  if (!(await deps.cannedReplies.put(next, expectedVersion))) throw new CannedReplyConflictError();
  return next;
}

export async function deleteCannedReply(deps: CannedDeps, id: string): Promise<void> {
  if (!(await deps.cannedReplies.delete(id))) throw new NotFoundError(`No canned reply ${id}.`);
}
