/**
 * Webhook authenticity checks for the social channel (Meta, X, generic listening tools).
 * Pure node:crypto. Every check recomputes the HMAC digest over the raw body bytes and compares
 * the *decoded digest bytes* with `crypto.timingSafeEqual` on equal-length buffers. A missing or
 * malformed header, a wrong prefix, a wrong length or an empty secret returns false; nothing
 * here throws on attacker-controlled input.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const SHA256_BYTES = 32;
const HEX_DIGEST = /^[0-9a-f]{64}$/i;
const BASE64_DIGEST = /^[A-Za-z0-9+/]{43}=$/;

type Encoding = 'hex' | 'base64';

/**
 * Decodes `sha256=<digest>` (prefix case-insensitive, surrounding spaces ignored) into the 32
 * digest bytes, or undefined when the header is absent, unprefixed or not a well-formed digest.
 */
function decodeSha256Header(header: string | undefined, encoding: Encoding): Buffer | undefined {
  if (typeof header !== 'string') return undefined;
  const value = header.trim();
  const prefix = value.slice(0, 7);
  if (prefix.toLowerCase() !== 'sha256=') return undefined;
  const digest = value.slice(7);
  if (!(encoding === 'hex' ? HEX_DIGEST : BASE64_DIGEST).test(digest)) return undefined;
  const bytes = Buffer.from(digest, encoding);
  return bytes.length === SHA256_BYTES ? bytes : undefined;
}

function hmacSha256(secret: string, ...parts: (Uint8Array | string)[]): Buffer {
  const mac = createHmac('sha256', secret);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** Constant-time equality of two digests; false (never a throw) when lengths differ. */
function digestsEqual(expected: Buffer, received: Buffer | undefined): boolean {
  if (!received || received.length !== expected.length) return false;
  return timingSafeEqual(expected, received);
}

function isUsableSecret(secret: unknown): secret is string {
  return typeof secret === 'string' && secret.length > 0;
}

function isBytes(body: unknown): body is Uint8Array {
  return body instanceof Uint8Array;
}

/** Meta (Facebook/Instagram) `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(rawBody, appSecret)>`. */
export function verifyMetaSignature(rawBody: Uint8Array, header: string | undefined, appSecret: string): boolean {
  if (!isUsableSecret(appSecret) || !isBytes(rawBody)) return false;
  return digestsEqual(hmacSha256(appSecret, rawBody), decodeSha256Header(header, 'hex'));
}

/** X Account Activity `x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256(rawBody, consumerSecret)>`. */
export function verifyXSignature(rawBody: Uint8Array, header: string | undefined, consumerSecret: string): boolean {
  if (!isUsableSecret(consumerSecret) || !isBytes(rawBody)) return false;
  return digestsEqual(hmacSha256(consumerSecret, rawBody), decodeSha256Header(header, 'base64'));
}

/**
 * Answer to X's challenge-response check (`GET ?crc_token=...`), to be sent as JSON with 200.
 * Throws only on a misconfiguration (empty consumer secret), never because of the token.
 */
export function xCrcResponse(crcToken: string, consumerSecret: string): { response_token: string } {
  if (!isUsableSecret(consumerSecret)) throw new Error('X consumer secret is not configured');
  return { response_token: `sha256=${hmacSha256(consumerSecret, String(crcToken)).toString('base64')}` };
}

export type GenericSignatureResult = { ok: true } | { ok: false; reason: string };

const UNIX_SECONDS = /^\d{1,12}$/;

/**
 * Generic listening-tool webhook: `X-Ouvidor-Timestamp: <unix seconds>` and
 * `X-Ouvidor-Signature: sha256=<hex HMAC-SHA256("<timestamp>.<raw body>", secret)>`. The
 * timestamp must be within `windowMs` of `nowMs` in either direction (bound inclusive), which
 * with the signature covering it limits replays to that window.
 */
export function verifyGenericSignature(
  rawBody: Uint8Array,
  timestampHeader: string | undefined,
  signatureHeader: string | undefined,
  secret: string,
  nowMs: number,
  windowMs = 300_000,
): GenericSignatureResult {
  if (!isUsableSecret(secret)) return { ok: false, reason: 'webhook secret is not configured' };
  if (!isBytes(rawBody)) return { ok: false, reason: 'body is not raw bytes' };
  if (typeof timestampHeader !== 'string' || timestampHeader.trim() === '') return { ok: false, reason: 'missing X-Ouvidor-Timestamp' };
  const timestamp = timestampHeader.trim();
  if (!UNIX_SECONDS.test(timestamp)) return { ok: false, reason: 'X-Ouvidor-Timestamp is not unix seconds' };
  if (typeof signatureHeader !== 'string' || signatureHeader.trim() === '') return { ok: false, reason: 'missing X-Ouvidor-Signature' };
  const received = decodeSha256Header(signatureHeader, 'hex');
  if (!received) return { ok: false, reason: "X-Ouvidor-Signature is not 'sha256=<64 hex digits>'" };
  const skewMs = nowMs - Number(timestamp) * 1000;
  if (!Number.isFinite(skewMs) || Math.abs(skewMs) > windowMs) {
    const direction = skewMs > 0 ? 'too old' : 'in the future';
    return { ok: false, reason: `X-Ouvidor-Timestamp is ${direction} (outside the ${Math.round(windowMs / 1000)} s window)` };
  }
  if (!digestsEqual(hmacSha256(secret, `${timestamp}.`, rawBody), received)) return { ok: false, reason: 'signature mismatch' };
  return { ok: true };
}

/** Meta sends numeric challenges; anything outside this set is refused rather than echoed back. */
const CHALLENGE = /^[A-Za-z0-9._~-]{1,256}$/;

/**
 * Meta subscription check (`GET ?hub.mode=subscribe&hub.verify_token=...&hub.challenge=...`):
 * the challenge to answer as text/plain with 200, or undefined to answer 403. The tokens are
 * compared as SHA-256 digests so the comparison is constant-time whatever their lengths.
 */
export function metaVerifyChallenge(query: Record<string, string | undefined>, verifyToken: string): string | undefined {
  if (!isUsableSecret(verifyToken) || query === null || typeof query !== 'object') return undefined;
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string') return undefined;
  const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  if (!timingSafeEqual(sha(token), sha(verifyToken))) return undefined;
  return CHALLENGE.test(challenge) ? challenge : undefined;
}
