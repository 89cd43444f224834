import { describe, expect, it } from 'vitest';
import { normalizeXWebhook } from '../../../shared/adapters/social/x-webhook.normalizer.js';
import { SocialMentionSchema } from '../../../shared/domain/social-mention.schema.js';
import { InvalidWebhookPayloadError } from '../../../shared/domain/social-webhook.errors.js';
import { cloneFixture, socialFixture } from './fixture.js';

type Tweet = Record<string, unknown> & { user: Record<string, unknown> };
type Body = { for_user_id: string; tweet_create_events: Tweet[] };

const invalidField = (body: unknown): string | undefined => {
  try {
    normalizeXWebhook(body);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidWebhookPayloadError);
    expect((e as InvalidWebhookPayloadError).status).toBe(400);
    expect((e as InvalidWebhookPayloadError).cause ?? (e as InvalidWebhookPayloadError).message).toBeTruthy();
    return (e as InvalidWebhookPayloadError).field;
  }
  return undefined;
};

describe('normalizeXWebhook', () => {
  it('keeps the customer tweet with its full text and skips the one by our account', () => {
    const mentions = normalizeXWebhook(socialFixture('x-tweet-create-events.json'));
    expect(mentions).toEqual([
      {
        provider: 'x',
        platform: 'x',
        postId: '1800965432109876543',
        author: { id: '118273645', handle: 'priya_r', name: 'Priya Raman' },
        text: '@ExampleShop my order #48213 was supposed to arrive last Monday and the tracking page has said "in transit" for 9 days. Support chat keeps closing my ticket. Can someone actually look into this?',
        url: 'https://x.com/priya_r/status/1800965432109876543',
        createdAt: '2024-06-12T18:22:31.000Z',
        action: 'add',
      },
    ]);
    SocialMentionSchema.parse(mentions[0]);
  });

  it('keeps the short text of a tweet that is not truncated, with the reply target as parent', () => {
    const body = cloneFixture<Body>('x-tweet-create-events.json');
    const reply = body.tweet_create_events[1]!;
    reply.user = { id_str: '555', screen_name: 'ana_b', name: 'Ana B' };
    const mentions = normalizeXWebhook(body);
    expect(mentions.map((m) => m.postId)).toEqual(['1800965432109876543', '1800969876543210001']);
    expect(mentions[1]).toMatchObject({
      text: "@priya_r Sorry about this, Priya! Please DM us your order number and we'll sort it out today.",
      parentId: '1800965432109876543',
      url: 'https://x.com/ana_b/status/1800969876543210001',
      createdAt: '2024-06-12T18:40:02.000Z',
    });
  });

  it('skips retweets', () => {
    expect(normalizeXWebhook(socialFixture('x-retweet.json'))).toEqual([]);
  });

  it('keeps quote tweets (retweeted_status null) and skips empty text', () => {
    const body = cloneFixture<Body>('x-retweet.json');
    const tweet = body.tweet_create_events[0]!;
    tweet.retweeted_status = null;
    tweet.text = 'Same here, 2 weeks waiting';
    tweet.quoted_status_id_str = '1800965432109876543';
    expect(normalizeXWebhook(body).map((m) => m.text)).toEqual(['Same here, 2 weeks waiting']);
    tweet.text = '  ';
    expect(normalizeXWebhook(body)).toEqual([]);
  });

  it('parses created_at with a non-UTC offset, falling back to timestamp_ms', () => {
    const body = cloneFixture<Body>('x-tweet-create-events.json');
    body.tweet_create_events[0]!.created_at = 'Wed Jun 12 15:22:31 -0300 2024';
    expect(normalizeXWebhook(body)[0]?.createdAt).toBe('2024-06-12T18:22:31.000Z');
    body.tweet_create_events[0]!.created_at = 'sometime';
    expect(normalizeXWebhook(body)[0]?.createdAt).toBe('2024-06-12T18:22:31.000Z');
    delete body.tweet_create_events[0]!.timestamp_ms;
    expect(invalidField(body)).toBe('tweet_create_events.0.created_at');
  });

  it('returns nothing for other account activity', () => {
    expect(normalizeXWebhook({ for_user_id: '1402837465123456789', favorite_events: [{ id: 'a' }] })).toEqual([]);
  });

  it('rejects payloads that are not Account Activity events, naming the field', () => {
    expect(invalidField({ tweet_create_events: [] })).toBe('for_user_id');
    expect(invalidField('hello')).toBe('');
    expect(invalidField({ for_user_id: '1', tweet_create_events: {} })).toBe('tweet_create_events');
    const body = cloneFixture<Body>('x-tweet-create-events.json');
    delete body.tweet_create_events[1]!.id_str;
    expect(invalidField(body)).toBe('tweet_create_events.1.id_str');
    const badUser = cloneFixture<Body>('x-tweet-create-events.json');
    badUser.tweet_create_events[0]!.user.screen_name = 'no/slashes';
    expect(invalidField(badUser)).toBe('tweet_create_events.0.user.screen_name');
  });
});
