import type { SocialMention, SocialProvider } from '../domain/social-mention.schema.js';

export interface WebhookRequest {
  readonly rawBody: Uint8Array;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly nowMs: number;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** One social network's webhook: its signature, its subscription handshake and its payload. */
export interface SocialWebhookProvider {
  readonly name: SocialProvider;
  /** Checks the signature over the raw bytes, in constant time. */
  verify(request: WebhookRequest): SignatureCheck;
  /** The mentions a verified body carries (throws a 400 error for a body of another shape). */
  normalize(body: unknown): SocialMention[];
  /** The answer to the provider's GET subscription check, or undefined to refuse it. */
  handshake(query: Readonly<Record<string, string | undefined>>): { contentType: string; body: string } | undefined;
}
