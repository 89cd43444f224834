import { createHash } from 'node:crypto';
import { MalformedBodyError, UnauthorizedError } from '../domain/errors.js';
import type { SocialMention } from '../domain/social-mention.schema.js';
import type { ObjectStore } from '../ports/object-store.port.js';
import type { SocialWebhookProvider, WebhookRequest } from '../ports/social-webhook.port.js';
import { acceptFeedback, type AcceptDeps, type FeedbackDraft } from './accept-feedback.use-case.js';

export interface SocialDeps extends AcceptDeps {
  readonly objects: ObjectStore;
}

export interface SocialResult {
  readonly accepted: number;
  readonly duplicates: number;
  readonly ids: string[];
}

export function mentionDraft(m: SocialMention, rawRef: string): FeedbackDraft {
  return {
    channel: 'social',
    customer: { ...(m.author.handle && { handle: m.author.handle }), ...(m.author.name && { name: m.author.name }) },
    text: m.text,
    source: { provider: m.provider, externalId: m.postId, ...(m.url && { permalink: m.url }), rawRef },
    metadata: { platform: m.platform, postedAt: m.createdAt, ...(m.parentId && { parentId: m.parentId }), ...(m.author.id && { authorId: m.author.id }) },
  };
}

/**
 * A signed webhook delivery: verified over its raw bytes (401 and nothing stored otherwise), kept
 * as received in the object store, and turned into one item per mention. The same post delivered
 * again (a retry, or in another batch) is the same item: dedupe on provider + post id.
 */
export async function receiveSocialWebhook(deps: SocialDeps, provider: SocialWebhookProvider, req: WebhookRequest): Promise<SocialResult> {
  const check = provider.verify(req);
  if (!check.ok) throw new UnauthorizedError(`Webhook signature refused: ${check.reason}.`);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(req.rawBody));
  } catch (cause) {
    throw new MalformedBodyError('The webhook body is not valid JSON.', { cause });
  }
  const mentions = provider.normalize(body);
  if (mentions.length === 0) return { accepted: 0, duplicates: 0, ids: [] };

  const digest = createHash('sha256').update(req.rawBody).digest('hex');
  const day = new Date(req.nowMs).toISOString().slice(0, 10).replaceAll('-', '/');
  const rawRef = `raw/social/${provider.name}/${day}/${digest}.json`;
  await deps.objects.put(rawRef, req.rawBody, 'application/json');

  const results = [];
  for (const m of mentions) results.push(await acceptFeedback(deps, mentionDraft(m, rawRef), { key: `social:${m.provider}:${m.postId}` }));
  const duplicates = results.filter((r) => r.replayed).length;
  return { accepted: results.length - duplicates, duplicates, ids: results.map((r) => r.id) };
}
