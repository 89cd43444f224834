import { describe, expect, it } from 'vitest';
import { MAX_GENERIC_BATCH, normalizeGenericWebhook } from '../../../shared/adapters/social/generic-webhook.normalizer.js';
import { SocialMentionSchema } from '../../../shared/domain/social-mention.schema.js';
import { InvalidWebhookPayloadError } from '../../../shared/domain/social-webhook.errors.js';
import { cloneFixture, socialFixture } from './fixture.js';

type Item = Record<string, unknown> & { author: Record<string, unknown> };

const invalid = (body: unknown): InvalidWebhookPayloadError => {
  try {
    normalizeGenericWebhook(body);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidWebhookPayloadError);
    return e as InvalidWebhookPayloadError;
  }
  throw new Error('expected InvalidWebhookPayloadError');
};

describe('normalizeGenericWebhook', () => {
  it('normalizes a single mention, prefixing the id with the lowercased platform', () => {
    const mentions = normalizeGenericWebhook(socialFixture('generic-single.json'));
    expect(mentions).toEqual([
      {
        provider: 'generic',
        platform: 'tiktok',
        postId: 'tiktok:7380012345678901234',
        author: { handle: 'carol.unboxes', name: 'Carol Lima' },
        text: 'Unboxing da Loja Exemplo: entrega rápida, mas a caixa veio amassada.',
        url: 'https://www.tiktok.com/@carol.unboxes/video/7380012345678901234',
        createdAt: '2024-06-12T18:04:05.000Z',
        action: 'add',
      },
    ]);
    SocialMentionSchema.parse(mentions[0]);
  });

  it('normalizes a {mentions: [...]} batch, skipping empty text', () => {
    const mentions = normalizeGenericWebhook(socialFixture('generic-batch.json'));
    expect(mentions.map((m) => m.postId)).toEqual(['reddit:t1_l9x2k3m', 'youtube:UgzKx9a7bC-example']);
    expect(mentions[0]).toMatchObject({
      platform: 'reddit',
      parentId: 'reddit:t3_1ddx9qz',
      author: { id: 't2_8ab3c', handle: 'u_gearhead42' },
      text: 'Their warranty support took 3 weeks to answer and then just sent a template reply.',
      createdAt: '2024-06-12T20:15:00.000Z',
    });
    expect(mentions[1]).toMatchObject({ author: { handle: 'techcomtiago', name: 'Tiago Alves' }, createdAt: '2024-06-12T21:30:00.000Z' });
    mentions.forEach((m) => SocialMentionSchema.parse(m));
  });

  it('accepts a bare array as a batch, and an empty batch', () => {
    const { mentions } = cloneFixture<{ mentions: Item[] }>('generic-batch.json');
    expect(normalizeGenericWebhook(mentions)).toHaveLength(2);
    expect(normalizeGenericWebhook({ mentions: [] })).toEqual([]);
  });

  it('passes edits through and skips removals', () => {
    const item = cloneFixture<Item>('generic-single.json');
    expect(normalizeGenericWebhook({ ...item, action: 'edited' })[0]?.action).toBe('edited');
    expect(normalizeGenericWebhook({ ...item, action: 'remove' })).toEqual([]);
  });

  it('names the field at fault, with the item index in a batch', () => {
    const batch = cloneFixture<{ mentions: Item[] }>('generic-batch.json');
    delete batch.mentions[1]!.text;
    const err = invalid(batch);
    expect(err).toMatchObject({ status: 400, code: 'invalid_webhook_payload', field: 'mentions.1.text' });
    expect(err.cause).toBeDefined();

    const single = cloneFixture<Item>('generic-single.json');
    expect(invalid({ ...single, createdAt: '12/06/2024' }).field).toBe('createdAt');
    expect(invalid({ ...single, url: 'javascript:alert(1)' }).field).toBe('url');
    expect(invalid({ ...single, platform: 'Tik Tok' }).field).toBe('platform');
    expect(invalid({ ...single, author: 'carol' }).field).toBe('author');
    expect(invalid([single, { ...single, postId: '' }]).field).toBe('1.postId');
    expect(invalid({ mentions: 'nope' }).field).toBe('mentions');
    expect(invalid('text').field).toBe('');
  });

  it(`rejects batches above ${MAX_GENERIC_BATCH}`, () => {
    const single = cloneFixture<Item>('generic-single.json');
    expect(normalizeGenericWebhook(Array.from({ length: MAX_GENERIC_BATCH }, (_, i) => ({ ...single, postId: String(i) })))).toHaveLength(MAX_GENERIC_BATCH);
    expect(invalid({ mentions: Array.from({ length: MAX_GENERIC_BATCH + 1 }, () => single) }).field).toBe('mentions');
  });
});
