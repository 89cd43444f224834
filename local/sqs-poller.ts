import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { lambdaContext } from './lambda-context.js';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface PollerOptions {
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly functionName: string;
  readonly batchSize: number;
  /** Batches in flight at once: the event source mapping's `maxConcurrency`. */
  readonly concurrency?: number;
  readonly timeoutMs: number;
  readonly region: string;
  readonly onError: (e: unknown) => void;
}

function toRecord(m: Message, arn: string, region: string): SQSRecord {
  const a = m.Attributes ?? {};
  return {
    messageId: m.MessageId ?? '',
    receiptHandle: m.ReceiptHandle ?? '',
    body: m.Body ?? '',
    attributes: {
      ApproximateReceiveCount: a.ApproximateReceiveCount ?? '1',
      SentTimestamp: a.SentTimestamp ?? String(Date.now()),
      SenderId: a.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: a.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: m.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: arn,
    awsRegion: region,
  };
}

/**
 * The local stand-in for Lambda's SQS event source mapping: long-polls batches (up to `concurrency`
 * at once), invokes the handler with a real SQS event, deletes what succeeded and leaves the reported failures (and
 * everything, if the handler throws) to reappear after the visibility timeout; the queue's
 * redrive policy moves a message to the DLQ after its last receive, as on AWS.
 */
export class SqsPoller {
  private readonly abort = new AbortController();
  private loops: Promise<void> | undefined;

  constructor(private readonly sqs: SQSClient, private readonly handler: () => Promise<SqsHandler>, private readonly opts: PollerOptions) {}

  /** One long-polling loop per concurrent batch, as the event source mapping runs up to `maxConcurrency`. */
  start(): void {
    this.loops ??= Promise.all(Array.from({ length: Math.max(1, this.opts.concurrency ?? 1) }, () => this.run())).then(() => undefined);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loops;
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        const out = await this.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: this.opts.queueUrl,
            MaxNumberOfMessages: this.opts.batchSize,
            WaitTimeSeconds: 2,
            MessageSystemAttributeNames: ['All'],
          }),
          { abortSignal: signal },
        );
        const messages = out.Messages ?? [];
        if (messages.length > 0) await this.invoke(messages);
      } catch (e) {
        if (signal.aborted) break;
        this.opts.onError(e);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  /** One invocation; completes even when stop() is called meanwhile, so no batch is cut in half. */
  private async invoke(messages: Message[]): Promise<void> {
    const event: SQSEvent = { Records: messages.map((m) => toRecord(m, this.opts.queueArn, this.opts.region)) };
    let failed: Set<string>;
    try {
      const handler = await this.handler();
      const response = await handler(event, lambdaContext(this.opts.functionName, this.opts.timeoutMs));
      failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (e) {
      this.opts.onError(e);
      return; // the whole batch is retried, as Lambda does when the function errors
    }
    const done = messages.filter((m) => !failed.has(m.MessageId ?? ''));
    if (done.length === 0) return;
    await this.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: this.opts.queueUrl,
        Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
  }
}
