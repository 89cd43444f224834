import { readFileSync } from 'node:fs';
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feedback } from '../../shared/domain/feedback.schema.js';
import type { ThreadMessage } from '../../shared/domain/thread-message.schema.js';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js';

type Item = Feedback & { messages: ThreadMessage[] };
let p: TestPlatform;
let smtp: Transporter;
beforeAll(async () => {
  p = await startTestPlatform({ smtpPort: 0 });
  smtp = nodemailer.createTransport({ host: '127.0.0.1', port: p.smtpPort!, secure: false, ignoreTLS: true });
});
afterAll(async () => {
  smtp?.close();
  await p?.stop();
});

const eml = (name: string) => readFileSync(new URL(`../fixtures/email/${name}`, import.meta.url));
const sendRaw = (raw: Buffer | string, from = 'customer@example.com') => smtp.sendMail({ envelope: { from, to: ['atendimento@loja.example'] }, raw });
const get = async (id: string) => (await (await p.get(`/v1/feedback/${id}`, 'agent')).json()) as Item;
const itemFor = (messageId: string, stage?: string) =>
  eventually(async () => {
    const hit = await p.findBySourceId(messageId);
    if (!hit) return undefined;
    const fb = await get(hit);
    return stage === undefined || fb.stage === stage ? fb : undefined;
  }, 4000);

describe('email through the SMTP listener', () => {
  it('turns a mail sent with an SMTP client into an analyzed item with only the customer’s words', async () => {
    const info = await smtp.sendMail({
      from: '"Bruno Costa" <bruno.costa@example.com>',
      to: 'atendimento@loja.example',
      subject: 'Cobrança em dobro',
      text: 'Fui cobrado duas vezes pelo mesmo pedido e o SAC não resolve. Quero o estorno já.\n\n-- \nBruno Costa\nTel. (11) 98765-4321',
    });
    expect(info.response).toMatch(/^250/);
    const fb = await itemFor(info.messageId.replace(/[<>]/g, ''), 'analyzed');
    expect(fb).toMatchObject({ channel: 'email', subject: 'Cobrança em dobro', language: 'pt', sentiment: { label: 'NEGATIVE' }, customer: { email: 'bruno.costa@example.com', name: 'Bruno Costa' } });
    expect(fb.text).toBe('Fui cobrado duas vezes pelo mesmo pedido e o SAC não resolve. Quero o estorno já.');
    expect(fb.source).toMatchObject({ provider: 'ses' });
    expect(new TextDecoder().decode(await p.container.objects.get(fb.source.rawRef!))).toContain('Tel. (11) 98765-4321');
  });

  it('strips the Gmail quote and the "Enviado do meu iPhone" line from a Portuguese reply', async () => {
    await sendRaw(eml('gmail-pt-reply.eml'), 'ana.lima@example.com.br');
    const fb = await itemFor('CAH8x9y0zQw1ErTy2uIoP3aSdFgHjKl4ZxCvBnM5+k2W7Lq@mail.gmail.com', 'analyzed');
    expect(fb.text).toContain('a caixa veio amassada');
    expect(fb.text).not.toMatch(/escreveu|Enviado do meu iPhone|Seu pedido nº 48213 saiu/);
    expect(fb.customer).toMatchObject({ email: 'ana.lima@example.com.br', name: 'Ana Lúcia Lima' });
    // The item comes with its customer's profile (and, once there are any, their other items).
    const details = fb as Item & { customerProfile?: { emails: string[] }; otherItems: Feedback[] };
    expect(details.customerProfile?.emails).toEqual(['ana.lima@example.com.br']);
    expect(details.otherItems).toEqual([]);
  });

  it('reads an Outlook reply in ISO-8859-1 and keeps the attachments out of the table', async () => {
    await sendRaw(eml('outlook-en-reply.eml'));
    await sendRaw(eml('reply-to-attachments.eml'));
    const attachments = await eventually(async () => {
      const all = await Promise.all(['outlook-en-reply.eml', 'reply-to-attachments.eml'].map(async (n) => {
        const id = /^Message-ID:\s*<([^>]+)>/im.exec(eml(n).toString('latin1'))?.[1];
        return id ? itemFor(id, 'analyzed') : undefined;
      }));
      return all.every(Boolean) ? all : undefined;
    }, 5000);
    expect(attachments[0]!.language).toBe('en');
    const withFiles = attachments[1]!;
    expect(withFiles.attachments?.length).toBeGreaterThan(0);
    for (const a of withFiles.attachments!) expect((await p.container.objects.get(a.key))?.length).toBe(a.size);
  });

  it('adds a reply in a known thread to the existing item instead of creating one', async () => {
    const first = await smtp.sendMail({ from: 'carla@example.com', to: 'sac@loja.example', subject: 'Troca', text: 'Quero trocar o tamanho da camiseta.' });
    const original = await itemFor(first.messageId.replace(/[<>]/g, ''), 'analyzed');
    const count = await p.feedbackCount();
    const reply = await smtp.sendMail({
      from: 'carla@example.com', to: 'sac@loja.example', subject: 'Re: Troca', inReplyTo: first.messageId, references: [first.messageId],
      text: 'Esqueci de dizer: é a camiseta azul, pedido 55120.\n\nEm ter., 24 de nov. de 2026 às 10:00, Carla <carla@example.com> escreveu:\n> Quero trocar o tamanho da camiseta.',
    });
    const item = await eventually(async () => {
      const fb = await get(original.id);
      return fb.messages.length > 0 ? fb : undefined;
    });
    expect(item.messages).toEqual([expect.objectContaining({ messageId: reply.messageId.replace(/[<>]/g, ''), direction: 'inbound', text: 'Esqueci de dizer: é a camiseta azul, pedido 55120.' })]);
    // A message on the existing item, no new item.
    expect(await p.feedbackCount()).toBe(count);
  });

  it('records auto-replies and bounces as ignored, never analyzed', async () => {
    await sendRaw(eml('auto-reply-pt.eml'));
    await sendRaw(eml('bounce-postfix.eml'), '');
    for (const name of ['auto-reply-pt.eml', 'bounce-postfix.eml']) {
      const id = /^Message-ID:\s*<([^>]+)>/im.exec(eml(name).toString('latin1'))![1]!;
      const fb = await itemFor(id);
      expect(fb.stage).toBe('ignored');
      expect(fb.ignoredReason).toBeDefined();
      expect(fb.sentiment).toBeUndefined();
    }
  });
});

describe('POST /v1/channels/email', () => {
  it('takes a raw message/rfc822 message from an agent', async () => {
    const res = await fetch(`${p.url}/v1/channels/email`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${await p.token('agent')}` },
      body: eml('html-only.eml'),
    });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { id: string; outcome: string };
    expect(body.outcome).toBe('created');
    expect((await itemFor((await get(body.id)).source.externalId!, 'analyzed')).text).not.toMatch(/<[a-z]+[\s>]/i);
    const again = await fetch(`${p.url}/v1/channels/email`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${await p.token('agent')}` },
      body: eml('html-only.eml'),
    });
    expect(((await again.json()) as { id: string; outcome: string })).toMatchObject({ id: body.id, outcome: 'duplicate' });
  });

  it('refuses what is not an email, and anonymous callers', async () => {
    const bad = await fetch(`${p.url}/v1/channels/email`, { method: 'POST', headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${await p.token('agent')}` }, body: 'hello' });
    expect(bad.status).toBe(400);
    expect((await fetch(`${p.url}/v1/channels/email`, { method: 'POST', headers: { 'content-type': 'message/rfc822' }, body: 'x' })).status).toBe(401);
  });
});
