import { randomUUID } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { LocalEmailEventRequest } from '../shared/domain/email-suppression.schema.js';
import { ensureQueues, type ProvisionedQueue } from './provision.js';
import { SqsPoller, type SqsHandler } from './sqs-poller.js';

/** The queue's visibility timeout, 6× the handler's time as on AWS (infra/email-events.construct.ts: 30 s × 6). */
const VISIBILITY_TIMEOUT_S = 180;
const HANDLER_TIMEOUT_MS = (VISIBILITY_TIMEOUT_S * 1000) / 6;

export interface LocalEmailEvents {
  readonly queue: ProvisionedQueue;
  stop(): Promise<void>;
}

/**
 * The bounce/complaint path as on AWS, minus SES and SNS (there is no SES locally, and the SMTP relay
 * cannot bounce): a queue with its DLQ (redrive after 5 receives) polled into the same `email-events`
 * handler, fed by `POST /v1/local/email-events` with the SNS envelope SES's topic would deliver.
 */
export async function startEmailEvents(sqs: SQSClient, opts: { region: string; onError: (e: unknown) => void }): Promise<LocalEmailEvents> {
  const queue = await ensureQueues(sqs, 'ouvidor-email-events', { visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_S, maxReceiveCount: 5 });
  process.env.OUVIDOR_EMAIL_EVENTS_QUEUE_URL = queue.url;
  const poller = new SqsPoller(sqs, async () => (await import('../functions/email-events/email-events.handler.js')).handler as unknown as SqsHandler, {
    queueUrl: queue.url, queueArn: queue.arn, functionName: 'email-events', batchSize: 10, concurrency: 2, timeoutMs: HANDLER_TIMEOUT_MS, region: opts.region, onError: opts.onError,
  });
  poller.start();
  return {
    queue,
    stop: () => poller.stop(),
  };
}

/**
 * What SES's configuration set publishes to SNS for a permanent bounce or a complaint, wrapped in the
 * SNS envelope SQS receives (shape of https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-examples.html).
 */
export function sesEventMessage(request: LocalEmailEventRequest, at: Date): { body: string; sesMessageId: string } {
  const sesMessageId = `local-${randomUUID()}-000000`;
  const timestamp = at.toISOString();
  const mail = { timestamp, source: 'ouvidor@localhost', sendingAccountId: '000000000000', messageId: sesMessageId, destination: [request.address], headersTruncated: false, commonHeaders: { to: [request.address], messageId: sesMessageId } };
  const ses =
    request.type === 'bounce'
      ? { eventType: 'Bounce', bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: request.address, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }], timestamp, feedbackId: `local-${randomUUID()}`, reportingMTA: 'dsn; localhost' }, mail }
      : { eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: request.address }], timestamp, feedbackId: `local-${randomUUID()}`, complaintFeedbackType: 'abuse', arrivalDate: timestamp }, mail };
  const envelope = { Type: 'Notification', MessageId: randomUUID(), TopicArn: 'arn:aws:sns:us-east-1:000000000000:ouvidor-local-delivery-problems', Message: JSON.stringify(ses), Timestamp: timestamp, SignatureVersion: '1' };
  return { body: JSON.stringify(envelope), sesMessageId };
}

/** Queues one SES event for `email-events`, as SNS would. */
export async function queueSesEvent(sqs: SQSClient, queueUrl: string, request: LocalEmailEventRequest, at: Date): Promise<string> {
  const { body, sesMessageId } = sesEventMessage(request, at);
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
  return sesMessageId;
}
