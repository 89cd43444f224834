import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feedback } from '../../shared/domain/feedback.schema.js';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js';

const SECRETS = {
  OUVIDOR_META_APP_SECRET: 'meta-app-secret-for-tests',
  OUVIDOR_META_VERIFY_TOKEN: 'verify-me',
  OUVIDOR_X_CONSUMER_SECRET: 'x-consumer-secret-for-tests',
  OUVIDOR_WEBHOOK_SECRET: 'generic-webhook-secret',
};
const fixture = (dir: string, name: string) => readFileSync(new URL(`../fixtures/${dir}/${name}`, import.meta.url));

let p: TestPlatform;
beforeAll(async () => {
  Object.assign(process.env, SECRETS);
  p = await startTestPlatform();
});
afterAll(async () => {
  await p?.stop();
  for (const k of Object.keys(SECRETS)) delete process.env[k];
});

const hmac = (secret: string, data: string | Buffer, enc: 'hex' | 'base64') => createHmac('sha256', secret).update(data).digest(enc);
const post = (path: string, body: Buffer | string, headers: Record<string, string>) =>
  fetch(`${p.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
const analyzed = (id: string) =>
  eventually(async () => {
    const fb = (await (await p.get(`/v1/feedback/${id}`, 'agent')).json()) as Feedback;
    return fb.stage === 'analyzed' ? fb : undefined;
  }, 3000);

describe('social webhooks', () => {
  it('answers the Meta subscription check only with the right verify token', async () => {
    const ok = await fetch(`${p.url}/v1/channels/social/meta?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect((await fetch(`${p.url}/v1/channels/social/meta?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`)).status).toBe(403);
  });

  it('answers the X CRC check with the HMAC of the token', async () => {
    const res = await fetch(`${p.url}/v1/channels/social/x?crc_token=abc123`);
    expect(await res.json()).toEqual({ response_token: `sha256=${hmac(SECRETS.OUVIDOR_X_CONSUMER_SECRET, 'abc123', 'base64')}` });
  });

  it('turns a signed Meta webhook into analyzed social items, and a redelivery into nothing new', async () => {
    const body = fixture('social', 'meta-page-feed-mixed.json');
    const headers = { 'x-hub-signature-256': `sha256=${hmac(SECRETS.OUVIDOR_META_APP_SECRET, body, 'hex')}` };
    const res = await post('/v1/channels/social/meta', body, headers);
    expect(res.status).toBe(200);
    const first = (await res.json()) as { accepted: number; duplicates: number; ids: string[] };
    expect(first.accepted).toBeGreaterThan(0);
    const fb = await analyzed(first.ids[0]!);
    expect(fb).toMatchObject({ channel: 'social', source: { provider: 'meta' } });
    expect(fb.source.rawRef).toMatch(/^raw\/social\/meta\//);
    const again = (await (await post('/v1/channels/social/meta', body, headers)).json()) as typeof first;
    expect(again).toMatchObject({ accepted: 0, duplicates: first.accepted, ids: first.ids });
  });

  it('refuses unsigned, badly signed or tampered webhooks with 401, storing nothing', async () => {
    const body = fixture('social', 'meta-page-feed-comment.json');
    const count = await p.feedbackCount();
    const unsigned = await post('/v1/channels/social/meta', body, {});
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    const wrongSecret = { 'x-hub-signature-256': `sha256=${hmac('not-the-secret', body, 'hex')}` };
    expect((await post('/v1/channels/social/meta', body, wrongSecret)).status).toBe(401);
    const tampered = Buffer.from(body);
    tampered[tampered.length - 3]! ^= 1;
    const signedOriginal = { 'x-hub-signature-256': `sha256=${hmac(SECRETS.OUVIDOR_META_APP_SECRET, body, 'hex')}` };
    expect((await post('/v1/channels/social/meta', tampered, signedOriginal)).status).toBe(401);
    expect((await post('/v1/channels/social/x', fixture('social', 'x-tweet-create-events.json'), { 'x-twitter-webhooks-signature': 'sha256=AAAA' })).status).toBe(401);
    expect(await p.feedbackCount()).toBe(count);
  });

  it('accepts a signed X webhook, skipping our own tweets', async () => {
    const body = fixture('social', 'x-tweet-create-events.json');
    const res = await post('/v1/channels/social/x', body, { 'x-twitter-webhooks-signature': `sha256=${hmac(SECRETS.OUVIDOR_X_CONSUMER_SECRET, body, 'base64')}` });
    expect(res.status).toBe(200);
    const { ids } = (await res.json()) as { ids: string[] };
    expect(ids).toHaveLength(1);
    const fb = await analyzed(ids[0]!);
    expect(fb).toMatchObject({ channel: 'social', language: 'en', source: { provider: 'x' } });
    expect(fb.source.permalink).toMatch(/^https:\/\/x\.com\/.+\/status\/\d+$/);
  });

  it('accepts the generic webhook inside its 5-minute window only', async () => {
    const body = fixture('social', 'generic-batch.json');
    const sign = (ts: number) => ({ 'x-ouvidor-timestamp': String(ts), 'x-ouvidor-signature': `sha256=${hmac(SECRETS.OUVIDOR_WEBHOOK_SECRET, `${ts}.${body.toString()}`, 'hex')}` });
    const now = Math.floor(Date.now() / 1000);
    expect((await post('/v1/channels/social/generic', body, sign(now - 301))).status).toBe(401);
    const res = await post('/v1/channels/social/generic', body, sign(now));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { accepted: number }).accepted).toBeGreaterThan(1);
  });

  it('answers 404 for an unknown network and 400 for a signed body of the wrong shape', async () => {
    expect((await post('/v1/channels/social/myspace', '{}', {})).status).toBe(404);
    const body = Buffer.from(JSON.stringify({ object: 'page', entry: 'nope' }));
    const res = await post('/v1/channels/social/meta', body, { 'x-hub-signature-256': `sha256=${hmac(SECRETS.OUVIDOR_META_APP_SECRET, body, 'hex')}` });
    expect(res.status).toBe(400);
  });
});

describe('phone transcripts', () => {
  const postTranscript = async (name: string, role: 'agent' | 'none' = 'agent', query = '') =>
    fetch(`${p.url}/v1/channels/phone${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await p.token(role)}` },
      body: fixture('transcripts', name),
    });

  it('makes a Call Analytics file one phone item whose text is only what the customer said', async () => {
    const res = await postTranscript('call-analytics-pt-BR-delivery.json', 'agent', '?customerPhone=%2B5511987654321');
    expect(res.status).toBe(202);
    const { id, duplicate } = (await res.json()) as { id: string; duplicate: boolean };
    expect(duplicate).toBe(false);
    const fb = await analyzed(id);
    expect(fb).toMatchObject({ channel: 'phone', language: 'pt', source: { provider: 'call-analytics' }, call: { format: 'call-analytics', externalId: 'ouvidor-tca-2024-05-09-1402-pt' } });
    expect(fb.text).toContain('a entrega ainda não chegou');
    expect(fb.text).not.toContain('meu nome é Rafael');
    expect(fb.call!.turns.map((t) => t.role)).toContain('AGENT');
    expect(fb.call!.turns.some((t) => t.providerSentiment)).toBe(true);
    expect(fb.customer.id).toBeDefined();
    expect(fb.sentiment!.label).not.toBe('POSITIVE');
    const again = (await (await postTranscript('call-analytics-pt-BR-delivery.json')).json()) as { id: string; duplicate: boolean };
    expect(again).toMatchObject({ id, duplicate: true });
  });

  it('accepts plain Transcribe and Contact Lens output', async () => {
    for (const name of ['transcribe-en-US-delivery.json', 'contact-lens-pt-BR-praise.json']) {
      const res = await postTranscript(name);
      expect(res.status).toBe(202);
      await analyzed(((await res.json()) as { id: string }).id);
    }
  });

  it('refuses what is not a transcript with 400, and callers without a role', async () => {
    const bad = await postTranscript('invalid-random.json');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('unsupported_transcript');
    expect((await postTranscript('invalid-call-analytics-no-transcript.json')).status).toBe(400);
    expect((await postTranscript('transcribe-en-US-delivery.json', 'none')).status).toBe(403);
    expect((await fetch(`${p.url}/v1/channels/phone`, { method: 'POST', body: '{}' })).status).toBe(401);
  });
});
