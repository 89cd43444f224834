import { createHash } from 'node:crypto';
import { MAX_TEXT_CHARS } from '../domain/feedback-input.schema.js';
import type { AttachmentRef } from '../domain/feedback.schema.js';
import type { ParsedEmail, SesVerdict } from '../domain/email.schema.js';
import type { EmailParser } from '../ports/email-parser.port.js';
import type { ObjectStore } from '../ports/object-store.port.js';
import type { Redactor } from '../ports/redactor.port.js';
import type { ThreadStore } from '../ports/thread-store.port.js';
import { acceptFeedback, type AcceptDeps, type FeedbackDraft } from './accept-feedback.use-case.js';

export interface EmailDeps extends AcceptDeps {
  readonly objects: ObjectStore;
  readonly threads: ThreadStore;
  readonly redactor: Redactor;
  readonly parseEmail: EmailParser;
}

export interface EmailRequest {
  readonly raw: Uint8Array;
  /** `ses` (AWS), `smtp` (the local listener) or `api` (POST /v1/channels/email). */
  readonly provider: string;
  /** Where the raw message already is (SES's S3 action); else it is stored here. */
  readonly rawRef?: string;
  /** SES's scan verdicts (the SES event carries them). */
  readonly verdicts?: { readonly spam?: SesVerdict | string; readonly virus?: SesVerdict | string };
}

export type EmailOutcome = 'created' | 'appended' | 'ignored' | 'quarantined' | 'duplicate';

export interface EmailResult {
  readonly outcome: EmailOutcome;
  readonly id: string;
  readonly messageId: string;
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex');
const safeName = (name: string) => name.replace(/[^\w.-]+/g, '_').slice(-120) || 'attachment';

async function storeAttachments(deps: EmailDeps, email: ParsedEmail): Promise<AttachmentRef[]> {
  const prefix = `attachments/${hash(email.messageId).slice(0, 32)}`;
  const refs: AttachmentRef[] = [];
  for (const [n, a] of email.attachments.entries()) {
    const key = `${prefix}/${n}-${safeName(a.filename)}`;
    await deps.objects.put(key, a.content, a.contentType);
    refs.push({ key, filename: a.filename, contentType: a.contentType, size: a.size });
  }
  return refs;
}

/**
 * An inbound email becomes feedback: a new item with only the customer's own words; a reply in a
 * known thread (In-Reply-To / References) a message on that item; an auto-reply or bounce an
 * `ignored` record; a spam or virus verdict of FAIL a `quarantined` one. Raw message and
 * attachments go to the object store. The same message delivered twice changes nothing.
 */
export async function ingestEmail(deps: EmailDeps, req: EmailRequest): Promise<EmailResult> {
  const email = await deps.parseEmail(req.raw);
  const dedupe = { key: `email:${email.messageId}` };
  const at = deps.clock.now().toISOString();
  let rawRef = req.rawRef;
  if (!rawRef) {
    rawRef = `raw/email/${at.slice(0, 10).replaceAll('-', '/')}/${hash(email.messageId).slice(0, 32)}.eml`;
    await deps.objects.put(rawRef, req.raw, 'message/rfc822');
  }
  const customer = { email: email.customer.email, ...(email.customer.name && { name: email.customer.name }) };
  const subject = deps.redactor.redact(email.subject.slice(0, 500)).redactedText;
  const setAside = (stage: 'ignored' | 'quarantined', reason: string): FeedbackDraft => ({
    channel: 'email', customer, subject, text: '', stage, ignoredReason: reason,
    source: { provider: req.provider, externalId: email.messageId, rawRef },
  });

  const failed = (['spam', 'virus'] as const).filter((k) => req.verdicts?.[k] === 'FAIL');
  if (failed.length > 0) {
    const r = await acceptFeedback(deps, setAside('quarantined', `${failed.join(' and ')} verdict FAIL`), dedupe);
    return { outcome: r.replayed ? 'duplicate' : 'quarantined', id: r.id, messageId: email.messageId };
  }
  if (email.kind !== 'message') {
    const r = await acceptFeedback(deps, setAside('ignored', `${email.kind}: ${email.ignoreReason ?? 'automatic message'}`), dedupe);
    return { outcome: r.replayed ? 'duplicate' : 'ignored', id: r.id, messageId: email.messageId };
  }

  if (email.customerText.trim() === '' && subject.trim() === '' && email.attachments.length === 0) {
    const r = await acceptFeedback(deps, setAside('ignored', 'empty message'), dedupe);
    return { outcome: r.replayed ? 'duplicate' : 'ignored', id: r.id, messageId: email.messageId };
  }
  const attachments = await storeAttachments(deps, email);
  const threadId = await deps.threads.findItemByMessageIds([...email.references, ...(email.inReplyTo ? [email.inReplyTo] : [])]);
  if (threadId) {
    const appended = await deps.threads.appendMessage(threadId, {
      messageId: email.messageId,
      direction: 'inbound',
      channel: 'email',
      from: email.customer.email,
      subject,
      text: deps.redactor.redact(email.customerText).redactedText,
      at: email.date ?? at,
      ...(attachments.length > 0 && { attachments }),
      rawRef,
    });
    await deps.threads.linkMessageId(email.messageId, threadId, at);
    return { outcome: appended ? 'appended' : 'duplicate', id: threadId, messageId: email.messageId };
  }

  const text = email.customerText.slice(0, MAX_TEXT_CHARS);
  const language = email.languageHints?.[0]?.slice(0, 2).toLowerCase();
  const r = await acceptFeedback(
    deps,
    {
      channel: 'email',
      customer,
      subject,
      // A message with only a subject (or only attachments) is still feedback: the subject speaks.
      text: text.trim() !== '' ? text : subject.trim() !== '' ? subject : '(attachments only)',
      ...(language && /^[a-z]{2}$/.test(language) && { language }),
      source: { provider: req.provider, externalId: email.messageId, rawRef },
      ...(attachments.length > 0 && { attachments }),
      ...(email.customerText.length > MAX_TEXT_CHARS && { metadata: { truncated: true } }),
    },
    dedupe,
  );
  await deps.threads.linkMessageId(email.messageId, r.id, at);
  return { outcome: r.replayed ? 'duplicate' : 'created', id: r.id, messageId: email.messageId };
}
