import * as z from 'zod';
import { normalizeEmail } from './customer.schema.js';

/**
 * An address no email goes to any more: SES reported a permanent bounce or a complaint for it.
 * Kept as `SUPPRESSION#<normalized address>` / `SUPPRESSION`; the first event wins (a redelivered
 * or later event for the same address changes nothing) until an agent clears it.
 */
export const SuppressionReasonSchema = z.enum(['bounced', 'complained']);
export type SuppressionReason = z.infer<typeof SuppressionReasonSchema>;

export const SuppressionSchema = z.object({
  /** Lower-cased, trimmed (`normalizeEmail`). */
  address: z.string().min(3),
  reason: SuppressionReasonSchema,
  /** When SES saw the bounce or complaint. */
  at: z.iso.datetime(),
  /** SES's id of the message that bounced or was complained about. */
  sesMessageId: z.string().min(1),
  /** `Permanent/General`, `Permanent/NoEmail`, a complaint's feedback type (`abuse`), … */
  detail: z.string().max(200).optional(),
  /** The item whose message it was (from our Message-ID), when known. */
  feedbackId: z.string().optional(),
  /** The customer the address belongs to, when one does. */
  customerId: z.string().optional(),
  recordedAt: z.iso.datetime(),
});
export type Suppression = z.infer<typeof SuppressionSchema>;

/** How a customer profile shows an unreachable address. */
export const UnreachableEmailSchema = z.object({
  address: z.string(),
  reason: SuppressionReasonSchema,
  at: z.iso.datetime(),
});
export type UnreachableEmail = z.infer<typeof UnreachableEmailSchema>;

/** What one SES event (configuration-set event publishing, or an identity notification) means for us. */
export type SesDeliveryEvent =
  | { readonly kind: 'suppress'; readonly reason: SuppressionReason; readonly addresses: string[]; readonly at: string; readonly sesMessageId: string; readonly detail?: string; readonly feedbackId?: string }
  | { readonly kind: 'transient-bounce'; readonly addresses: string[]; readonly sesMessageId: string; readonly detail?: string }
  | { readonly kind: 'ignored'; readonly eventType: string };

const Recipient = z.object({ emailAddress: z.string() }).loose();
/** The fields of SES's JSON we read (https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html). */
const SesEventSchema = z
  .object({
    eventType: z.string().optional(),
    notificationType: z.string().optional(),
    mail: z.object({ messageId: z.string().min(1), timestamp: z.string().optional(), commonHeaders: z.object({ messageId: z.string().optional() }).loose().optional() }).loose(),
    bounce: z
      .object({ bounceType: z.string(), bounceSubType: z.string().optional(), bouncedRecipients: z.array(Recipient), timestamp: z.string().optional() })
      .loose()
      .optional(),
    complaint: z
      .object({ complainedRecipients: z.array(Recipient), timestamp: z.string().optional(), complaintFeedbackType: z.string().optional() })
      .loose()
      .optional(),
  })
  .loose();

/** `"Ana" <ana@example.com>` or `ana@example.com` → `ana@example.com`. */
const addressOf = (raw: string): string | undefined => normalizeEmail(/<([^>]+)>\s*$/.exec(raw)?.[1] ?? raw);
const isoOr = (value: string | undefined, fallback: string): string => (value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : fallback);
/** Our Message-IDs are `<hex>.<feedback id>@ouvidor`: the item the bounced message was about. */
const feedbackIdOf = (messageId: string | undefined): string | undefined => /^<?[0-9a-f]+\.([0-9A-Z]{26})@ouvidor>?$/.exec(messageId ?? '')?.[1];

export class MalformedSesEventError extends Error {
  readonly status = 400;
  constructor(message: string) {
    super(message);
    this.name = 'MalformedSesEventError';
  }
}

/**
 * Reads an SQS message body from the bounce/complaint topic: the SNS envelope (`Type: Notification`,
 * the SES JSON in `Message`) or, with raw message delivery, the SES JSON itself.
 */
export function parseSesDeliveryEvent(body: string, receivedAt: string): SesDeliveryEvent {
  let json: unknown;
  try {
    json = JSON.parse(body);
    const envelope = json as { Type?: unknown; Message?: unknown };
    if (envelope.Type === 'Notification' && typeof envelope.Message === 'string') json = JSON.parse(envelope.Message);
  } catch {
    throw new MalformedSesEventError('the message is not JSON');
  }
  const parsed = SesEventSchema.safeParse(json);
  if (!parsed.success) throw new MalformedSesEventError(`not an SES event: ${parsed.error.issues.map((i) => i.path.join('.') || 'body').join(', ')}`);
  const e = parsed.data;
  const type = e.eventType ?? e.notificationType ?? 'unknown';
  const sesMessageId = e.mail.messageId;
  const feedbackId = feedbackIdOf(e.mail.commonHeaders?.messageId);
  const list = (recipients: ReadonlyArray<{ emailAddress: string }>) => [...new Set(recipients.flatMap((r) => addressOf(r.emailAddress) ?? []))];
  if (type === 'Bounce' && e.bounce) {
    const detail = [e.bounce.bounceType, e.bounce.bounceSubType].filter(Boolean).join('/').slice(0, 200);
    const addresses = list(e.bounce.bouncedRecipients);
    // Transient and undetermined bounces (mailbox full, message too large, …) may succeed later.
    if (e.bounce.bounceType !== 'Permanent') return { kind: 'transient-bounce', addresses, sesMessageId, detail };
    return { kind: 'suppress', reason: 'bounced', addresses, at: isoOr(e.bounce.timestamp, receivedAt), sesMessageId, detail, ...(feedbackId && { feedbackId }) };
  }
  if (type === 'Complaint' && e.complaint) {
    const detail = e.complaint.complaintFeedbackType?.slice(0, 200);
    return { kind: 'suppress', reason: 'complained', addresses: list(e.complaint.complainedRecipients), at: isoOr(e.complaint.timestamp, receivedAt), sesMessageId, ...(detail && { detail }), ...(feedbackId && { feedbackId }) };
  }
  return { kind: 'ignored', eventType: type };
}

/** `POST /v1/local/email-events` and `ouvidor email-event`: play an SES bounce or complaint for an address (local runtime only). */
export const LocalEmailEventRequestSchema = z
  .object({
    type: z.enum(['bounce', 'complaint']),
    address: z.string().trim().refine((a) => normalizeEmail(a) !== undefined, 'an email address'),
  })
  .strict();
export type LocalEmailEventRequest = z.infer<typeof LocalEmailEventRequestSchema>;
