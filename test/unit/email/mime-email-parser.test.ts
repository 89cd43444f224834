import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseEmail } from '../../../shared/adapters/mime-email-parser.adapter.js';
import { InvalidEmailError } from '../../../shared/domain/email.errors.js';
import { ParsedEmailSchema, type ParsedEmail } from '../../../shared/domain/email.schema.js';

const fixture = (name: string): Buffer => readFileSync(fileURLToPath(new URL(`../../fixtures/email/${name}`, import.meta.url)));
const parse = async (name: string): Promise<ParsedEmail> => {
  const email = await parseEmail(fixture(name));
  expect(ParsedEmailSchema.parse(email)).toEqual(email);
  return email;
};

describe('parseEmail on fixtures', () => {
  it('Gmail, Portuguese, quoted-printable UTF-8: wrapped "Em ... escreveu:" and "Enviado do meu iPhone" removed', async () => {
    const email = await parse('gmail-pt-reply.eml');
    expect(email.from).toEqual({ address: 'ana.lima@example.com.br', name: 'Ana Lúcia Lima' });
    expect(email.customer).toEqual({ email: 'ana.lima@example.com.br', name: 'Ana Lúcia Lima' });
    expect(email.replyTo).toBeUndefined();
    expect(email.to).toEqual(['atendimento@loja.example']);
    expect(email.subject).toBe('Re: Pedido nº 48213 saiu para entrega');
    expect(email.date).toBe('2026-11-23T17:37:12.000Z');
    expect(email.messageId).toBe('CAH8x9y0zQw1ErTy2uIoP3aSdFgHjKl4ZxCvBnM5+k2W7Lq@mail.gmail.com');
    expect(email.inReplyTo).toBe('20261123170214.5f2a9c41@mail.loja.example');
    expect(email.references).toEqual(['20261123170214.5f2a9c41@mail.loja.example']);
    expect(email.kind).toBe('message');
    expect(email.ignoreReason).toBeUndefined();
    expect(email.text).toContain('> Seu pedido nº 48213 saiu para entrega');
    expect(email.customerText).toBe(
      'Olá, Carla!\n\nObrigada pelo retorno. O pedido chegou hoje, mas a caixa veio amassada e a tampa da panela está com um risco grande na lateral. Gostaria de trocar o produto ou receber o reembolso, o que for mais rápido.',
    );
    expect(email.attachments).toEqual([]);
  });

  it('Outlook, English, ISO-8859-1 quoted-printable: "-- " signature and From/Sent/To/Subject block removed', async () => {
    const email = await parse('outlook-en-reply.eml');
    expect(email.customer).toEqual({ email: 'john.smith@acme.example', name: 'John Smith' });
    expect(email.subject).toBe('RE: Invoice INV-2026-0931');
    expect(email.messageId).toBe('DB9PR08MB6588E2F1A7C3B0D4E5F6A7B8C9@DB9PR08MB6588.eurprd08.prod.outlook.com');
    expect(email.inReplyTo).toBe('inv-0931.1763900000@mail.loja.example');
    expect(email.languageHints).toEqual(['en-GB']);
    expect(email.text).toContain('café machines'); // Latin-1 decoded in the quoted part too
    expect(email.customerText).toBe(
      "Hi team,\n\nThe invoice you sent charges £1,200.00 but the quote we approved was £1,020.00. Could you please issue a corrected invoice before Friday? Our finance team won't pay the current one.",
    );
    expect(email.customerText).not.toMatch(/Procurement Manager|From:|Dear John/);
  });

  it('HTML-only, base64: readable text without tags, entities decoded, line breaks and link kept', async () => {
    const email = await parse('html-only.eml');
    expect(email.customer).toEqual({ email: 'pedro.alves@webmail.example', name: 'Pedro Alves' });
    expect(email.subject).toBe('Capa protetora não veio no pedido');
    expect(email.languageHints).toEqual(['pt-BR']);
    expect(email.text).not.toMatch(/<[a-z/]|&[a-z]+;|p\{margin/i);
    expect(email.text).toBe(
      'Boa tarde,\n\nComprei o fone Modelo X & a capa protetora no dia 10/11, mas só recebi o fone.\nA capa não veio na caixa.\n\n' +
        'O rastreio diz "entregue": BR123456789 [https://rastreio.example/BR123456789]\n\nAguardo retorno. Obrigado!\n\n--\nPedro Alves\n(21) 99999-0000',
    );
    expect(email.customerText).toBe(
      'Boa tarde,\n\nComprei o fone Modelo X & a capa protetora no dia 10/11, mas só recebi o fone.\nA capa não veio na caixa.\n\n' +
        'O rastreio diz "entregue": BR123456789 [https://rastreio.example/BR123456789]\n\nAguardo retorno. Obrigado!',
    );
    expect(email.inReplyTo).toBeUndefined();
    expect(email.references).toEqual([]);
  });

  it('auto-reply: Auto-Submitted and a "Resposta automática" subject', async () => {
    const email = await parse('auto-reply-pt.eml');
    expect(email.kind).toBe('auto-reply');
    expect(email.ignoreReason).toBe('Auto-Submitted: auto-replied');
    expect(email.subject).toBe('Resposta automática: Pedido nº 48213');
    expect(email.customerText).toContain('Estou de férias até 30/11');
  });

  it('bounce: multipart/report delivery-status from MAILER-DAEMON, Action: failed', async () => {
    const email = await parse('bounce-postfix.eml');
    expect(email.kind).toBe('bounce');
    expect(email.ignoreReason).toBe('delivery status notification (failed)');
    expect(email.from).toEqual({ address: 'MAILER-DAEMON@mx1.loja.example', name: 'Mail Delivery System' });
    expect(email.attachments.map((a) => [a.filename, a.contentType, a.inline])).toEqual([
      ['attachment-1.txt', 'message/delivery-status', false],
      ['attachment-2.txt', 'text/rfc822-headers', false],
    ]);
    expect(Buffer.from(email.attachments[0]!.content).toString('utf8')).toContain('Action: failed');
  });

  it('read receipt: multipart/report disposition-notification is a delivery report', async () => {
    const email = await parse('read-receipt.eml');
    expect(email.kind).toBe('delivery-report');
    expect(email.ignoreReason).toBe('read receipt (disposition-notification)');
  });

  it('Reply-To differing from From is the customer; PDF attachment and flagged inline image', async () => {
    const email = await parse('reply-to-attachments.eml');
    expect(email.from).toEqual({ address: 'maria.souza@empresa.example', name: 'Maria Souza' });
    expect(email.replyTo).toEqual({ address: 'maria.souza.pessoal@example.com.br', name: 'Maria Souza (pessoal)' });
    expect(email.customer).toEqual({ email: 'maria.souza.pessoal@example.com.br', name: 'Maria Souza (pessoal)' });
    expect(email.cc).toEqual(['financeiro@empresa.example']);
    expect(email.subject).toBe('Cobrança a maior no cartão');
    expect(email.customerText).toBe(
      'Bom dia,\n\nSegue em anexo a nota fiscal da compra. O valor cobrado no cartão foi R$ 389,90, mas o anúncio mostrava R$ 349,90. Peço o estorno da diferença.',
    );
    const [image, pdf] = email.attachments;
    expect(email.attachments).toHaveLength(2);
    expect(image).toMatchObject({ filename: 'logo-empresa.png', contentType: 'image/png', size: 70, contentId: 'logo-empresa.8F3A@empresa.example', inline: true });
    expect(pdf).toMatchObject({ filename: 'Nota fiscal nº 123.pdf', contentType: 'application/pdf', size: 210, inline: false });
    expect(pdf?.contentId).toBeUndefined();
    expect(pdf?.content).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(pdf!.content).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect([...image!.content.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
  });

  it('windows-1252, 8bit: €, dashes and curly quotes decoded in body, subject and name', async () => {
    const email = await parse('windows-1252.eml');
    expect(email.customer).toEqual({ email: 'jose.carvalho@example.com', name: 'José Carvalho' });
    expect(email.subject).toBe('Reembolso não recebido – pedido 48999');
    expect(email.customerText).toContain('reembolso de € 49,90 – já faz três semanas. A atendente disse “em até 5 dias úteis”, mas nada…');
    expect(email.inReplyTo).toBeUndefined();
    expect(email.references).toEqual([]);
    expect(email.languageHints).toEqual(['pt-BR']);
  });

  it('new message with References but no In-Reply-To; the forwarded message is not customer text', async () => {
    const email = await parse('new-message-references.eml');
    expect(email.inReplyTo).toBeUndefined();
    expect(email.references).toEqual(['order-48377.1763990000@mail.loja.example']);
    expect(email.text).toContain('Track it here');
    expect(email.customerText).toBe(
      'Hello,\n\nThis says my order shipped on Monday, but the tracking link returns "not found" and nobody answers the phone. Is the parcel actually on its way?\n\nLucas',
    );
  });

  it('iPhone reply with In-Reply-To and folded References; quoted attribution removed', async () => {
    const email = await parse('iphone-pt-reply.eml');
    expect(email.inReplyTo).toBe('ticket-1120.2@mail.loja.example');
    expect(email.references).toEqual(['ticket-1120.1@mail.loja.example', 'ticket-1120.2@mail.loja.example']);
    expect(email.customerText).toBe('Ainda não recebi o código de postagem para a troca. Já são 5 dias!');
    expect(email.text).not.toContain('\uFEFF');
  });
});

describe('parseEmail on minimal and invalid input', () => {
  it('accepts a string, strips brackets, derives a stable Message-ID when absent, has no date when absent', async () => {
    const raw = 'From: "Ana" <Ana@Example.COM>\r\nTo: a@loja.example, "B" <b@loja.example>\r\nSubject: Oi\r\n\r\nQuero ajuda.\r\n';
    const first = await parseEmail(raw);
    const second = await parseEmail(new TextEncoder().encode(raw));
    expect(first.customer).toEqual({ email: 'Ana@example.com', name: 'Ana' });
    expect(first.to).toEqual(['a@loja.example', 'b@loja.example']);
    expect(first.customerText).toBe('Quero ajuda.');
    expect(first.messageId).toMatch(/^[0-9a-f]{32}@generated\.ouvidor$/);
    expect(second.messageId).toBe(first.messageId);
    expect(first.date).toBeUndefined();
    expect(first.subject).toBe('Oi');
  });

  it('a message with no Subject has subject ""', async () => {
    const email = await parseEmail('From: a@b.example\n\nTexto.\n');
    expect(email.subject).toBe('');
  });

  const invalid: Array<[string, string | Uint8Array, string, RegExp]> = [
    ['empty input', '', 'empty', /empty/],
    ['blank input', '  \r\n ', 'empty', /empty/],
    ['plain text, no header', 'hello world', 'not-a-message', /no header fields/],
    ['binary junk', new Uint8Array([0, 1, 2, 255, 254, 10, 13, 0]), 'not-a-message', /no header fields/],
    ['no From', 'Subject: x\r\nTo: a@b.example\r\n\r\nbody here\r\n', 'no-from', /no From address/],
    ['From without an address', 'From: not an address\r\n\r\nbody\r\n', 'no-from', /no From address/],
    ['no body', 'From: a@b.example\r\nSubject: x\r\n\r\n   \r\n', 'no-body', /no body/],
  ];
  it.each(invalid)('%s → InvalidEmailError', async (_label, raw, reason, message) => {
    const error = await parseEmail(raw).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidEmailError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_email', reason });
    expect((error as Error).message).toMatch(message);
  });
});
