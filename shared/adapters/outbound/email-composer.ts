import MailComposer from 'nodemailer/lib/mail-composer';
import type { Locale } from '../../domain/i18n.js';
import type { CustomerMessage } from '../../ports/messenger.port.js';

/** Who our emails come from: `"Loja Exemplo" <atendimento@loja.example>`, and where replies should go. */
export interface EmailIdentityOptions {
  readonly from: string;
  readonly replyTo?: string | readonly string[];
  /** The subject when the message has none; by default a short one in the message's locale. */
  readonly defaultSubject?: (locale: Locale) => string;
}

export interface ComposedEmail {
  /** The RFC 822 message (CRLF line breaks). */
  readonly raw: Buffer;
  /** The Message-ID header, with angle brackets. */
  readonly messageId: string;
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
}

const DEFAULT_SUBJECT: Record<Locale, string> = { 'pt-BR': 'Resposta ao seu contato', en: 'Reply to your message' };

/** `<id>` for an id with or without brackets. */
export const angleId = (id: string): string => `<${id.trim().replace(/^<|>$/g, '')}>`;

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The text as simple HTML: escaped, paragraphs on blank lines, `<br>` on single line breaks. */
export const textToHtml = (text: string, locale: Locale): string => {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>\n')}</p>`);
  return `<!doctype html>\n<html lang="${locale}"><head><meta charset="utf-8"></head>\n<body>\n${paragraphs.join('\n')}\n</body></html>\n`;
};

/** References for a reply: the parent's references, then the parent itself (RFC 5322 §3.6.4), no duplicates. */
export const threadReferences = (message: Pick<CustomerMessage, 'inReplyTo' | 'references'>): string[] => {
  const ids = [...(message.references ?? []), ...(message.inReplyTo ? [message.inReplyTo] : [])].map(angleId);
  return [...new Set(ids)];
};

/**
 * Builds the RFC 822 message for an email to a customer: UTF-8 subject and body, a text part and an
 * escaped HTML alternative, and the threading headers so the customer's reply comes back to the same item.
 */
export const composeCustomerEmail = async (message: CustomerMessage, identity: EmailIdentityOptions): Promise<ComposedEmail> => {
  const references = threadReferences(message);
  const subject = message.subject?.trim() || (identity.defaultSubject ?? ((l: Locale) => DEFAULT_SUBJECT[l]))(message.locale);
  const node = new MailComposer({
    from: identity.from,
    to: message.to,
    ...(identity.replyTo === undefined ? {} : { replyTo: typeof identity.replyTo === 'string' ? identity.replyTo : [...identity.replyTo] }),
    subject,
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
