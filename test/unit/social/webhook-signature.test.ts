import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  metaVerifyChallenge,
  verifyGenericSignature,
  verifyMetaSignature,
  verifyXSignature,
  xCrcResponse,
} from '../../../shared/adapters/social/webhook-signature.js';

/** RFC-style known vector: HMAC-SHA256(key="key", "The quick brown fox jumps over the lazy dog"). */
const FOX = new TextEncoder().encode('The quick brown fox jumps over the lazy dog');
const FOX_HEX = 'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8';
const FOX_B64 = '97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=';

const body = new Uint8Array(readFileSync(new URL('../../fixtures/social/meta-page-feed-comment.json', import.meta.url)));
const hex = (secret: string, ...parts: (string | Uint8Array)[]) => parts.reduce((h, p) => h.update(p), createHmac('sha256', secret)).digest('hex');
const b64 = (secret: string, data: Uint8Array | string) => createHmac('sha256', secret).update(data).digest('base64');
const flipByte = (bytes: Uint8Array, at: number) => {
  const copy = Uint8Array.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
};

describe('verifyMetaSignature (X-Hub-Signature-256)', () => {
  const secret = 'meta-app-secret';
  const header = `sha256=${hex(secret, body)}`;

  it('accepts the known HMAC-SHA256 vector and a signed fixture body', () => {
    expect(verifyMetaSignature(FOX, `sha256=${FOX_HEX}`, 'key')).toBe(true);
    expect(verifyMetaSignature(body, header, secret)).toBe(true);
  });
  it('tolerates an upper-case prefix and digest, and surrounding spaces', () => {
    expect(verifyMetaSignature(FOX, `SHA256=${FOX_HEX.toUpperCase()}`, 'key')).toBe(true);
    expect(verifyMetaSignature(FOX, ` sha256=${FOX_HEX} `, 'key')).toBe(true);
  });
  it('rejects a body with one byte changed', () => {
    expect(verifyMetaSignature(flipByte(body, 100), header, secret)).toBe(false);
    expect(verifyMetaSignature(flipByte(FOX, 0), `sha256=${FOX_HEX}`, 'key')).toBe(false);
  });
  it('rejects the wrong secret, and an empty secret even with a matching digest', () => {
    expect(verifyMetaSignature(body, header, 'other-secret')).toBe(false);
    expect(verifyMetaSignature(body, `sha256=${hex('', body)}`, '')).toBe(false);
  });
  it('rejects a missing or empty header', () => {
    expect(verifyMetaSignature(body, undefined, secret)).toBe(false);
    expect(verifyMetaSignature(body, '', secret)).toBe(false);
  });
  it('rejects a wrong or missing prefix', () => {
    expect(verifyMetaSignature(body, hex(secret, body), secret)).toBe(false);
    expect(verifyMetaSignature(body, `sha1=${hex(secret, body)}`, secret)).toBe(false);
    expect(verifyMetaSignature(body, `sha256:${hex(secret, body)}`, secret)).toBe(false);
  });
  it('returns false, without throwing, for digests of another length or encoding', () => {
    for (const bad of [`${header}00`, header.slice(0, -2), 'sha256=', 'sha256=zz', `sha256=${b64(secret, body)}`, `sha256=${'g'.repeat(64)}`]) {
      expect(() => verifyMetaSignature(body, bad, secret)).not.toThrow();
      expect(verifyMetaSignature(body, bad, secret)).toBe(false);
    }
  });
});

describe('verifyXSignature (x-twitter-webhooks-signature)', () => {
  const secret = 'x-consumer-secret';
  const header = `sha256=${b64(secret, body)}`;

  it('accepts the known vector and a signed body', () => {
    expect(verifyXSignature(FOX, `sha256=${FOX_B64}`, 'key')).toBe(true);
    expect(verifyXSignature(body, header, secret)).toBe(true);
    expect(verifyXSignature(body, header.replace('sha256=', 'Sha256='), secret)).toBe(true);
  });
  it('rejects a tampered body, the wrong secret, a missing header', () => {
    expect(verifyXSignature(flipByte(body, body.length - 2), header, secret)).toBe(false);
    expect(verifyXSignature(body, header, 'nope')).toBe(false);
    expect(verifyXSignature(body, undefined, secret)).toBe(false);
  });
  it('rejects a wrong prefix, a hex digest and other lengths without throwing', () => {
    for (const bad of [b64(secret, body), `sha1=${b64(secret, body)}`, `sha256=${hex(secret, body)}`, `${header}AA==`, 'sha256=AAAA']) {
      expect(() => verifyXSignature(body, bad, secret)).not.toThrow();
      expect(verifyXSignature(body, bad, secret)).toBe(false);
    }
  });
});

describe('xCrcResponse', () => {
  it('answers sha256=<base64 HMAC of the crc_token>', () => {
    expect(xCrcResponse('The quick brown fox jumps over the lazy dog', 'key')).toEqual({ response_token: `sha256=${FOX_B64}` });
    const token = 'dW5pcXVlLWNyYy10b2tlbi0xMjM0NQ';
    expect(xCrcResponse(token, 'consumer-secret').response_token).toBe(`sha256=${b64('consumer-secret', token)}`);
  });
  it('refuses to answer without a consumer secret', () => {
    expect(() => xCrcResponse('abc', '')).toThrow(/secret/);
  });
});

describe('verifyGenericSignature', () => {
  const secret = 'generic-secret';
  const now = Date.UTC(2024, 5, 12, 18, 0, 0);
  const ts = String(now / 1000);
  const sign = (timestamp: string, bytes: Uint8Array = body) => `sha256=${hex(secret, `${timestamp}.`, bytes)}`;

  it('accepts a fresh, correctly signed request', () => {
    expect(verifyGenericSignature(body, ts, sign(ts), secret, now)).toEqual({ ok: true });
  });
  it('signs "<timestamp>.<raw body>" exactly', () => {
    const manual = createHmac('sha256', secret).update(Buffer.concat([Buffer.from(`${ts}.`), body])).digest('hex');
    expect(verifyGenericSignature(body, ts, `sha256=${manual}`, secret, now).ok).toBe(true);
    expect(verifyGenericSignature(body, ts, `sha256=${hex(secret, body)}`, secret, now)).toEqual({ ok: false, reason: 'signature mismatch' });
  });
  it('rejects a tampered body, a wrong secret and a re-signed timestamp', () => {
    expect(verifyGenericSignature(flipByte(body, 10), ts, sign(ts), secret, now)).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(verifyGenericSignature(body, ts, sign(ts), 'wrong', now).ok).toBe(false);
    const other = String(now / 1000 + 1);
    expect(verifyGenericSignature(body, other, sign(ts), secret, now).ok).toBe(false);
  });
  it('rejects a request older than 5 minutes', () => {
    const old = String(now / 1000 - 301);
    const r = verifyGenericSignature(body, old, sign(old), secret, now);
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/too old/) });
  });
  it('rejects a timestamp more than 5 minutes in the future', () => {
    const future = String(now / 1000 + 301);
    expect(verifyGenericSignature(body, future, sign(future), secret, now)).toEqual({ ok: false, reason: expect.stringMatching(/future/) });
  });
  it('accepts just inside the window, both directions, and honours a custom window', () => {
    for (const delta of [-300, -299, 299, 300]) {
      const t = String(now / 1000 + delta);
      expect(verifyGenericSignature(body, t, sign(t), secret, now)).toEqual({ ok: true });
    }
    const t = String(now / 1000 - 61);
    expect(verifyGenericSignature(body, t, sign(t), secret, now, 60_000).ok).toBe(false);
  });
  it('names what is missing or malformed, without throwing', () => {
    expect(verifyGenericSignature(body, undefined, sign(ts), secret, now)).toEqual({ ok: false, reason: expect.stringMatching(/missing X-Ouvidor-Timestamp/) });
    expect(verifyGenericSignature(body, ts, undefined, secret, now)).toEqual({ ok: false, reason: expect.stringMatching(/missing X-Ouvidor-Signature/) });
    expect(verifyGenericSignature(body, '2024-06-12T18:00:00Z', sign(ts), secret, now).ok).toBe(false);
    expect(verifyGenericSignature(body, `${ts}000`, sign(`${ts}000`), secret, now).ok).toBe(false);
    for (const bad of [sign(ts).slice(7), `md5=${sign(ts).slice(7)}`, `${sign(ts)}ab`, 'sha256=abc']) {
      expect(() => verifyGenericSignature(body, ts, bad, secret, now)).not.toThrow();
      expect(verifyGenericSignature(body, ts, bad, secret, now)).toEqual({ ok: false, reason: expect.stringMatching(/sha256=/) });
    }
    expect(verifyGenericSignature(body, ts, sign(ts), '', now).ok).toBe(false);
  });
});

describe('metaVerifyChallenge', () => {
  const q = (over: Record<string, string | undefined> = {}) => ({ 'hub.mode': 'subscribe', 'hub.verify_token': 'tok-123', 'hub.challenge': '1158201444', ...over });

  it('returns the challenge for subscribe + the right token', () => {
    expect(metaVerifyChallenge(q(), 'tok-123')).toBe('1158201444');
  });
  it('returns undefined for a wrong, longer, missing or empty token', () => {
    expect(metaVerifyChallenge(q({ 'hub.verify_token': 'tok-124' }), 'tok-123')).toBeUndefined();
    expect(metaVerifyChallenge(q({ 'hub.verify_token': 'tok-123-and-more' }), 'tok-123')).toBeUndefined();
    expect(metaVerifyChallenge(q({ 'hub.verify_token': undefined }), 'tok-123')).toBeUndefined();
    expect(metaVerifyChallenge(q({ 'hub.verify_token': '' }), '')).toBeUndefined();
  });
  it('returns undefined for another mode or no mode', () => {
    expect(metaVerifyChallenge(q({ 'hub.mode': 'unsubscribe' }), 'tok-123')).toBeUndefined();
    expect(metaVerifyChallenge(q({ 'hub.mode': undefined }), 'tok-123')).toBeUndefined();
  });
  it('refuses to echo a missing or non-token challenge', () => {
    expect(metaVerifyChallenge(q({ 'hub.challenge': undefined }), 'tok-123')).toBeUndefined();
    expect(metaVerifyChallenge(q({ 'hub.challenge': '<script>alert(1)</script>' }), 'tok-123')).toBeUndefined();
  });
});
