import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FeedbackQueue, ProcessFeedbackMessage } from '../ports/queue.port.js';

export class SqsFeedbackQueue implements FeedbackQueue {
  constructor(private readonly client: SQSClient, private readonly queueUrl: string) {}

  async send(message: ProcessFeedbackMessage): Promise<void> {
    await this.client.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(message) }));
  }
}
