import type { EmailKind } from '../../domain/email.schema.js';

/** What kind detection reads from a parsed message. Header names are lower case. */
export interface KindSignals {
  header(name: string): string | undefined;
  /** Top-level Content-Type, lower case, without parameters. */
  contentType: string;
  /** The `report-type` parameter of a multipart/report, lower case. */
  reportType?: string;
  fromAddress: string;
  subject: string;
  /** Text of the message/delivery-status parts (RFC 3464), when any. */
  deliveryStatus: readonly string[];
}

export interface KindVerdict {
  kind: EmailKind;
  ignoreReason?: string;
}

const AUTOMATED_SENDER = /^(?:mailer-daemon|postmaster)(?:[+@]|$)/i;
// Not `list`: a Google Group support address stamps it on real customer mail, which must not be ignored.
const PRECEDENCE = /^(?:bulk|auto_reply|junk)$/i;
/**
 * Out-of-office subjects: the phrase opens the subject (after any Re:/Fwd:) and is followed by
 * a colon, a bracket, a dash or the end, so "Out of office hours support" is not one.
 */
const AUTO_REPLY_SUBJECT =
  /^(?:(?:re|res|fw|fwd|enc)\s*:\s*)*[[(]?\s*(?:resposta autom[aá]tica|respuesta autom[aá]tica|aus[eê]ncia tempor[aá]ria|fora do escrit[oó]rio|automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|out of (?:the )?office(?: auto[- ]?reply)?|r[eé]ponse automatique|absence du bureau)\s*(?:[:\])\-–]|$)/i;

/** The Action fields of a delivery-status report (RFC 3464 §2.3.3), lower case. */
export function deliveryActions(report: string): string[] {
  return [...report.matchAll(/^action\s*:\s*([a-z-]+)/gim)].map((m) => (m[1] ?? '').toLowerCase());
}

function fromReport(s: KindSignals): KindVerdict | undefined {
  if (s.contentType !== 'multipart/report') return undefined;
  const type = s.reportType ?? '';
  if (type === 'delivery-status' || type === 'global-delivery-status') {
    const actions = s.deliveryStatus.flatMap(deliveryActions);
    if (actions.length > 0 && !actions.includes('failed')) {
      return { kind: 'delivery-report', ignoreReason: `delivery status notification (${[...new Set(actions)].join(', ')})` };
    }
    return { kind: 'bounce', ignoreReason: 'delivery status notification (failed)' };
  }
  if (type === 'disposition-notification') return { kind: 'delivery-report', ignoreReason: 'read receipt (disposition-notification)' };
  return { kind: 'delivery-report', ignoreReason: `multipart/report (${type || 'no report-type'})` };
}

/**
 * Bounces, delivery reports and auto-replies (RFC 3464, 3798, 3834 and the headers vacation
 * responders set), so that the caller does not turn them into feedback or answer them.
 */
export function detectEmailKind(s: KindSignals): KindVerdict {
  const report = fromReport(s);
  if (report) return report;
  const failed = s.header('x-failed-recipients');
  if (failed) return { kind: 'bounce', ignoreReason: `X-Failed-Recipients: ${failed}` };
  if (AUTOMATED_SENDER.test(s.fromAddress)) return { kind: 'bounce', ignoreReason: `sent by ${s.fromAddress}` };

  const autoSubmitted = s.header('auto-submitted')?.trim().toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return { kind: 'auto-reply', ignoreReason: `Auto-Submitted: ${autoSubmitted}` };
  for (const name of ['x-autoreply', 'x-autorespond']) {
    const value = s.header(name)?.trim();
    if (value !== undefined && !/^(?:no|false|0)$/i.test(value)) {
      return { kind: 'auto-reply', ignoreReason: `${name === 'x-autoreply' ? 'X-Autoreply' : 'X-Autorespond'}: ${value}` };
    }
  }
  const precedence = s.header('precedence')?.trim();
  if (precedence && PRECEDENCE.test(precedence)) return { kind: 'auto-reply', ignoreReason: `Precedence: ${precedence.toLowerCase()}` };
  if (AUTO_REPLY_SUBJECT.test(s.subject.trim())) return { kind: 'auto-reply', ignoreReason: `out-of-office subject: ${s.subject.trim().slice(0, 100)}` };
  // RFC 5321 §4.5.5: only automated notifications use the null reverse path.
  if (s.header('return-path')?.trim() === '<>') return { kind: 'auto-reply', ignoreReason: 'null Return-Path (<>)' };
  return { kind: 'message' };
}
