import type { SocialWebhookProvider } from '../../ports/social-webhook.port.js';
import { normalizeGenericWebhook } from './generic-webhook.normalizer.js';
import { normalizeMetaWebhook } from './meta-webhook.normalizer.js';
import { metaVerifyChallenge, verifyGenericSignature, verifyMetaSignature, verifyXSignature, xCrcResponse } from './webhook-signature.js';
import { normalizeXWebhook } from './x-webhook.normalizer.js';

export interface SocialSecrets {
  readonly metaAppSecret?: string;
  readonly metaVerifyToken?: string;
  readonly xConsumerSecret?: string;
  readonly webhookSecret?: string;
}

const mismatch = (header: string, present: boolean) => ({ ok: false as const, reason: present ? `${header} does not match the body` : `missing ${header}` });

/** The providers whose secrets are configured; the others are simply not offered. */
export function socialProviders(secrets: SocialSecrets): Partial<Record<string, SocialWebhookProvider>> {
  const out: Partial<Record<string, SocialWebhookProvider>> = {};
  const { metaAppSecret, metaVerifyToken, xConsumerSecret, webhookSecret } = secrets;
  if (metaAppSecret) {
    out.meta = {
      name: 'meta',
      verify: ({ rawBody, headers }) => {
        const h = headers['x-hub-signature-256'];
        return verifyMetaSignature(rawBody, h, metaAppSecret) ? { ok: true } : mismatch('X-Hub-Signature-256', h !== undefined);
      },
      normalize: normalizeMetaWebhook,
      handshake: (query) => {
        const challenge = metaVerifyToken ? metaVerifyChallenge(query, metaVerifyToken) : undefined;
        return challenge === undefined ? undefined : { contentType: 'text/plain; charset=utf-8', body: challenge };
      },
    };
  }
  if (xConsumerSecret) {
    out.x = {
      name: 'x',
      verify: ({ rawBody, headers }) => {
        const h = headers['x-twitter-webhooks-signature'];
        return verifyXSignature(rawBody, h, xConsumerSecret) ? { ok: true } : mismatch('x-twitter-webhooks-signature', h !== undefined);
      },
      normalize: normalizeXWebhook,
      handshake: (query) => {
        const token = query.crc_token;
        return token ? { contentType: 'application/json', body: JSON.stringify(xCrcResponse(token, xConsumerSecret)) } : undefined;
      },
    };
  }
  if (webhookSecret) {
    out.generic = {
      name: 'generic',
      verify: ({ rawBody, headers, nowMs }) =>
        verifyGenericSignature(rawBody, headers['x-ouvidor-timestamp'], headers['x-ouvidor-signature'], webhookSecret, nowMs),
      normalize: normalizeGenericWebhook,
      handshake: () => undefined,
    };
  }
  return out;
}
