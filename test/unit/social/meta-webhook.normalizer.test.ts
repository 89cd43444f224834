import { describe, expect, it } from 'vitest';
import { instagramMentionLookups, normalizeMetaWebhook } from '../../../shared/adapters/social/meta-webhook.normalizer.js';
import { SocialMentionSchema } from '../../../shared/domain/social-mention.schema.js';
import { InvalidWebhookPayloadError } from '../../../shared/domain/social-webhook.errors.js';
import { cloneFixture, socialFixture } from './fixture.js';

type Change = { field: string; value: Record<string, unknown> };
type Body = { object: string; entry: { id: string; time?: number; changes: Change[] }[] };

const pageComment = () => cloneFixture<Body>('meta-page-feed-comment.json');
const firstValue = (b: Body) => b.entry[0]!.changes[0]!.value;

function expectInvalid(body: unknown, field: string) {
  let error: unknown;
  try {
    normalizeMetaWebhook(body);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InvalidWebhookPayloadError);
  const err = error as InvalidWebhookPayloadError;
  expect(err.status).toBe(400);
  expect(err.field).toBe(field);
  expect(err.details[0]?.field).toBe(field);
  expect(err.message).toContain(field);
  return err;
}

describe('normalizeMetaWebhook — Facebook page feed', () => {
  it('turns a page comment (pt-BR) into one mention', () => {
    const mentions = normalizeMetaWebhook(socialFixture('meta-page-feed-comment.json'));
    expect(mentions).toEqual([
      {
        provider: 'meta',
        platform: 'facebook',
        postId: '122112233445566_987654321098765',
        parentId: '104567891234567_122112233445566',
        author: { id: '7712345678901234', name: 'Mariana Souza' },
        text: 'Comprei o fone na semana passada e ele já parou de funcionar do lado esquerdo. Alguém do atendimento pode me ajudar? 😕',
        url: 'https://www.facebook.com/104567891234567/posts/122112233445566?comment_id=987654321098765',
        createdAt: '2024-06-12T16:00:02.000Z',
        action: 'add',
      },
    ]);
    expect(() => SocialMentionSchema.parse(mentions[0])).not.toThrow();
  });

  it('keeps the visitor post and skips the page’s own reply and the removal (2 entries, 3 changes)', () => {
    const mentions = normalizeMetaWebhook(socialFixture('meta-page-feed-mixed.json'));
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toEqual({
      provider: 'meta',
      platform: 'facebook',
      postId: '104567891234567_122199988877766',
      author: { id: '7798765432109876', name: 'João Pereira' },
      text: 'Pedido 48213 atrasado há 10 dias e ninguém responde no chat. Péssimo!',
      url: 'https://www.facebook.com/104567891234567/posts/122199988877766',
      createdAt: '2024-06-13T16:00:00.000Z',
      action: 'add',
    });
    expect(mentions.map((m) => m.postId)).not.toContain('122199988877766_1122334455667788');
    expect(mentions.map((m) => m.postId)).not.toContain('122155544433322_556677889900112');
  });

  it('maps edits to action "edited" with the same postId', () => {
    const body = pageComment();
    Object.assign(firstValue(body), { verb: 'edited', message: 'Atualizando: o suporte já me respondeu, obrigada!' });
    const [m] = normalizeMetaWebhook(body);
    expect(m).toMatchObject({ postId: '122112233445566_987654321098765', action: 'edited', text: 'Atualizando: o suporte já me respondeu, obrigada!' });
  });

  it('skips removals even when they carry a message, hides, reactions and empty messages', () => {
    for (const patch of [{ verb: 'remove' }, { verb: 'hide' }, { item: 'reaction', reaction_type: 'like' }, { message: '   ' }, { message: undefined }]) {
      const body = pageComment();
      Object.assign(firstValue(body), patch);
      expect(normalizeMetaWebhook(body)).toEqual([]);
    }
  });

  it('falls back to entry.time and accepts Graph-style string dates', () => {
    const body = pageComment();
    delete firstValue(body).created_time;
    expect(normalizeMetaWebhook(body)[0]?.createdAt).toBe('2024-06-12T16:00:05.000Z');
    firstValue(body).created_time = '2024-06-12T16:00:02+0000';
    expect(normalizeMetaWebhook(body)[0]?.createdAt).toBe('2024-06-12T16:00:02.000Z');
  });

  it('keeps a comment whose author Meta withheld, without an author id', () => {
    const body = pageComment();
    delete firstValue(body).from;
    expect(normalizeMetaWebhook(body)[0]?.author).toEqual({});
  });

  it('ignores entries without changes and fields it does not handle', () => {
    expect(normalizeMetaWebhook({ object: 'page', entry: [{ id: '1', time: 1, messaging: [{}] }] })).toEqual([]);
    expect(normalizeMetaWebhook({ object: 'page', entry: [{ id: '1', time: 1, changes: [{ field: 'ratings', value: { review_text: 'x' } }] }] })).toEqual([]);
  });
});

describe('normalizeMetaWebhook — Instagram', () => {
  it('turns a comment (en) into one mention on the media', () => {
    expect(normalizeMetaWebhook(socialFixture('meta-instagram-comment.json'))).toEqual([
      {
        provider: 'meta',
        platform: 'instagram',
        postId: '17865799348089039',
        parentId: '18034567890123456',
        author: { id: '6543219876543210', handle: 'jess.travels' },
        text: 'Love the new colors, but my order arrived with a broken zipper. How do I get a replacement?',
        createdAt: '2024-06-13T17:50:00.000Z',
        action: 'add',
      },
    ]);
  });

  it('uses parent_id for a reply, and skips comments by our own IG account', () => {
    const body = cloneFixture<Body>('meta-instagram-comment.json');
    firstValue(body).parent_id = '17811112222333444';
    expect(normalizeMetaWebhook(body)[0]?.parentId).toBe('17811112222333444');
    firstValue(body).from = { id: '17841400123456789', username: 'exampleshop' };
    expect(normalizeMetaWebhook(body)).toEqual([]);
  });

  it('turns a mention with text into a mention; a text-less mention becomes a lookup instead', () => {
    const body = socialFixture('meta-instagram-mention.json');
    const mentions = normalizeMetaWebhook(body);
    expect(mentions).toEqual([
      {
        provider: 'meta',
        platform: 'instagram',
        postId: '17902345678901234',
        parentId: '18011223344556677',
        author: { id: '6512345098765432', handle: 'dan_cooks' },
        text: '@exampleshop the blender I bought from you is the best purchase of the year, thanks!',
        createdAt: '2024-06-13T19:00:00.000Z',
        action: 'add',
      },
    ]);
    mentions.forEach((m) => SocialMentionSchema.parse(m));
    expect(instagramMentionLookups(body)).toEqual([{ accountId: '17841400123456789', commentId: '17894227972186120', mediaId: '18099887766554433' }]);
    expect(instagramMentionLookups(socialFixture('meta-page-feed-comment.json'))).toEqual([]);
  });
});

describe('normalizeMetaWebhook — invalid payloads', () => {
  it('rejects bodies that are not Meta webhooks, naming the field', () => {
    const err = expectInvalid({ hello: 'world' }, 'object');
    expect(err.cause).toBeDefined();
    expectInvalid(null, '');
    expectInvalid({ object: 'whatsapp_business_account', entry: [] }, 'object');
    expectInvalid({ object: 'page', entry: {} }, 'entry');
    expectInvalid({ object: 'page', entry: [{ time: 1, changes: [] }] }, 'entry.0.id');
  });

  it('names the nested field of a malformed change', () => {
    const body = cloneFixture<Body>('meta-page-feed-mixed.json');
    delete body.entry[1]!.changes[0]!.value.verb;
    expectInvalid(body, 'entry.1.changes.0.value.verb');

    const noComment = pageComment();
    delete firstValue(noComment).comment_id;
    expectInvalid(noComment, 'entry.0.changes.0.value.comment_id');

    const badFrom = pageComment();
    firstValue(badFrom).from = { id: 42, name: 'x' };
    expectInvalid(badFrom, 'entry.0.changes.0.value.from.id');

    const badDate = pageComment();
    firstValue(badDate).created_time = 'yesterday';
    expectInvalid(badDate, 'entry.0.changes.0.value.created_time');

    const ig = cloneFixture<Body>('meta-instagram-comment.json');
    delete firstValue(ig).id;
    expectInvalid(ig, 'entry.0.changes.0.value.id');
    const igNoTime = cloneFixture<Body>('meta-instagram-comment.json');
    delete igNoTime.entry[0]!.time;
    expectInvalid(igNoTime, 'entry.0.time');
  });
});
