import type { SNSClient } from '@aws-sdk/client-sns';
import type { DeliveryReceipt, TeamNotification, TeamNotifier } from '../../ports/messenger.port.js';
import { awsDeliveryError } from './delivery.errors.js';

/**
 * SNS subjects must be ASCII, one line, without control characters, under 100 characters: accents
 * are dropped (`Cobrança` → `Cobranca`), anything else non-ASCII becomes `?`.
 */
export const snsSubject = (title: string, max = 99): string => {
  const ascii = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '?')
    .trim();
  const subject = ascii.length > max ? `${ascii.slice(0, max - 3)}...` : ascii;
  return subject || 'Ouvidor notification';
};

/** Publishes team notifications to an SNS topic (email, chat or Lambda subscribers); FIFO topics supported. */
export class SnsNotifier implements TeamNotifier {
  constructor(private readonly client: SNSClient, private readonly topicArn: string) {}

  async notify(n: TeamNotification): Promise<DeliveryReceipt> {
    const message = [n.title, '', n.text, '', `Severity: ${n.severity}`, ...(n.feedbackId ? [`Feedback: ${n.feedbackId}`] : []), ...(n.url ? [n.url] : [])].join('\n');
    const fifo = this.topicArn.endsWith('.fifo');
    // Imported here, not at the top: SNS is configured per deployment, so its client is never loaded at init.
    const { PublishCommand } = await import('@aws-sdk/client-sns');
    try {
      const out = await this.client.send(
        new PublishCommand({
          TopicArn: this.topicArn,
          Subject: snsSubject(n.title),
          Message: message,
          MessageAttributes: {
            severity: { DataType: 'String', StringValue: n.severity },
            ...(n.feedbackId ? { feedbackId: { DataType: 'String', StringValue: n.feedbackId } } : {}),
          },
          ...(fifo ? { MessageGroupId: n.feedbackId ?? 'ouvidor', MessageDeduplicationId: n.id.slice(0, 128) } : {}),
        }),
      );
      return { provider: 'sns', status: 'sent', ...(out.MessageId ? { providerMessageId: out.MessageId } : {}) };
    } catch (error) {
      throw awsDeliveryError('sns', error);
    }
  }
}
