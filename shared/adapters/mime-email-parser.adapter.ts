import { createHash } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import { extractCustomerText, normalizeEmailText } from '../domain/email-reply.js';
import { InvalidEmailError } from '../domain/email.errors.js';
import type { ParsedEmail } from '../domain/email.schema.js';
import { detectEmailKind } from './email/email-kind.helper.js';
import { htmlLanguage, htmlToReadableText } from './email/html-text.helper.js';
import { headerValue, languageTags, mailboxes, messageIds, toAttachments } from './email/mime-fields.helper.js';

/**
 * Raw RFC 822 message (SES inbound object, local SMTP listener) to a ParsedEmail, with
 * mailparser: any charset (UTF-8, ISO-8859-1, windows-1252...) and transfer encoding
 * (quoted-printable, base64, 8bit), RFC 2047 headers, RFC 2231 file names. A string is taken
 * as UTF-8, as mailparser does: pass the bytes to keep 8-bit legacy charsets intact.
 */
export async function parseEmail(raw: Uint8Array | string): Promise<ParsedEmail> {
  const source = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (source.toString('latin1').trim() === '') throw new InvalidEmailError('empty', 'The email is empty.');

  let mail: ParsedMail;
  try {
    mail = await simpleParser(source, {
      skipHtmlToText: true, // converted below, without word wrapping
      skipTextToHtml: true,
      skipImageLinks: true,
      skipTextLinks: true,
      keepDeliveryStatus: true, // as an attachment, read for the bounce verdict
    });
  } catch (cause) {
    throw new InvalidEmailError('unparseable', 'The email could not be parsed as an RFC 822 message.', { cause });
  }
  // mailparser takes any first line for a header; a real header field is "Name: value".
  if (!mail.headerLines.some((h) => /^[\x21-\x39\x3b-\x7e]+[ \t]*:/.test(h.line))) {
    throw new InvalidEmailError('not-a-message', 'The input is not an RFC 822 message: it has no header fields.');
  }
  const from = mailboxes(mail.from)[0];
  if (!from) throw new InvalidEmailError('no-from', 'The email has no From address.');

  const html = typeof mail.html === 'string' ? mail.html : '';
  const plain = mail.text?.trim() ? mail.text : html.trim() ? htmlToReadableText(html) : '';
  const text = normalizeEmailText(plain);
  if (text === '' && mail.attachments.length === 0) throw new InvalidEmailError('no-body', 'The email has no body: no text, no HTML, no attachment.');

  const replyTo = mailboxes(mail.replyTo)[0];
  const customer = replyTo ?? from;
  const subject = (mail.subject ?? '').trim();
  const attachments = toAttachments(mail.attachments);
  const contentType = headerValue(mail.headerLines, 'content-type') ?? 'text/plain';
  const reportType = /;\s*report-type\s*=\s*"?([\w.-]+)/i.exec(contentType)?.[1]?.toLowerCase();
  const verdict = detectEmailKind({
    header: (name) => headerValue(mail.headerLines, name),
    contentType: (contentType.split(';')[0] ?? '').trim().toLowerCase(),
    ...(reportType ? { reportType } : {}),
    fromAddress: from.address,
    subject,
    deliveryStatus: attachments
      .filter((a) => a.contentType === 'message/delivery-status' || a.contentType === 'message/global-delivery-status')
      .map((a) => Buffer.from(a.content).toString('utf8')),
  });
  const languages = languageTags([headerValue(mail.headerLines, 'content-language'), htmlLanguage(html)]);
  const inReplyTo = messageIds(mail.inReplyTo)[0];
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : undefined;

  return {
    messageId: messageIds(mail.messageId)[0] ?? `${createHash('sha256').update(source).digest('hex').slice(0, 32)}@generated.ouvidor`,
    ...(inReplyTo ? { inReplyTo } : {}),
    references: messageIds(mail.references),
    from,
    ...(replyTo ? { replyTo } : {}),
    customer: customer.name ? { email: customer.address, name: customer.name } : { email: customer.address },
    to: mailboxes(mail.to).map((m) => m.address),
    cc: mailboxes(mail.cc).map((m) => m.address),
    subject,
    ...(date ? { date } : {}),
    text,
    customerText: extractCustomerText(text),
    ...(languages.length > 0 ? { languageHints: languages } : {}),
    attachments,
    kind: verdict.kind,
    ...(verdict.ignoreReason ? { ignoreReason: verdict.ignoreReason } : {}),
  };
}
