import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DeliveryFailedError } from '../../../shared/adapters/outbound/delivery.errors.js';
import { SmtpEmailMessenger } from '../../../shared/adapters/outbound/smtp-email.messenger.js';
import type { CustomerMessage } from '../../../shared/ports/messenger.port.js';
import { composeWith } from '../../../shared/runtime/compose/capability.js';
import { customerMessenger } from '../../../shared/runtime/compose/outbound.js';
import { resetConfig } from '../../../shared/runtime/config.js';

interface Received { from: string; to: string[]; raw: Buffer; user?: string }
const received: Received[] = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'relay' && auth.password === 's3cret') cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith('full@')) {
        const err = new Error('Mailbox full, try later') as Error & { responseCode: number };
        err.responseCode = 452;
        return cb(err);
      }
      if (address.address.startsWith('nobody@')) {
        const err = new Error('No such user') as Error & { responseCode: number };
        err.responseCode = 550;
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mailFrom = session.envelope.mailFrom;
        received.push({
          from: mailFrom ? mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
          ...(typeof session.user === 'string' ? { user: session.user } : {}),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const message: CustomerMessage = {
  id: 'out-1',
  feedbackId: 'fb-1',
  channel: 'email',
  to: 'carla@example.com',
  subject: 'Re: Troca da camiseta — pedido nº 55120',
  text: 'Oi, Carla! A troca foi aprovada; a etiqueta de devolução segue em anexo amanhã.',
  locale: 'pt-BR',
  messageId: '<out-1@ouvidor.loja.example>',
  inReplyTo: '<reply-2@example.com>',
  references: ['<first-1@example.com>', '<reply-2@example.com>'],
};

describe('SmtpEmailMessenger through a local relay', () => {
  it('relays the composed message with the threading headers, authenticating from the URL', async () => {
    const messenger = new SmtpEmailMessenger(`smtp://relay:s3cret@127.0.0.1:${port}?ignoreTLS=true`, { from: '"Loja Exemplo" <atendimento@loja.example>' });
    try {
      const receipt = await messenger.send(message);
      expect(receipt).toEqual({ provider: 'smtp', providerMessageId: '<out-1@ouvidor.loja.example>', status: 'sent' });
    } finally {
      messenger.close();
    }
    const got = received.at(-1)!;
    expect(got).toMatchObject({ from: 'atendimento@loja.example', to: ['carla@example.com'], user: 'relay' });
    const parsed = await simpleParser(got.raw);
    expect(parsed.messageId).toBe('<out-1@ouvidor.loja.example>');
    expect(parsed.inReplyTo).toBe('<reply-2@example.com>');
    expect(parsed.references).toEqual(['<first-1@example.com>', '<reply-2@example.com>']);
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.from?.value).toEqual([{ name: 'Loja Exemplo', address: 'atendimento@loja.example' }]);
    expect(parsed.text?.trim()).toBe(message.text);
    expect(parsed.html).toContain('A troca foi aprovada');
    expect(got.raw.toString('latin1')).toMatch(/^Subject: =\?UTF-8\?/m);
  });

  it('throws a retryable error for a 4xx reply and a permanent one for a 5xx reply', async () => {
    const messenger = new SmtpEmailMessenger(`smtp://127.0.0.1:${port}?ignoreTLS=true`, { from: 'atendimento@loja.example' });
    try {
      const transient = await messenger.send({ ...message, to: 'full@example.com' }).catch((e: unknown) => e);
      expect(transient).toBeInstanceOf(DeliveryFailedError);
      expect(transient).toMatchObject({ provider: 'smtp', providerStatus: 452, retryable: true });
      const permanent = await messenger.send({ ...message, to: 'nobody@example.com' }).catch((e: unknown) => e);
      expect(permanent).toMatchObject({ provider: 'smtp', providerStatus: 550, retryable: false });
    } finally {
      messenger.close();
    }
  });

  it('throws a retryable error when the relay is unreachable', async () => {
    const closed = new SMTPServer({ logger: false });
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const messenger = new SmtpEmailMessenger(`smtp://127.0.0.1:${deadPort}`, { from: 'atendimento@loja.example' });
    const error = await messenger.send(message).catch((e: unknown) => e);
    expect(error).toMatchObject({ provider: 'smtp', retryable: true });
    expect(error).toHaveProperty('providerStatus', undefined);
  });

  it('is what the composed messenger uses when OUVIDOR_EMAIL_OUTBOUND=smtp (imported on first use, never bundled in a Lambda)', async () => {
    vi.stubEnv('OUVIDOR_EMAIL_OUTBOUND', 'smtp');
    vi.stubEnv('OUVIDOR_SMTP_RELAY_URL', `smtp://relay:s3cret@127.0.0.1:${port}?ignoreTLS=true`);
    vi.stubEnv('OUVIDOR_EMAIL_FROM', 'atendimento@loja.example');
    vi.stubEnv('OUVIDOR_SURVEY_SECRET', process.env.OUVIDOR_SURVEY_SECRET ?? 'a-local-survey-signing-secret-of-32+chars');
    resetConfig();
    composeWith(undefined);
    try {
      const receipt = await customerMessenger().send({ ...message, to: 'composed@example.com' });
      expect(receipt).toMatchObject({ provider: 'smtp', status: 'sent' });
      expect(received.at(-1)).toMatchObject({ from: 'atendimento@loja.example', to: ['composed@example.com'], user: 'relay' });
    } finally {
      vi.unstubAllEnvs();
      resetConfig();
      composeWith(undefined);
    }
  });
});
