import { randomUUID } from 'node:crypto';
import { ChangeMessageVisibilityCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { LambdaProcess } from './lambda-host.js';

/** An API Gateway HTTP API (payload 2.0) event for a route, as the Lambda proxy integration sends it. */
export function apiEvent(routeKey: string, opts: { path?: Record<string, string>; query?: Record<string, string>; body?: unknown; token?: string; headers?: Record<string, string> } = {}): unknown {
  const [method, template] = routeKey.split(' ') as [string, string];
  const rawPath = template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(opts.path?.[k] ?? ''));
  const rawQueryString = new URLSearchParams(opts.query ?? {}).toString();
  const now = Date.now();
  const claims = opts.token ? (JSON.parse(Buffer.from(opts.token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>) : undefined;
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    headers: {
      host: 'rehearsal.execute-api.us-east-1.amazonaws.com',
      'user-agent': 'ouvidor-rehearsal',
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-proto': 'https',
      ...(opts.body !== undefined && { 'content-type': 'application/json' }),
      ...(opts.token && { authorization: `Bearer ${opts.token}` }),
      ...opts.headers,
    },
    ...(opts.query && { queryStringParameters: opts.query }),
    ...(opts.path && { pathParameters: opts.path }),
    requestContext: {
      accountId: '123456789012',
      apiId: 'rehearsal',
      domainName: 'rehearsal.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'rehearsal',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'ouvidor-rehearsal' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
      // What the route's JWT authorizer adds (the function still verifies the token itself).
      ...(claims && { authorizer: { jwt: { claims, scopes: null } } }),
    },
    ...(opts.body !== undefined && { body: JSON.stringify(opts.body), isBase64Encoded: false }),
  };
}

export interface ApiResult {
  readonly statusCode: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}
export const jsonOf = <T>(res: ApiResult): T => JSON.parse(res.body ?? 'null') as T;

/** An SQS message as Lambda's event source mapping hands it to the function. */
function sqsRecord(m: Message, queueArn: string, region: string): unknown {
  return {
    messageId: m.MessageId,
    receiptHandle: m.ReceiptHandle,
    body: m.Body,
    attributes: m.Attributes ?? {},
    messageAttributes: Object.fromEntries(
      Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, { stringValue: v.StringValue, binaryValue: v.BinaryValue, stringListValues: [], binaryListValues: [], dataType: v.DataType }]),
    ),
    md5OfBody: m.MD5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

export interface SqsPoll {
  readonly received: Message[];
  readonly failed: string[];
}

/**
 * One poll of Lambda's SQS event source mapping: receive up to BatchSize messages, invoke the function
 * with them, delete those not reported in `batchItemFailures`. A failed message stays in flight until its
 * visibility timeout; `expireVisibility` ends it now (SQS would after `VisibilityTimeout` seconds) so the
 * next poll receives it again, with its receive count raised (and moves it to the DLQ past maxReceiveCount).
 */
export async function pollSqs(sqs: SQSClient, fn: LambdaProcess, queue: { url: string; arn: string; batchSize: number }, region: string, expireVisibility = false): Promise<SqsPoll> {
  const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: queue.batchSize, MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'], WaitTimeSeconds: 0 }));
  const received = out.Messages ?? [];
  if (!received.length) return { received, failed: [] };
  let failed: string[];
  try {
    const res = await fn.invoke<{ batchItemFailures?: Array<{ itemIdentifier: string }> } | null>({ Records: received.map((m) => sqsRecord(m, queue.arn, region)) });
    failed = (res?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
  } catch {
    // The invocation failed (Powertools throws when every record failed): the whole batch stays in flight.
    failed = received.map((m) => m.MessageId!);
  }
  const done = received.filter((m) => !failed.includes(m.MessageId!));
  if (done.length) await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queue.url, Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
  if (expireVisibility) {
    for (const m of received.filter((x) => failed.includes(x.MessageId!))) {
      await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 }));
    }
  }
  return { received, failed };
}

/** Receives until a message matching `pick` arrives (bounded attempts on state, long-polling 1 s each). */
export async function receiveWhere(sqs: SQSClient, url: string, pick: (m: Message) => boolean, attempts = 20): Promise<Message> {
  for (let i = 0; i < attempts; i++) {
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['All'] }));
    const hit = (out.Messages ?? []).find(pick);
    if (hit) return hit;
  }
  throw new Error(`no matching message on ${url} after ${attempts} receives`);
}
