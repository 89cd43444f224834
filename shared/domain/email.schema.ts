import * as z from 'zod';

/**
 * An inbound email reduced to what the email channel needs to make a feedback item. Produced by
 * the MIME parser adapter from the raw RFC 822 bytes (SES inbound or the local SMTP listener).
 * Message ids are stored without their angle brackets.
 */

export const EmailAddressSchema = z.object({
  address: z.string().min(3).max(254),
  name: z.string().min(1).max(200).optional(),
});
export type EmailAddress = z.infer<typeof EmailAddressSchema>;

/** What the message is. Anything but `message` is automated and should not become feedback. */
export const EmailKindSchema = z.enum(['message', 'auto-reply', 'bounce', 'delivery-report']);
export type EmailKind = z.infer<typeof EmailKindSchema>;

/** SES receipt verdict statuses (`receipt.spamVerdict.status`, `receipt.virusVerdict.status`). */
export const SesVerdictSchema = z.enum(['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED', 'DISABLED']);
export type SesVerdict = z.infer<typeof SesVerdictSchema>;

export const EmailAttachmentSchema = z.object({
  /** Decoded file name (RFC 2231/2047); a generated `attachment-N.ext` when the part has none. */
  filename: z.string().min(1).max(255),
  contentType: z.string().min(1),
  /** Size in bytes of the decoded content. */
  size: z.number().int().min(0),
  /** Content-ID without angle brackets, the `cid:` an HTML body refers to. */
  contentId: z.string().optional(),
  /** Shown inside the body (an inline image of the HTML part) rather than attached. */
  inline: z.boolean(),
  content: z.instanceof(Uint8Array),
});
export type EmailAttachment = z.infer<typeof EmailAttachmentSchema>;

export const ParsedEmailSchema = z.object({
  /** Message-ID without angle brackets; derived from a hash of the raw bytes when the header is absent. */
  messageId: z.string().min(1),
  inReplyTo: z.string().min(1).optional(),
  references: z.array(z.string().min(1)),
  from: EmailAddressSchema,
  replyTo: EmailAddressSchema.optional(),
  /** The address we answer: Reply-To when present, else From. */
  customer: z.object({ email: z.string().min(3).max(254), name: z.string().min(1).max(200).optional() }),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  /** Decoded subject; '' when absent. */
  subject: z.string(),
  /** The Date header as ISO 8601 (UTC), when present and valid. */
  date: z.iso.datetime().optional(),
  /** The whole body as plain text (HTML-only mail converted to readable text). */
  text: z.string(),
  /** Only what the customer wrote: quoted replies, forwarded blocks and signatures removed. */
  customerText: z.string(),
  /** Language tags the message declares (Content-Language, `<html lang>`), e.g. `pt-BR`. */
  languageHints: z.array(z.string().min(1).max(35)).optional(),
  attachments: z.array(EmailAttachmentSchema),
  kind: EmailKindSchema,
  /** Why an automated message should be ignored, e.g. `Auto-Submitted: auto-replied`. */
  ignoreReason: z.string().optional(),
  /** Filled by the caller from the SES receipt; never parsed from the MIME. */
  spamVerdict: SesVerdictSchema.optional(),
  virusVerdict: SesVerdictSchema.optional(),
});
export type ParsedEmail = z.infer<typeof ParsedEmailSchema>;
