import { describe, expect, it } from 'vitest';
import { parseEmail } from '../../../shared/adapters/mime-email-parser.adapter.js';
import { deliveryActions } from '../../../shared/adapters/email/email-kind.helper.js';

const message = (headers: string, body = 'Texto da mensagem.'): string =>
  `From: Ana <ana@example.com>\r\nTo: sac@loja.example\r\nMessage-ID: <m1@example.com>\r\n${headers}\r\n\r\n${body}\r\n`;
const kindOf = async (headers: string, body?: string) => {
  const email = await parseEmail(message(headers, body));
  return { kind: email.kind, ignoreReason: email.ignoreReason };
};

describe('auto-reply, bounce and delivery-report detection', () => {
  it('an ordinary message', async () => {
    expect(await kindOf('Subject: Pedido atrasado')).toEqual({ kind: 'message', ignoreReason: undefined });
  });

  it.each([
    ['Auto-Submitted: auto-replied', 'Auto-Submitted: auto-replied'],
    ['Auto-Submitted: auto-generated', 'Auto-Submitted: auto-generated'],
    ['X-Autoreply: yes', 'X-Autoreply: yes'],
    ['X-Autorespond: Vacation', 'X-Autorespond: Vacation'],
    ['Precedence: bulk', 'Precedence: bulk'],
    ['Precedence: auto_reply', 'Precedence: auto_reply'],
    ['Precedence: junk', 'Precedence: junk'],
    ['Return-Path: <>', 'null Return-Path (<>)'],
  ])('%s → auto-reply', async (header, reason) => {
    expect(await kindOf(`Subject: Pedido\r\n${header}`)).toEqual({ kind: 'auto-reply', ignoreReason: reason });
  });

  // `Precedence: list` too: a Google Group support address stamps it on real customer mail.
  it.each(['Auto-Submitted: no', 'X-Autoreply: no', 'Precedence: normal', 'Precedence: list', 'Return-Path: <ana@example.com>'])('%s → message', async (header) => {
    expect((await kindOf(`Subject: Pedido\r\n${header}`)).kind).toBe('message');
  });

  it.each([
    'Resposta automática: Pedido 123',
    '=?UTF-8?Q?Resposta_autom=C3=A1tica=3A_Re=3A_Pedido?=',
    '=?UTF-8?Q?Aus=C3=AAncia_tempor=C3=A1ria?=',
    'Automatic reply: Your order',
    'Out of Office: Re: Your order',
    'Out of Office',
    'RE: Out of office - back on Monday',
    '[Auto-Reply] Your ticket',
  ])('subject %j → auto-reply', async (subject) => {
    const verdict = await kindOf(`Subject: ${subject}`);
    expect(verdict.kind).toBe('auto-reply');
    expect(verdict.ignoreReason).toMatch(/^out-of-office subject: /);
  });

  it.each(['Out of office hours support is terrible', 'Automatic replies from your bot are useless', 'Re: ausência de resposta'])(
    'subject %j is a customer message',
    async (subject) => {
      expect((await kindOf(`Subject: ${subject}`)).kind).toBe('message');
    },
  );

  it('X-Failed-Recipients → bounce (Exim)', async () => {
    expect(await kindOf('Subject: Mail delivery failed\r\nX-Failed-Recipients: nobody@example.net')).toEqual({
      kind: 'bounce',
      ignoreReason: 'X-Failed-Recipients: nobody@example.net',
    });
  });

  it.each(['MAILER-DAEMON@mx.example.net', 'mailer-daemon@googlemail.com', 'postmaster@example.net'])('sender %s → bounce', async (sender) => {
    const email = await parseEmail(`From: ${sender}\r\nSubject: Delivery Status Notification (Failure)\r\n\r\nAddress not found.\r\n`);
    expect(email.kind).toBe('bounce');
    expect(email.ignoreReason).toBe(`sent by ${sender.replace(/@(.*)$/, (_m, d: string) => `@${d.toLowerCase()}`)}`);
  });

  const report = (action: string, type = 'delivery-status'): string =>
    [
      'From: Mail Delivery System <MAILER-DAEMON@mx.loja.example>',
      'To: sac@loja.example',
      'Subject: Delivery report',
      'MIME-Version: 1.0',
      `Content-Type: multipart/report; report-type=${type}; boundary="b1"`,
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'Report.',
      '--b1',
      `Content-Type: message/${type}`,
      '',
      'Reporting-MTA: dns; mx.loja.example',
      '',
      'Final-Recipient: rfc822; ana@example.com',
      `Action: ${action}`,
      'Status: 2.0.0',
      '--b1--',
      '',
    ].join('\r\n');

  it.each([
    ['delivered', 'delivery-report', 'delivery status notification (delivered)'],
    ['relayed', 'delivery-report', 'delivery status notification (relayed)'],
    ['delayed', 'delivery-report', 'delivery status notification (delayed)'],
    ['failed', 'bounce', 'delivery status notification (failed)'],
  ])('multipart/report delivery-status with Action: %s → %s', async (action, kind, reason) => {
    const email = await parseEmail(report(action));
    expect(email.kind).toBe(kind);
    expect(email.ignoreReason).toBe(reason);
  });

  it('multipart/report of another type (ARF feedback-report) → delivery-report', async () => {
    const email = await parseEmail(report('failed', 'feedback-report'));
    expect(email).toMatchObject({ kind: 'delivery-report', ignoreReason: 'multipart/report (feedback-report)' });
  });

  it('deliveryActions reads every recipient block', () => {
    expect(deliveryActions('Reporting-MTA: dns; x\n\nAction: delivered\n\naction:FAILED\n')).toEqual(['delivered', 'failed']);
  });
});
