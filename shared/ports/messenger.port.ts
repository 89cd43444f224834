import type { Locale } from '../domain/i18n.js';

/** A message to a customer, through the channel they used (email, or a reply on the social post). */
export interface CustomerMessage {
  /** Our id for the message (also the outbox record's id). */
  readonly id: string;
  readonly feedbackId: string;
  readonly channel: 'email' | 'social';
  /** An email address, or for social the provider's post id to reply to. */
  readonly to: string;
  /** For social: `meta` | `x`; the adapter replies through that provider's API. */
  readonly provider?: string;
  readonly subject?: string;
  readonly text: string;
  readonly locale: Locale;
  /** Email threading: the RFC 822 Message-ID to send with, and what it answers. */
  readonly messageId?: string;
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
}

/** A notification to the support team (Slack-compatible webhook, SNS topic). */
export interface TeamNotification {
  readonly id: string;
  readonly feedbackId?: string;
  readonly title: string;
  readonly text: string;
  /** A link to the item in the console, when known. */
  readonly url?: string;
  readonly severity: 'info' | 'warning' | 'urgent';
}

export interface DeliveryReceipt {
  /** `ses`, `smtp`, `meta`, `x`, `slack`, `sns`, or `outbox` when nothing left the machine. */
  readonly provider: string;
  readonly providerMessageId?: string;
  /** `sent`: handed to a provider; `outbox-only`: recorded, no relay configured. */
  readonly status: 'sent' | 'outbox-only';
}

/** Sends to customers. Throws on failure (the workflow retries the action with backoff). */
export interface CustomerMessenger {
  send(message: CustomerMessage): Promise<DeliveryReceipt>;
}

/** Notifies the team. Throws on failure. */
export interface TeamNotifier {
  notify(notification: TeamNotification): Promise<DeliveryReceipt>;
}
