import { SendEmailCommand, SESv2Client, TooManyRequestsException, MessageRejected } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CustomerMessage } from '../../../shared/ports/messenger.port.js';
import { DeliveryFailedError } from '../../../shared/adapters/outbound/delivery.errors.js';
import { referencesHeader, SesEmailMessenger, sesRfc822MessageId } from '../../../shared/adapters/outbound/ses-email.messenger.js';

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

const sent = () => ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
const header = (name: string) => sent().Content!.Simple!.Headers?.find((h) => h.Name === name)?.Value;

beforeEach(() => ses.reset());

describe('SesEmailMessenger', () => {
  it('sends a Simple message with the identity, the threading headers, a UTF-8 subject and both parts', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: '0100018c-ses-id' });
    const messenger = new SesEmailMessenger(client, { from, replyTo: 'sac@loja.example', configurationSetName: 'ouvidor-outbound' });

    const receipt = await messenger.send(message);

    expect(receipt).toEqual({ provider: 'ses', providerMessageId: '0100018c-ses-id', status: 'sent' });
    const input = sent();
    expect(input.ConfigurationSetName).toBe('ouvidor-outbound');
    expect(input.FromEmailAddress).toBe(from);
    expect(input.ReplyToAddresses).toEqual(['sac@loja.example']);
    expect(input.Destination?.ToAddresses).toEqual(['bruno.costa@example.com']);
    expect(input.Content?.Raw).toBeUndefined();
    const simple = input.Content!.Simple!;
    expect(simple.Subject).toEqual({ Data: 'Re: Cobrança em dobro', Charset: 'UTF-8' });
    expect(simple.Body?.Text).toEqual({ Data: message.text, Charset: 'UTF-8' });
    expect(simple.Body?.Html?.Charset).toBe('UTF-8');
    expect(simple.Body?.Html?.Data).toContain('estorno já foi solicitado &lt;pedido 48213&gt; &amp; deve');
    expect(simple.Body?.Html?.Data).toContain('<br>');
    expect(simple.Body?.Html?.Data).not.toContain('<pedido');
    expect(header('In-Reply-To')).toBe('<CAH8x9y0zQw1@mail.gmail.com>');
    expect(header('References')).toBe('<first@mail.gmail.com> <CAH8x9y0zQw1@mail.gmail.com>');
    expect(header('Content-Language')).toBe('pt-BR');
    expect(header('X-Ouvidor-Feedback-Id')).toBe(message.feedbackId);
    // SES sets the Message-ID itself; every header value is 7-bit and within SES's 995 characters.
    expect(header('Message-ID')).toBeUndefined();
    for (const h of simple.Headers!) expect(h.Value).toMatch(/^[\x20-\x7e]{1,995}$/);
  });

  it('omits the configuration set and Reply-To when not configured, and adds the parent to References', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'x' });
    await new SesEmailMessenger(client, { from }).send({ ...message, references: undefined, subject: undefined, locale: 'en' });
    const input = sent();
    expect(input.ConfigurationSetName).toBeUndefined();
    expect(input.ReplyToAddresses).toBeUndefined();
    expect(header('References')).toBe('<CAH8x9y0zQw1@mail.gmail.com>');
    expect(input.Content!.Simple!.Subject?.Data).toBe('Reply to your message');
  });

  it('encodes a non-ASCII display name and sends no threading headers for a first message', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'x' });
    await new SesEmailMessenger(client, { from: '"Loja São João" <sac@loja.example>' }).send({ ...message, inReplyTo: undefined, references: undefined });
    expect(sent().FromEmailAddress).toBe(`=?UTF-8?B?${Buffer.from('Loja São João').toString('base64')}?= <sac@loja.example>`);
    expect(header('In-Reply-To')).toBeUndefined();
    expect(header('References')).toBeUndefined();
  });

  it('shortens a long References chain to SES\'s limit, keeping the root and the latest ids', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `<message-${String(i).padStart(2, '0')}-abcdefghijklmnop@mail.example.com>`);
    const value = referencesHeader(ids);
    expect(value.length).toBeLessThanOrEqual(995);
    const kept = value.split(' ');
    expect(kept[0]).toBe(ids[0]);
    expect(kept.at(-1)).toBe(ids.at(-1));
    expect(kept.slice(1)).toEqual(ids.slice(ids.length - kept.length + 1));
    expect(referencesHeader(ids.slice(0, 3))).toBe(ids.slice(0, 3).join(' '));
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
