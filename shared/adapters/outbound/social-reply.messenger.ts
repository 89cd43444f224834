import type { CustomerMessage, CustomerMessenger, DeliveryReceipt } from '../../ports/messenger.port.js';
import { DeliveryFailedError, OutboundNotConfiguredError } from './delivery.errors.js';
import { jsonOf, postOrThrow, trimBase } from './http-post.util.js';

export interface SocialReplyMessengerOptions {
  /** Meta: a Page access token that may reply as the Page (`pages_manage_engagement`). */
  readonly metaPageAccessToken?: string;
  /** X: an OAuth 2.0 user-context access token with `tweet.write` (and `tweet.read`, `users.read`). */
  readonly xUserAccessToken?: string;
  /** Default `https://graph.facebook.com`. */
  readonly graphBaseUrl?: string;
  /** Default `v21.0`. */
  readonly graphApiVersion?: string;
  /** Default `https://api.x.com`. */
  readonly xBaseUrl?: string;
  /** Per request; default 10 s. */
  readonly timeoutMs?: number;
}

/** Comment ids and tweet ids: digits and underscores (Meta joins `<post>_<comment>`). */
const SAFE_ID = /^[A-Za-z0-9_-]+$/;

/**
 * Replies publicly on the social post the customer wrote: a reply comment through the Graph API
 * (`POST /{comment-id}/comments`) for `meta`, a reply tweet (`POST /2/tweets`) for `x`.
 */
export class SocialReplyMessenger implements CustomerMessenger {
  constructor(private readonly options: SocialReplyMessengerOptions) {}

  /** True when this messenger has what it needs to reply through `provider`. */
  supports(provider: string | undefined): boolean {
    return (provider === 'meta' && !!this.options.metaPageAccessToken) || (provider === 'x' && !!this.options.xUserAccessToken);
  }

  async send(message: CustomerMessage): Promise<DeliveryReceipt> {
    if (message.channel !== 'social') {
      throw new DeliveryFailedError({ provider: message.provider ?? 'social', retryable: false }, `Social replies go to social posts, not '${message.channel}'.`);
    }
    if (!SAFE_ID.test(message.to)) {
      throw new DeliveryFailedError({ provider: message.provider ?? 'social', retryable: false }, `'${message.to}' is not a post id.`);
    }
    switch (message.provider) {
      case 'meta':
        return this.replyOnMeta(message);
      case 'x':
        return this.replyOnX(message);
      default:
        throw new OutboundNotConfiguredError(`No reply API for social provider '${message.provider ?? '(none)'}'; use meta or x.`);
    }
  }

  private async replyOnMeta(message: CustomerMessage): Promise<DeliveryReceipt> {
    const token = this.options.metaPageAccessToken;
    if (!token) throw new OutboundNotConfiguredError('Replies on Meta need a Page access token (metaPageAccessToken).');
    const base = trimBase(this.options.graphBaseUrl ?? 'https://graph.facebook.com');
    const version = this.options.graphApiVersion ?? 'v21.0';
    // The token goes in the form body (Graph API `access_token` parameter), never in the URL.
    const answer = await postOrThrow({
      provider: 'meta',
      url: `${base}/${version}/${encodeURIComponent(message.to)}/comments`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ message: message.text, access_token: token }).toString(),
      timeoutMs: this.options.timeoutMs ?? 10_000,
    });
    const id = (jsonOf(answer) as { id?: unknown } | undefined)?.id;
    return { provider: 'meta', status: 'sent', ...(typeof id === 'string' ? { providerMessageId: id } : {}) };
  }

  private async replyOnX(message: CustomerMessage): Promise<DeliveryReceipt> {
    const token = this.options.xUserAccessToken;
    if (!token) throw new OutboundNotConfiguredError('Replies on X need an OAuth 2.0 user-context access token (xUserAccessToken).');
    const base = trimBase(this.options.xBaseUrl ?? 'https://api.x.com');
    const answer = await postOrThrow({
      provider: 'x',
      url: `${base}/2/tweets`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ text: message.text, reply: { in_reply_to_tweet_id: message.to } }),
      timeoutMs: this.options.timeoutMs ?? 10_000,
    });
    const id = (jsonOf(answer) as { data?: { id?: unknown } } | undefined)?.data?.id;
    return { provider: 'x', status: 'sent', ...(typeof id === 'string' ? { providerMessageId: id } : {}) };
  }
}
