import { AuthorizationErrorException, PublishCommand, SNSClient, ThrottledException } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DeliveryFailedError } from '../../../shared/adapters/outbound/delivery.errors.js';
import { SnsNotifier, snsSubject } from '../../../shared/adapters/outbound/sns.notifier.js';

const sns = mockClient(SNSClient);
const client = new SNSClient({ region: 'us-east-1' });
const topic = 'arn:aws:sns:us-east-1:123456789012:ouvidor-team';
beforeEach(() => sns.reset());

describe('SnsNotifier', () => {
  it('publishes with an ASCII subject of at most 100 characters and the severity attribute', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
    const title = `Reclamação urgente — cobrança em dobro ${'x'.repeat(120)}`;
    const receipt = await new SnsNotifier(client, topic).notify({
      id: 'n-1', feedbackId: '01JFB', severity: 'urgent', title, text: 'Cliente cobrado duas vezes.', url: 'https://console.loja.example/feedback/01JFB',
    });
    expect(receipt).toEqual({ provider: 'sns', providerMessageId: 'sns-1', status: 'sent' });
    const input = sns.commandCalls(PublishCommand)[0]!.args[0].input;
    expect(input.TopicArn).toBe(topic);
    expect(input.Subject!.length).toBeLessThanOrEqual(100);
    expect(input.Subject).toMatch(/^Reclamacao urgente \? cobranca em dobro x+\.\.\.$/);
    expect(input.Subject).toMatch(/^[\x20-\x7e]+$/);
    expect(input.Message).toContain('Cliente cobrado duas vezes.');
    expect(input.Message).toContain('https://console.loja.example/feedback/01JFB');
    expect(input.MessageAttributes).toEqual({
      severity: { DataType: 'String', StringValue: 'urgent' },
      feedbackId: { DataType: 'String', StringValue: '01JFB' },
    });
    expect(input.MessageGroupId).toBeUndefined();
  });

  it('sets the group and deduplication ids on a FIFO topic', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sns-2' });
    await new SnsNotifier(client, `${topic}.fifo`).notify({ id: 'n-2', severity: 'info', title: 'Resumo', text: 'ok' });
    expect(sns.commandCalls(PublishCommand)[0]!.args[0].input).toMatchObject({ MessageGroupId: 'ouvidor', MessageDeduplicationId: 'n-2' });
  });

  it('propagates failures as DeliveryFailedError: throttling retryable, authorization not', async () => {
    const throttled = new ThrottledException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
    sns.on(PublishCommand).rejectsOnce(throttled).rejectsOnce(new AuthorizationErrorException({ message: 'not authorized', $metadata: { httpStatusCode: 403 } }));
    const notifier = new SnsNotifier(client, topic);
    const first = await notifier.notify({ id: 'n', severity: 'warning', title: 't', text: 'x' }).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(DeliveryFailedError);
    expect(first).toMatchObject({ provider: 'sns', retryable: true, cause: throttled });
    await expect(notifier.notify({ id: 'n', severity: 'warning', title: 't', text: 'x' })).rejects.toMatchObject({ provider: 'sns', providerStatus: 403, retryable: false });
  });

  it('never sends an empty or multi-line subject', () => {
    expect(snsSubject('  \n ')).toBe('Ouvidor notification');
    expect(snsSubject('linha 1\nlinha 2\ttab')).toBe('linha 1 linha 2 tab');
    expect(snsSubject('😀 emoji')).toBe('?? emoji'); // a surrogate pair: two UTF-16 units
  });
});
