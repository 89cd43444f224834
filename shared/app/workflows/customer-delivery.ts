import { normalizeEmail } from '../../domain/customer.schema.js';
import type { Suppression } from '../../domain/email-suppression.schema.js';
import type { Feedback } from '../../domain/feedback.schema.js';
import type { Locale } from '../../domain/i18n.js';
import type { CustomerMessage, CustomerMessenger, DeliveryReceipt } from '../../ports/messenger.port.js';
import type { SuppressionStore } from '../../ports/suppression-store.port.js';
import type { ThreadStore } from '../../ports/thread-store.port.js';
import type { OutboxStore, TimelineStore } from '../../ports/workflow-store.port.js';

/**
 * Sending to a customer, shared by the workflows (acknowledgements, surveys) and agents' replies:
 * through the item's channel, then recorded in the outbox, appended to the conversation (threaded
 * by Message-ID) and on the timeline.
 */

export type CustomerRoute = Pick<CustomerMessage, 'channel' | 'to' | 'provider'>;

/** Where a customer is answered: a reply on their social post, else their email; none for anonymous items. */
export function customerRoute(fb: Feedback): CustomerRoute | undefined {
  if (fb.channel === 'social' && (fb.source.provider === 'meta' || fb.source.provider === 'x') && fb.source.externalId) {
    return { channel: 'social', to: fb.source.externalId, provider: fb.source.provider };
  }
  return fb.customer.email ? { channel: 'email', to: fb.customer.email } : undefined;
}

/** Why `customerRoute` found no way to reach the customer. */
export function unreachableReason(fb: Feedback): string {
  if (fb.channel === 'social') return `the ${fb.source.provider} post cannot be answered and the customer left no email`;
  return fb.channel === 'phone' ? 'the customer called and left no email' : 'the customer left no email';
}

/**
 * The suppression that stops an email to this route (SES reported a permanent bounce or a complaint
 * for the address), if any. Social replies are never suppressed.
 */
export async function suppressionOf(deps: Pick<DeliveryDeps, 'suppressions'>, route: CustomerRoute): Promise<Suppression | undefined> {
  if (route.channel !== 'email') return undefined;
  const address = normalizeEmail(route.to);
  return address ? deps.suppressions.get(address) : undefined;
}

/** How a skipped send is told: `address unreachable (bounced)` / `(complained)`. */
export const unreachableSummary = (s: Pick<Suppression, 'reason'>): string => `address unreachable (${s.reason})`;

export interface DeliveryDeps {
  readonly messenger: CustomerMessenger;
  /** Checked before every email: an address SES reported as bouncing or complaining gets nothing more. */
  readonly suppressions: Pick<SuppressionStore, 'get'>;
  readonly outbox: OutboxStore;
  readonly threads: ThreadStore;
  readonly timeline: TimelineStore;
}

export interface Delivery {
  /** Our id for the message (the outbox record's id); deterministic for retried sends. */
  readonly id: string;
  readonly subject?: string;
  readonly text: string;
  readonly locale: Locale;
  readonly template?: string;
  /** Who the conversation shows as the sender: `ouvidor`, `agent:<sub>`. */
  readonly from: string;
  readonly actor: string;
  readonly timelineKey: string;
  /** The timeline summary, once the provider answered. */
  readonly summary: (receipt: DeliveryReceipt) => string;
  readonly at: string;
  readonly detail?: Record<string, unknown>;
}

export async function deliverToCustomer(deps: DeliveryDeps, fb: Feedback, route: CustomerRoute, d: Delivery): Promise<{ outboxId: string; receipt: DeliveryReceipt }> {
  const messageId = `${d.id}.${fb.id}@ouvidor`;
  const replyTo = fb.channel === 'email' ? fb.source.externalId : undefined;
  const receipt = await deps.messenger.send({
    id: d.id, feedbackId: fb.id, ...route, ...(d.subject !== undefined && { subject: d.subject }), text: d.text, locale: d.locale, messageId,
    ...(replyTo && { inReplyTo: replyTo, references: [replyTo] }),
  });
  await deps.outbox.record({
    id: d.id, feedbackId: fb.id, kind: 'customer', channel: route.channel, to: route.to, ...(d.subject !== undefined && { subject: d.subject }), text: d.text,
    ...(d.template && { template: d.template }), provider: receipt.provider, ...(receipt.providerMessageId && { providerMessageId: receipt.providerMessageId }),
    status: receipt.status, at: d.at,
  });
  await deps.threads.appendMessage(fb.id, { messageId, direction: 'outbound', channel: fb.channel, from: d.from, ...(d.subject !== undefined && { subject: d.subject }), text: d.text, at: d.at });
  await deps.threads.linkMessageId(messageId, fb.id, d.at);
  await deps.timeline.append(fb.id, {
    key: d.timelineKey, at: d.at, actor: d.actor, type: 'message-sent', summary: d.summary(receipt),
    detail: { outboxId: d.id, provider: receipt.provider, ...d.detail },
  });
  return { outboxId: d.id, receipt };
}
