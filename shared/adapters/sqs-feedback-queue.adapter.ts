import { SendMessageBatchCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FeedbackQueue, ProcessFeedbackMessage } from '../ports/queue.port.js';

/** SQS takes at most 10 messages per SendMessageBatch. */
const SQS_BATCH = 10;
const MAX_ATTEMPTS = 5;

export class SqsFeedbackQueue implements FeedbackQueue {
  constructor(private readonly client: SQSClient, private readonly queueUrl: string) {}

  async send(message: ProcessFeedbackMessage): Promise<void> {
    await this.client.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(message) }));
  }

  /**
   * Batches of 10. A batch call succeeds per entry: the entries SQS reports in `Failed` are sent
   * again (with a short backoff) and, if they still fail, the call throws naming how many, so the
   * caller knows not everything was queued (the items stay on the sweep index either way).
   */
  async sendBatch(messages: readonly ProcessFeedbackMessage[]): Promise<void> {
    for (let i = 0; i < messages.length; i += SQS_BATCH) {
      let entries = messages.slice(i, i + SQS_BATCH).map((m, n) => ({ Id: String(n), MessageBody: JSON.stringify(m) }));
      for (let attempt = 1; entries.length > 0; attempt++) {
        const out = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }));
        const failed = new Set((out.Failed ?? []).map((f) => f.Id));
        entries = entries.filter((e) => failed.has(e.Id));
        if (entries.length === 0) break;
        if (attempt >= MAX_ATTEMPTS) throw new Error(`SQS refused ${entries.length} of a batch after ${attempt} attempts: ${out.Failed?.[0]?.Message ?? 'unknown'}`);
        await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
  }
}
