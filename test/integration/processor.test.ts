import { ReceiveMessageCommand, SendMessageCommand, type Message } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LocalEventBus } from '../../local/local-event-bus.adapter.js';
import { ingestFeedback } from '../../shared/app/ingest-feedback.use-case.js';
import { config, resetConfig } from '../../shared/runtime/config.js';
import { awsClients, buildContainer, setContainer, type Container } from '../../local/container.js';
import { handler } from '../../functions/process-feedback/process-feedback.handler.js';
import { EMULATOR_CREDENTIALS, startEmulators, type Emulators } from '../../local/emulators.js';
import { lambdaContext } from '../../local/lambda-context.js';
import { ensureBucket, ensureQueues, ensureTable, type ProvisionedQueue } from '../../local/provision.js';
import { SqsPoller } from '../../local/sqs-poller.js';
import { ScriptedAnalyzer } from '../support/fakes.js';
import { eventually } from '../support/platform.js';

// The processor handler on real DynamoDB, SQS and S3 adapters (emulators); analyzer scripted.
let emulators: Emulators;
let queue: ProvisionedQueue;
let c: Container;
let analyzer: ScriptedAnalyzer;
let bus: LocalEventBus;

beforeAll(async () => {
  emulators = await startEmulators(undefined);
  Object.assign(process.env, {
    OUVIDOR_DYNAMODB_ENDPOINT: emulators.dynamodbEndpoint,
    OUVIDOR_SQS_ENDPOINT: emulators.sqsEndpoint,
    OUVIDOR_S3_ENDPOINT: emulators.s3Endpoint,
    OUVIDOR_AUTH_MODE: 'local',
    OUVIDOR_JWT_SECRET: 'x'.repeat(43),
    ...EMULATOR_CREDENTIALS,
  });
  resetConfig();
  const clients = awsClients(config());
  await ensureTable(clients.dynamodb, config().OUVIDOR_TABLE_NAME);
  await ensureBucket(clients.s3, config().OUVIDOR_BUCKET_NAME);
  queue = await ensureQueues(clients.sqs, 'processor-test', { visibilityTimeoutSeconds: 1, maxReceiveCount: 2 });
  process.env.OUVIDOR_QUEUE_URL = queue.url;
  resetConfig();
});
afterAll(async () => {
  setContainer(undefined);
  await emulators?.stop();
});
beforeEach(() => {
  analyzer = new ScriptedAnalyzer();
  bus = new LocalEventBus();
  c = { ...buildContainer(), analyzer, bus };
  setContainer(c);
});

const accept = async (text: string) =>
  (await ingestFeedback(c, { body: { text }, channel: 'api', source: { provider: 'api' } })).id;

async function receiveAll(expected: number): Promise<Message[]> {
  const got: Message[] = [];
  await eventually(async () => {
    const out = await awsClients(config()).sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    got.push(...(out.Messages ?? []));
    return got.length >= expected ? got : undefined;
  });
  return got;
}

const sqsEvent = (messages: Message[]): SQSEvent => ({
  Records: messages.map((m) => ({
    messageId: m.MessageId!,
    receiptHandle: m.ReceiptHandle!,
    body: m.Body!,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: queue.arn,
    awsRegion: 'us-east-1',
  })),
});
/** The item a message is about (intake's messages also carry the record). */
const idOf = (m: Message) => (JSON.parse(m.Body!) as { id: string }).id;
const invoke = (event: SQSEvent) => handler(event, lambdaContext('process-feedback', 10_000) as Context) as Promise<SQSBatchResponse>;

describe('process-feedback handler', () => {
  it('analyzes a queued item into the table, original in S3, one event', async () => {
    const id = await accept('Entrega ruim, escrevam para ana@example.com');
    const messages = await receiveAll(1);
    expect(await invoke(sqsEvent(messages))).toEqual({ batchItemFailures: [] });
    const fb = await c.store.get(id);
    expect(fb).toMatchObject({ stage: 'analyzed', sentiment: { label: 'NEGATIVE' }, text: 'Entrega ruim, escrevam para [EMAIL]' });
    const original = new TextDecoder().decode(await c.objects.get(fb!.originalRef!));
    expect(original).toContain('ana@example.com');
    expect(bus.published.map((e) => e.id)).toEqual([`feedback.analyzed:${id}:v2`]);
  });

  it('makes one record and one event of a duplicate delivery, in one batch and across batches', async () => {
    const id = await accept('Produto ruim');
    const sqs = awsClients(config()).sqs;
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: JSON.stringify({ id }) }));
    const messages = await receiveAll(2);
    expect(messages.map(idOf)).toEqual([id, id]);
    const first = await invoke(sqsEvent(messages));
    const again = await invoke(sqsEvent(messages.slice(0, 1)));
    expect(again).toEqual({ batchItemFailures: [] });
    // At most the concurrent twin was asked to come back later; nothing was written twice.
    expect(first.batchItemFailures.length).toBeLessThanOrEqual(1);
    expect((await c.store.get(id))!.version).toBe(2);
    expect(bus.published.filter((e) => e.id === `feedback.analyzed:${id}:v2`)).toHaveLength(1);
  });

  it('reports only the failing record of a batch, which succeeds on retry', async () => {
    const good = await accept('Atendimento ótimo');
    const bad = await accept('Atendimento boom');
    const messages = await receiveAll(2);
    analyzer.failOn = /boom/;
    const res = await invoke(sqsEvent(messages));
    const badMessage = messages.find((m) => idOf(m) === bad)!;
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: badMessage.MessageId }]);
    expect((await c.store.get(good))!.stage).toBe('analyzed');
    expect((await c.store.get(bad))!.stage).toBe('received');
    analyzer.failOn = undefined;
    expect(await invoke(sqsEvent([badMessage]))).toEqual({ batchItemFailures: [] });
    expect((await c.store.get(bad))!.stage).toBe('analyzed');
  });

  it('drops a malformed message instead of retrying it forever', async () => {
    const res = await invoke(sqsEvent([{ MessageId: 'm-1', ReceiptHandle: 'r', Body: '{"nope":1}' }]));
    expect(res).toEqual({ batchItemFailures: [] });
  });

  it('dead-letters a message that keeps failing, through the local poller and the redrive policy', async () => {
    analyzer.failOn = /boom/;
    const id = await accept('boom forever');
    const sqs = awsClients(config()).sqs;
    const poller = new SqsPoller(sqs, async () => handler as never, {
      queueUrl: queue.url, queueArn: queue.arn, functionName: 'process-feedback', batchSize: 10, timeoutMs: 5000, region: 'us-east-1', onError: () => {},
    });
    poller.start();
    try {
      const dead = await eventually(async () => {
        const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.dlqUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
        return out.Messages?.find((m) => idOf(m) === id);
      }, 15_000);
      expect(dead).toBeDefined();
    } finally {
      await poller.stop();
    }
    expect((await c.store.get(id))!.stage).toBe('received');
  });
});
