import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryFailedError, OutboundNotConfiguredError } from '../../../shared/adapters/outbound/delivery.errors.js';
import { SocialReplyMessenger } from '../../../shared/adapters/outbound/social-reply.messenger.js';
import type { CustomerMessage } from '../../../shared/ports/messenger.port.js';
import { RecordingServer } from './recording-server.js';

let api: RecordingServer;
beforeAll(async () => {
  api = await new RecordingServer().start();
});
afterAll(() => api.stop());
beforeEach(() => {
  api.requests.length = 0;
});

const reply = (provider: string, to: string): CustomerMessage => ({
  id: 'out-9', feedbackId: 'fb-9', channel: 'social', provider, to, locale: 'pt-BR',
  text: 'Olá! Sentimos muito pelo atraso & já priorizamos a entrega. Pode nos chamar no direct? 🙏',
});
const messenger = (extra: Partial<ConstructorParameters<typeof SocialReplyMessenger>[0]> = {}) =>
  new SocialReplyMessenger({ metaPageAccessToken: 'EAAG-page-token', xUserAccessToken: 'x-user-token', graphBaseUrl: api.baseUrl, xBaseUrl: `${api.baseUrl}/`, ...extra });

describe('SocialReplyMessenger on Meta', () => {
  it('posts a reply comment to the comment with the Page token in the form body', async () => {
    api.reply({ status: 200, body: JSON.stringify({ id: '1789_555' }) });
    const receipt = await messenger().send(reply('meta', '1789_4321'));
    expect(receipt).toEqual({ provider: 'meta', providerMessageId: '1789_555', status: 'sent' });
    const req = api.last();
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v21.0/1789_4321/comments');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(req.body);
    expect(form.get('message')).toBe(reply('meta', '').text);
    expect(form.get('access_token')).toBe('EAAG-page-token');
  });

  it('uses the configured Graph API version', async () => {
    await messenger({ graphApiVersion: 'v23.0' }).send(reply('meta', '42'));
    expect(api.last().url).toBe('/v23.0/42/comments');
  });

  it('turns a 429 into a retryable DeliveryFailedError and a 400 into a permanent one', async () => {
    api.reply({ status: 429, body: JSON.stringify({ error: { message: 'Application request limit reached', code: 4 } }) });
    const limited = await messenger().send(reply('meta', '1')).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(DeliveryFailedError);
    expect(limited).toMatchObject({ status: 502, code: 'delivery_failed', provider: 'meta', providerStatus: 429, retryable: true });
    expect((limited as DeliveryFailedError).bodyExcerpt).toContain('Application request limit reached');

    api.reply({ status: 400, body: JSON.stringify({ error: { message: '(#100) Invalid parameter', type: 'OAuthException' } }) });
    const invalid = await messenger().send(reply('meta', '1')).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ provider: 'meta', providerStatus: 400, retryable: false });
  });

  it('treats a 5xx as retryable and keeps the token out of the error', async () => {
    api.reply({ status: 503, body: 'upstream unavailable' });
    const error = (await messenger().send(reply('meta', '1')).catch((e: unknown) => e)) as DeliveryFailedError;
    expect(error).toMatchObject({ providerStatus: 503, retryable: true });
    expect(error.message).not.toContain('EAAG-page-token');
  });

  it('throws OutboundNotConfiguredError (503) without a Page token, calling nothing', async () => {
    const error = await messenger({ metaPageAccessToken: undefined }).send(reply('meta', '1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundNotConfiguredError);
    expect(error).toMatchObject({ status: 503, code: 'outbound_not_configured' });
    expect(api.requests).toHaveLength(0);
  });
});

describe('SocialReplyMessenger on X', () => {
  it('posts a reply tweet with the user-context bearer token', async () => {
    api.reply({ status: 201, body: JSON.stringify({ data: { id: '1850000000000000001', text: 'Olá!' } }) });
    const receipt = await messenger().send(reply('x', '1849999999999999999'));
    expect(receipt).toEqual({ provider: 'x', providerMessageId: '1850000000000000001', status: 'sent' });
    const req = api.last();
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/2/tweets');
    expect(req.headers.authorization).toBe('Bearer x-user-token');
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body)).toEqual({ text: reply('x', '').text, reply: { in_reply_to_tweet_id: '1849999999999999999' } });
  });

  it('maps 429 to retryable and 403 to permanent', async () => {
    api.reply({ status: 429, body: '{"title":"Too Many Requests"}' }, { status: 403, body: '{"title":"Forbidden","detail":"You are not permitted"}' });
    await expect(messenger().send(reply('x', '1'))).rejects.toMatchObject({ provider: 'x', providerStatus: 429, retryable: true });
    await expect(messenger().send(reply('x', '1'))).rejects.toMatchObject({ provider: 'x', providerStatus: 403, retryable: false, bodyExcerpt: expect.stringContaining('not permitted') });
  });

  it('times out into a retryable error', async () => {
    api.reply({ status: 201, body: '{}', delayMs: 500 });
    const error = await messenger({ timeoutMs: 50 }).send(reply('x', '1')).catch((e: unknown) => e);
    expect(error).toMatchObject({ provider: 'x', retryable: true, providerStatus: undefined });
    expect((error as Error).message).toContain('50 ms');
  });

  it('throws OutboundNotConfiguredError without a token, and for a provider it cannot reply on', async () => {
    await expect(messenger({ xUserAccessToken: undefined }).send(reply('x', '1'))).rejects.toBeInstanceOf(OutboundNotConfiguredError);
    await expect(messenger().send(reply('generic', '1'))).rejects.toBeInstanceOf(OutboundNotConfiguredError);
    expect(api.requests).toHaveLength(0);
    expect(messenger({ xUserAccessToken: undefined }).supports('x')).toBe(false);
    expect(messenger().supports('meta')).toBe(true);
  });

  it('refuses a target that is not a post id', async () => {
    await expect(messenger().send(reply('x', '../2/users/me'))).rejects.toMatchObject({ retryable: false });
    expect(api.requests).toHaveLength(0);
  });
});
