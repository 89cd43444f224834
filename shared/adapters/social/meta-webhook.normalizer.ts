/**
 * Meta Graph API webhooks (Facebook Page `feed`, Instagram `comments` / `live_comments` /
 * `mentions`) → SocialMention[]. One mention per qualifying change; validation is loose
 * (Meta adds fields freely) but ids and types we rely on are checked, and a body that is not
 * a Meta webhook throws InvalidWebhookPayloadError naming the field.
 *
 * Skipped (not customer text), by rule:
 * - Facebook `verb` other than add / edited / edit / update (e.g. `remove`, `hide`, `block`):
 *   removals and moderation carry no new text.
 * - Facebook `item` other than comment / post / status / photo / video / share (reactions,
 *   likes, ratings...): no free text.
 * - Anything written by the account itself: `from.id === entry.id` (page or IG account).
 * - Empty or whitespace-only `message` / `text` (sticker- or photo-only comments).
 * - Instagram @mentions whose notification carries no text (Meta sends only `comment_id` /
 *   `media_id`): see `instagramMentionLookups` for the ids to fetch through the Graph API.
 * - Changes with other `field`s, and entries without `changes` (e.g. Messenger `messaging`).
 */
import * as z from 'zod';
import type { SocialMention } from '../../domain/social-mention.schema.js';
import { InvalidWebhookPayloadError } from '../../domain/social-webhook.errors.js';
import { hasText, parseOrThrow, toIsoTimestamp, type PathSegment } from './webhook-payload.js';

const P = 'meta';
const Id = z.string().min(1).max(256);
const Timestamp = z.union([z.number(), z.string().min(1)]);

const ChangeSchema = z.looseObject({ field: z.string(), value: z.unknown() });
const EnvelopeSchema = z.looseObject({
  object: z.enum(['page', 'instagram']),
  entry: z.array(
    z.looseObject({
      id: Id,
      time: Timestamp.optional(),
      changes: z.array(ChangeSchema).optional(),
    }),
  ),
});
type Entry = z.infer<typeof EnvelopeSchema>['entry'][number];

const FeedHeadSchema = z.looseObject({ item: z.string(), verb: z.string() });
const FeedValueSchema = z.looseObject({
  item: z.string(),
  verb: z.string(),
  post_id: Id,
  comment_id: Id.optional(),
  parent_id: Id.optional(),
  message: z.string().max(20_000).optional(),
  from: z.looseObject({ id: Id, name: z.string().max(200).optional() }).optional(),
  created_time: Timestamp.optional(),
  post: z.looseObject({ permalink_url: z.string().optional() }).optional(),
});

const IgFromSchema = z.looseObject({ id: Id, username: z.string().max(100).optional() }).optional();
const IgCommentSchema = z.looseObject({
  id: Id,
  text: z.string().max(20_000).optional(),
  from: IgFromSchema,
  media: z.looseObject({ id: Id }).optional(),
  parent_id: Id.optional(),
});
const IgMentionSchema = z.looseObject({
  id: Id.optional(),
  comment_id: Id.optional(),
  media_id: Id.optional(),
  text: z.string().max(20_000).optional(),
  from: IgFromSchema,
  media: z.looseObject({ id: Id }).optional(),
});

const TEXT_ITEMS = new Set(['comment', 'post', 'status', 'photo', 'video', 'share']);
const ACTIONS: Record<string, 'add' | 'edited' | undefined> = { add: 'add', edited: 'edited', edit: 'edited', update: 'edited' };
const INSTAGRAM_COMMENT_FIELDS = new Set(['comments', 'live_comments']);

export function normalizeMetaWebhook(body: unknown): SocialMention[] {
  const envelope = parseOrThrow(P, EnvelopeSchema, body);
  const mentions: SocialMention[] = [];
  envelope.entry.forEach((entry, e) => {
    (entry.changes ?? []).forEach((change, c) => {
      const path: PathSegment[] = ['entry', e, 'changes', c, 'value'];
      const mention =
        envelope.object === 'page' && change.field === 'feed'
          ? facebookFeed(entry, change.value, path)
          : envelope.object === 'instagram' && INSTAGRAM_COMMENT_FIELDS.has(change.field)
            ? instagramComment(entry, change.value, path)
            : envelope.object === 'instagram' && change.field === 'mentions'
              ? instagramMention(entry, change.value, path)
              : undefined;
      if (mention) mentions.push(mention);
    });
  });
  return mentions;
}

function facebookFeed(entry: Entry, raw: unknown, path: PathSegment[]): SocialMention | undefined {
  const head = parseOrThrow(P, FeedHeadSchema, raw, path);
  const action = ACTIONS[head.verb];
  if (!action || !TEXT_ITEMS.has(head.item)) return undefined;
  const v = parseOrThrow(P, FeedValueSchema, raw, path);
  const commentId = v.item === 'comment' ? v.comment_id : undefined;
  if (v.item === 'comment' && !commentId) throw missing([...path, 'comment_id'], 'required when item is comment');
  if (v.from?.id === entry.id || !hasText(v.message)) return undefined;
  return {
    provider: 'meta',
    platform: 'facebook',
    postId: commentId ?? v.post_id,
    ...(commentId ? { parentId: v.parent_id ?? v.post_id } : {}),
    author: authorOf(v.from?.id, undefined, v.from?.name),
    text: v.message,
    ...urlOf(facebookUrl(v.post_id, commentId, v.post?.permalink_url)),
    createdAt:
      v.created_time !== undefined ? toIsoTimestamp(P, v.created_time, [...path, 'created_time']) : entryTime(entry, path),
    action,
  };
}

function instagramComment(entry: Entry, raw: unknown, path: PathSegment[]): SocialMention | undefined {
  const v = parseOrThrow(P, IgCommentSchema, raw, path);
  if (v.from?.id === entry.id || !hasText(v.text)) return undefined;
  const parentId = v.parent_id ?? v.media?.id;
  return {
    provider: 'meta',
    platform: 'instagram',
    postId: v.id,
    ...(parentId ? { parentId } : {}),
    author: authorOf(v.from?.id, v.from?.username),
    text: v.text,
    createdAt: entryTime(entry, path),
    action: 'add',
  };
}

function instagramMention(entry: Entry, raw: unknown, path: PathSegment[]): SocialMention | undefined {
  const v = parseOrThrow(P, IgMentionSchema, raw, path);
  const postId = v.comment_id ?? v.id ?? v.media_id;
  if (!postId) throw missing([...path, 'media_id'], 'a mention needs comment_id, id or media_id');
  if (v.from?.id === entry.id || !hasText(v.text)) return undefined;
  const parentId = v.media_id ?? v.media?.id;
  return {
    provider: 'meta',
    platform: 'instagram',
    postId,
    ...(parentId && parentId !== postId ? { parentId } : {}),
    author: authorOf(v.from?.id, v.from?.username),
    text: v.text,
    createdAt: entryTime(entry, path),
    action: 'add',
  };
}

export interface InstagramMentionLookup {
  /** The IG professional account that was mentioned (`entry.id`). */
  readonly accountId: string;
  /** Set for a mention in a comment: fetch `GET /{accountId}?fields=mentioned_comment.comment_id(<id>){text,username,timestamp}`. */
  readonly commentId?: string;
  /** The media; alone, the mention is in its caption: `fields=mentioned_media.media_id(<id>){caption,username,timestamp}`. */
  readonly mediaId?: string;
}

/** Instagram @mention notifications without text, which the caller must enrich through the Graph API. */
export function instagramMentionLookups(body: unknown): InstagramMentionLookup[] {
  const envelope = parseOrThrow(P, EnvelopeSchema, body);
  if (envelope.object !== 'instagram') return [];
  return envelope.entry.flatMap((entry, e) =>
    (entry.changes ?? []).flatMap((change, c) => {
      if (change.field !== 'mentions') return [];
      const v = parseOrThrow(P, IgMentionSchema, change.value, ['entry', e, 'changes', c, 'value']);
      if (hasText(v.text) || (!v.comment_id && !v.media_id)) return [];
      return [{ accountId: entry.id, ...(v.comment_id ? { commentId: v.comment_id } : {}), ...(v.media_id ? { mediaId: v.media_id } : {}) }];
    }),
  );
}

/** Instagram values carry no date, nor do some Facebook ones: the entry's `time` stands in. */
function entryTime(entry: Entry, changePath: PathSegment[]): string {
  const path = [...changePath.slice(0, 2), 'time'];
  if (entry.time === undefined) throw missing(path, 'required when the change has no created_time');
  return toIsoTimestamp(P, entry.time, path);
}

const missing = (path: PathSegment[], message: string) => new InvalidWebhookPayloadError(P, path.join('.'), message);

function authorOf(id: string | undefined, handle: string | undefined, name?: string): SocialMention['author'] {
  return { ...(id ? { id } : {}), ...(hasText(handle) ? { handle } : {}), ...(hasText(name) ? { name } : {}) };
}

/** `https://www.facebook.com/<page>/posts/<post>[?comment_id=<comment>]` from `<page>_<post>` / `<post>_<comment>` ids. */
function facebookUrl(postId: string, commentId: string | undefined, permalink: string | undefined): string | undefined {
  let base: string;
  if (permalink && /^https:\/\/(www\.)?facebook\.com\//.test(permalink)) base = permalink;
  else {
    const [page, post] = postId.split('_');
    base = page && post ? `https://www.facebook.com/${encodeURIComponent(page)}/posts/${encodeURIComponent(post)}` : `https://www.facebook.com/${encodeURIComponent(postId)}`;
  }
  if (!commentId) return base;
  const comment = commentId.includes('_') ? commentId.slice(commentId.lastIndexOf('_') + 1) : commentId;
  return `${base}${base.includes('?') ? '&' : '?'}comment_id=${encodeURIComponent(comment)}`;
}

const urlOf = (url: string | undefined) => (url && url.length <= 2048 ? { url } : {});
