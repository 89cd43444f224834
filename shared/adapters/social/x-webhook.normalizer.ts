/**
 * X (Twitter) Account Activity API webhook → SocialMention[]: one per `tweet_create_events`
 * entry that qualifies. Other activity (favorites, follows, DMs, blocks...) yields nothing.
 * A body without `for_user_id`, or a malformed tweet, throws InvalidWebhookPayloadError.
 *
 * Skipped (not customer text), by rule:
 * - Tweets authored by our own account: `user.id_str === for_user_id` (our posts and replies).
 * - Retweets (`retweeted_status` present): the text is someone else's, already seen (or not
 *   about us); quote tweets are kept, they carry the quoter's own words.
 * - Empty text after choosing the full text.
 *
 * Text: `extended_tweet.full_text` when the tweet is `truncated` (compatibility mode cuts at
 * 140 characters with "…"), else `text`. Dedupe id: `id_str`.
 */
import * as z from 'zod';
import type { SocialMention } from '../../domain/social-mention.schema.js';
import { InvalidWebhookPayloadError } from '../../domain/social-webhook.errors.js';
import { hasText, parseOrThrow, toIsoTimestamp } from './webhook-payload.js';

const P = 'x';
const NumericId = z.string().regex(/^\d{1,25}$/, 'must be a numeric id string');

const TweetSchema = z.looseObject({
  id_str: NumericId,
  text: z.string().max(20_000).optional(),
  full_text: z.string().max(20_000).optional(),
  truncated: z.boolean().optional(),
  extended_tweet: z.looseObject({ full_text: z.string().max(20_000) }).nullish(),
  created_at: z.string().min(1),
  timestamp_ms: z.string().regex(/^\d+$/).optional(),
  in_reply_to_status_id_str: NumericId.nullish(),
  retweeted_status: z.unknown().optional(),
  user: z.looseObject({
    id_str: NumericId,
    screen_name: z.string().regex(/^\w{1,50}$/, 'must be an X handle'),
    name: z.string().max(200).optional(),
  }),
});

const EnvelopeSchema = z.looseObject({
  for_user_id: NumericId,
  tweet_create_events: z.array(z.unknown()).optional(),
});

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** v1.1 `created_at`: `Wed Oct 10 20:19:24 +0000 2018`. */
const CREATED_AT = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/;

export function normalizeXWebhook(body: unknown): SocialMention[] {
  const envelope = parseOrThrow(P, EnvelopeSchema, body);
  const mentions: SocialMention[] = [];
  (envelope.tweet_create_events ?? []).forEach((raw, i) => {
    const path = ['tweet_create_events', i];
    const tweet = parseOrThrow(P, TweetSchema, raw, path);
    if (tweet.user.id_str === envelope.for_user_id) return;
    if (tweet.retweeted_status !== undefined && tweet.retweeted_status !== null) return;
    const fullText = tweet.extended_tweet?.full_text ?? tweet.full_text;
    const text = (tweet.truncated || !hasText(tweet.text)) && hasText(fullText) ? fullText : tweet.text;
    if (!hasText(text)) return;
    const { screen_name: handle, id_str: authorId, name } = tweet.user;
    mentions.push({
      provider: 'x',
      platform: 'x',
      postId: tweet.id_str,
      ...(tweet.in_reply_to_status_id_str ? { parentId: tweet.in_reply_to_status_id_str } : {}),
      author: { id: authorId, handle, ...(hasText(name) ? { name } : {}) },
      text,
      url: `https://x.com/${handle}/status/${tweet.id_str}`,
      createdAt: createdAt(tweet.created_at, tweet.timestamp_ms, [...path, 'created_at']),
      action: 'add',
    });
  });
  return mentions;
}

function createdAt(value: string, timestampMs: string | undefined, path: (string | number)[]): string {
  const m = CREATED_AT.exec(value);
  if (m) {
    const [, mon, day, hh, mi, ss, sign, offH, offM, year] = m;
    const month = MONTHS.indexOf(mon ?? '');
    const offsetMin = (sign === '-' ? -1 : 1) * (Number(offH) * 60 + Number(offM));
    const ms = Date.UTC(Number(year), month, Number(day), Number(hh), Number(mi), Number(ss)) - offsetMin * 60_000;
    if (month >= 0 && Number.isFinite(ms)) return new Date(ms).toISOString();
  }
  if (timestampMs) return toIsoTimestamp(P, timestampMs, path.slice(0, -1).concat('timestamp_ms'));
  if (Number.isNaN(Date.parse(value))) throw new InvalidWebhookPayloadError(P, path.join('.'), `not an X date: ${value.slice(0, 40)}`);
  return toIsoTimestamp(P, value, path);
}
