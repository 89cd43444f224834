/**
 * Generic social-listening webhook (Brandwatch-, Mention-, Talkwalker-style tools relaying
 * posts from any network) → SocialMention[].
 *
 * Accepted bodies (one request may carry up to MAX_GENERIC_BATCH mentions):
 * - one mention:            `{ platform, postId, author: { handle?, name?, id? }, text, url?, createdAt }`
 * - a batch, as an envelope: `{ "mentions": [ <mention>, ... ] }`  (preferred: room for more fields)
 * - a batch, as an array:    `[ <mention>, ... ]`
 * `createdAt` is ISO-8601 with `Z` or an offset; `platform` is lowercased (e.g. `tiktok`);
 * optional `parentId` and `action` ('add' | 'edited' | 'remove') pass through; unknown fields
 * are ignored. Anything else throws InvalidWebhookPayloadError naming the field.
 *
 * Dedupe id: `<platform>:<postId>` (a tool covers many networks whose ids may collide);
 * `parentId` is prefixed the same way. Skipped: mentions whose text is empty or whitespace, and
 * `action: 'remove'` (no customer text to take in), the same rules as the other providers.
 */
import * as z from 'zod';
import type { SocialMention } from '../../domain/social-mention.schema.js';
import { hasText, parseOrThrow, toIsoTimestamp } from './webhook-payload.js';

const P = 'generic';
export const MAX_GENERIC_BATCH = 100;

const GenericMentionSchema = z.looseObject({
  platform: z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, dot, dash or underscore'),
  postId: z.string().trim().min(1).max(256),
  parentId: z.string().trim().min(1).max(256).optional(),
  author: z.looseObject({
    id: z.string().trim().min(1).max(128).optional(),
    /** Stored without a leading `@`. */
    handle: z.string().trim().transform((h) => h.replace(/^@/, '')).pipe(z.string().max(100)).optional(),
    name: z.string().trim().max(200).optional(),
  }),
  text: z.string().max(20_000),
  url: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  createdAt: z.iso.datetime({ offset: true }),
  action: z.enum(['add', 'edited', 'remove']).optional(),
});

export function normalizeGenericWebhook(body: unknown): SocialMention[] {
  const { items, path, single } = locateItems(body);
  const batch = parseOrThrow(P, z.array(z.unknown()).max(MAX_GENERIC_BATCH, `at most ${MAX_GENERIC_BATCH} mentions per request`), items, path);
  const mentions: SocialMention[] = [];
  batch.forEach((raw, i) => {
    const itemPath = single ? path : [...path, i];
    const m = parseOrThrow(P, GenericMentionSchema, raw, itemPath);
    if (!hasText(m.text) || m.action === 'remove') return;
    mentions.push({
      provider: 'generic',
      platform: m.platform,
      postId: `${m.platform}:${m.postId}`,
      ...(m.parentId ? { parentId: `${m.platform}:${m.parentId}` } : {}),
      author: {
        ...(m.author.id ? { id: m.author.id } : {}),
        ...(hasText(m.author.handle) ? { handle: m.author.handle } : {}),
        ...(hasText(m.author.name) ? { name: m.author.name } : {}),
      },
      text: m.text,
      ...(m.url ? { url: m.url } : {}),
      createdAt: toIsoTimestamp(P, m.createdAt, [...itemPath, 'createdAt']),
      action: m.action ?? 'add',
    });
  });
  return mentions;
}

/** A single mention is treated as a batch of one at the body's root. */
function locateItems(body: unknown): { items: unknown; path: (string | number)[]; single: boolean } {
  if (Array.isArray(body)) return { items: body, path: [], single: false };
  if (body !== null && typeof body === 'object' && 'mentions' in body) {
    return { items: (body as { mentions: unknown }).mentions, path: ['mentions'], single: false };
  }
  return { items: [body], path: [], single: true };
}
