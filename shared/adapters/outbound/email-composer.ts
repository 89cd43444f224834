import MailComposer from 'nodemailer/lib/mail-composer';
import type { CustomerMessage } from '../../ports/messenger.port.js';
import { angleId, subjectOf, textToHtml, threadReferences, type EmailIdentityOptions } from './email-content.js';

export interface ComposedEmail {
  /** The RFC 822 message (CRLF line breaks). */
  readonly raw: Buffer;
  /** The Message-ID header, with angle brackets. */
  readonly messageId: string;
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
}

/**
 * Builds the RFC 822 message for an email to a customer through an SMTP relay (nodemailer's
 * composer: the local runtime's path, see `compose/outbound.ts`): UTF-8 subject and body, a text
 * part and an escaped HTML alternative, and the threading headers so the customer's reply comes
 * back to the same item.
 */
export const composeCustomerEmail = async (message: CustomerMessage, identity: EmailIdentityOptions): Promise<ComposedEmail> => {
  const references = threadReferences(message);
  const node = new MailComposer({
    from: identity.from,
    to: message.to,
    ...(identity.replyTo === undefined ? {} : { replyTo: typeof identity.replyTo === 'string' ? identity.replyTo : [...identity.replyTo] }),
    subject: subjectOf(message, identity),
    ...(message.messageId ? { messageId: angleId(message.messageId) } : {}),
    ...(message.inReplyTo ? { inReplyTo: angleId(message.inReplyTo) } : {}),
    ...(references.length ? { references } : {}),
    text: message.text,
    html: textToHtml(message.text, message.locale),
    headers: { 'Content-Language': message.locale, 'X-Ouvidor-Feedback-Id': message.feedbackId },
    newline: 'win',
    disableFileAccess: true,
    disableUrlAccess: true,
  }).compile();
  const raw = await node.build();
  const envelope = node.getEnvelope();
  return { raw, messageId: node.messageId(), envelope: { from: envelope.from || '', to: envelope.to } };
};
