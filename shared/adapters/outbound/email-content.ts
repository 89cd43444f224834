import type { Locale } from '../../domain/i18n.js';
import type { CustomerMessage } from '../../ports/messenger.port.js';

/**
 * What an email to a customer says, whichever way it leaves (SES builds the MIME itself; the SMTP
 * relay's composer is `email-composer.ts`). No MIME library here: the SES messenger imports this only.
 */

/** Who our emails come from: `"Loja Exemplo" <atendimento@loja.example>`, and where replies should go. */
export interface EmailIdentityOptions {
  readonly from: string;
  readonly replyTo?: string | readonly string[];
  /** The subject when the message has none; by default a short one in the message's locale. */
  readonly defaultSubject?: (locale: Locale) => string;
}

const DEFAULT_SUBJECT: Record<Locale, string> = { 'pt-BR': 'Resposta ao seu contato', en: 'Reply to your message' };

/** The message's subject, else the identity's default, else a short one in the message's locale. */
export const subjectOf = (message: Pick<CustomerMessage, 'subject' | 'locale'>, identity: EmailIdentityOptions): string =>
  message.subject?.trim() || (identity.defaultSubject ?? ((l: Locale) => DEFAULT_SUBJECT[l]))(message.locale);

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
