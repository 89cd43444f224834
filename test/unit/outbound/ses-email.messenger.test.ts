import { SendEmailCommand, SESv2Client, TooManyRequestsException, MessageRejected } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { simpleParser } from 'mailparser';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CustomerMessage } from '../../../shared/ports/messenger.port.js';
import { DeliveryFailedError } from '../../../shared/adapters/outbound/delivery.errors.js';
import { SesEmailMessenger, sesRfc822MessageId } from '../../../shared/adapters/outbound/ses-email.messenger.js';

const ses = mockClient(SESv2Client);
const client = new SESv2Client({ region: 'us-east-1' });
const from = '"Loja Exemplo" <atendimento@loja.example>';

const message: CustomerMessage = {
  id: '01JOUTBOUND0000000000000001',
  feedbackId: '01JFEEDBACK000000000000001',
  channel: 'email',
  to: 'bruno.costa@example.com',
  subject: 'Re: Cobrança em dobro',
  text: 'Olá, Bruno!\nO estorno já foi solicitado <pedido 48213> & deve cair em até 5 dias.\n\nAtenciosamente,\nEquipe',
  locale: 'pt-BR',
  messageId: '01JOUTBOUND0000000000000001@ouvidor.loja.example',
  inReplyTo: '<CAH8x9y0zQw1@mail.gmail.com>',
  references: ['<first@mail.gmail.com>', 'CAH8x9y0zQw1@mail.gmail.com'],
};

const rawSent = (): string => {
  const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
  return Buffer.from(input.Content!.Raw!.Data!).toString('utf8');
};

beforeEach(() => ses.reset());

describe('SesEmailMessenger', () => {
  it('sends a raw MIME message with the identity, the threading headers, UTF-8 subject and both parts', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: '0100018c-ses-id' });
    const messenger = new SesEmailMessenger(client, { from, replyTo: 'sac@loja.example', configurationSetName: 'ouvidor-outbound' });

    const receipt = await messenger.send(message);

    expect(receipt).toEqual({ provider: 'ses', providerMessageId: '0100018c-ses-id', status: 'sent' });
    const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(input.ConfigurationSetName).toBe('ouvidor-outbound');
    expect(input.Destination?.ToAddresses).toEqual(['bruno.costa@example.com']);
    const raw = rawSent();
    expect(raw).toMatch(/^From: Loja Exemplo <atendimento@loja\.example>\r$/m);
    expect(raw).toMatch(/^Reply-To: sac@loja\.example\r$/m);
    expect(raw).toMatch(/^Message-ID: <01JOUTBOUND0000000000000001@ouvidor\.loja\.example>\r$/m);
    expect(raw).toMatch(/^In-Reply-To: <CAH8x9y0zQw1@mail\.gmail\.com>\r$/m);
    expect(raw).toMatch(/^References: <first@mail\.gmail\.com> <CAH8x9y0zQw1@mail\.gmail\.com>\r$/m);
    expect(raw).toMatch(/^Subject: =\?UTF-8\?[QB]\?/m); // encoded word, never raw 8-bit
    expect(raw).not.toContain('Cobrança'); // the body is transfer-encoded, the header encoded-word
    expect(raw).toMatch(/^Content-Type: multipart\/alternative/m);

    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Re: Cobrança em dobro');
    expect(parsed.text?.trim()).toBe(message.text);
    expect(parsed.html).toContain('estorno já foi solicitado &lt;pedido 48213&gt; &amp; deve');
    expect(parsed.html).toContain('<br>');
    expect(parsed.html).not.toContain('<pedido');
    expect(parsed.headers.get('content-language')).toBe('pt-BR');
  });

  it('omits the configuration set and Reply-To when not configured, and adds the parent to References', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'x' });
    await new SesEmailMessenger(client, { from }).send({ ...message, references: undefined, subject: undefined, locale: 'en' });
    const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(input.ConfigurationSetName).toBeUndefined();
    const parsed = await simpleParser(rawSent());
    expect(parsed.replyTo).toBeUndefined();
    expect(parsed.references).toBe('<CAH8x9y0zQw1@mail.gmail.com>');
    expect(parsed.subject).toBe('Reply to your message');
  });

  it('wraps a throttling error as retryable and a rejection as permanent, keeping the cause', async () => {
    const throttled = new TooManyRequestsException({ message: 'slow down', $metadata: { httpStatusCode: 429 } });
    ses.on(SendEmailCommand).rejectsOnce(throttled).rejectsOnce(new MessageRejected({ message: 'Email address is not verified.', $metadata: { httpStatusCode: 400 } }));
    const messenger = new SesEmailMessenger(client, { from });

    const first = await messenger.send(message).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(DeliveryFailedError);
    expect(first).toMatchObject({ status: 502, provider: 'ses', providerStatus: 429, retryable: true, cause: throttled });

    const second = await messenger.send(message).catch((e: unknown) => e);
    expect(second).toMatchObject({ provider: 'ses', providerStatus: 400, retryable: false });
    expect((second as Error).message).toContain('not verified');
  });

  it('refuses a social message without calling SES', async () => {
    await expect(new SesEmailMessenger(client, { from }).send({ ...message, channel: 'social' })).rejects.toBeInstanceOf(DeliveryFailedError);
    expect(ses.calls()).toHaveLength(0);
  });

  it('knows the Message-ID SES puts on what it sends', () => {
    expect(sesRfc822MessageId('abc', 'us-east-1')).toBe('<abc@email.amazonses.com>');
    expect(sesRfc822MessageId('abc', 'sa-east-1')).toBe('<abc@sa-east-1.amazonses.com>');
  });
});
