import { createServer, type Server } from 'node:http';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AddressInfo } from 'node:net';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { republishPendingEvents } from '../shared/app/republish-events.use-case.js';
import { sweepReceived } from '../shared/app/sweep-received.use-case.js';
import { resetConfig, config } from '../shared/runtime/config.js';
import { ASYNC_RETRY_ATTEMPTS, PROCESSOR_BATCH_SIZE, PROCESSOR_MAX_CONCURRENCY, WORKFLOW_MAX_RECEIVES } from '../shared/runtime/processing.settings.js';
import { AsyncInvoker } from './async-invoke.js';
import { startPipelineThread, type PipelineThread } from './pipeline-host.js';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { rebuildMetrics } from '../shared/app/rebuild-metrics.use-case.js';
import { sourceOfKeys } from '../shared/domain/metrics/metrics-contribution.js';
import { composeWith } from '../shared/runtime/compose/capability.js';
import { logger } from '../shared/runtime/logger.js';
import { awsClients, buildContainer, type Container } from './container.js';
import { LocalEventBus } from './local-event-bus.adapter.js';
import { lambdaContext } from './lambda-context.js';
import { LocalTableStream, setActiveTableStream } from './table-stream.js';
import { streamRecordMatters } from '../shared/domain/metrics/metrics-changes.js';
import { jwtSecret, localSecret } from './data-dir.js';
import { EMULATOR_CREDENTIALS, startEmulators, type Emulators } from './emulators.js';
import { httpBridge } from './http-bridge.js';
import { consoleSite } from './console-site.js';
import { ensureBucket, ensureQueues, ensureTable, type ProvisionedQueue } from './provision.js';
import { SqsPoller, type SqsHandler } from './sqs-poller.js';
import { wireWorkflows } from './workflow-wiring.js';
import { startEmailEvents } from './email-events-wiring.js';
import { importJournal, watchJournal } from './users-journal.js';
import { startSmtpListener } from './smtp-listener.js';
import { INBOUND_EMAIL_PREFIX } from '../functions/ses-email/ses-email.handler.js';

export interface PlatformOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Where HTTP and SMTP listen: loopback unless widened (`HOST=0.0.0.0 npm start`). */
  readonly host?: string;
  /** The data folder; undefined keeps DynamoDB in memory and S3 in a temporary folder (tests). */
  readonly dataDir: string | undefined;
  /** Do not poll the queue (tests of what happens before processing). */
  readonly pauseProcessing?: boolean;
  /** SMTP listener port (0 picks a free one; undefined: no listener). */
  readonly smtpPort?: number;
  /** How often the SLA sweeper looks for deadlines that have come. Default every minute. */
  readonly slaSweepIntervalMs?: number;
  /** How often the sweeper looks for items stuck in `received`. */
  readonly sweepIntervalMs?: number;
  /** Index page size of the sweeps (default 500; tests use a small one to cross pages). */
  readonly sweepPageSize?: number;
  /**
   * The workflow queue's visibility timeout: the wait before a failed workflow record is delivered
   * again. AWS: 360 s (6x the function's timeout); locally 30 s by default (the same number of
   * deliveries, sooner), and tests shorten it.
   */
  readonly workflowVisibilityTimeoutSeconds?: number;
  /** Waits before Lambda's two retries of an asynchronous invocation (about 1 and 2 minutes on AWS). Default 1 s and 2 s. */
  readonly asyncRetryDelaysMs?: readonly number[];
  /**
   * Run the queue consumers (process-feedback, run-workflows) on their own thread, as on AWS they
   * run apart from the API (local/pipeline-thread.ts): the API answers while the pipeline works.
   * `npm start` and the bench do; tests that script a capability for the consumers do not.
   */
  readonly pipelineThread?: boolean;
  readonly onError?: (e: unknown) => void;
}

export interface Platform {
  readonly url: string;
  readonly port: number;
  readonly smtpPort: number | undefined;
  readonly queue: ProvisionedQueue;
  /** EventBridge's rule target for the workflows: run-workflows consumes it; its DLQ is the workflow DLQ. */
  readonly workflowQueue: ProvisionedQueue;
  /** The on-failure destination of the asynchronously invoked functions (ses-email). */
  readonly asyncFailuresUrl: string;
  readonly container: Container;
  /** The stand-in for the table's DynamoDB stream (feeds `record-metrics`). */
  readonly tableStream: LocalTableStream;
  readonly emulators: Emulators;
  /** The runtime's own DynamoDB client (every handler of this thread goes through it): the bench counts on it. */
  readonly dynamodb: DynamoDBClient;
  /** The queue consumers' thread, when `pipelineThread` (its own DynamoDB client; the bench counts it too). */
  readonly pipeline: PipelineThread | undefined;
  /**
   * True when nothing is in flight right now: no message waiting or being processed on the feedback
   * queue, no event delivery scheduled or running on the bus, no change waiting for the metrics
   * stream. Checked upstream first (queue, then bus, then stream): the bench's completion signal,
   * which costs no store operation.
   */
  quiet(): Promise<boolean>;
  stop(): Promise<void>;
}

const LOCAL_VISIBILITY_TIMEOUT_S = 30;
const PROCESSOR_TIMEOUT_MS = LOCAL_VISIBILITY_TIMEOUT_S * 1000 / 6;

/**
 * The whole platform in one process: emulators, the HTTP API over the same Lambda handlers,
 * the queue poller driving the processor, and the sweeper that makes "accepted" mean "kept".
 */
export async function startPlatform(opts: PlatformOptions): Promise<Platform> {
  const onError = opts.onError ?? ((e: unknown) => console.error('[ouvidor]', e));
  const emulators = await startEmulators(opts.dataDir);
  const env: Record<string, string> = {
    OUVIDOR_TABLE_NAME: process.env.OUVIDOR_TABLE_NAME ?? 'ouvidor',
    OUVIDOR_BUCKET_NAME: process.env.OUVIDOR_BUCKET_NAME ?? 'ouvidor-objects',
    OUVIDOR_DYNAMODB_ENDPOINT: emulators.dynamodbEndpoint,
    OUVIDOR_SQS_ENDPOINT: emulators.sqsEndpoint,
    OUVIDOR_S3_ENDPOINT: emulators.s3Endpoint,
    OUVIDOR_EVENT_BUS: 'local',
    OUVIDOR_AUTH_MODE: 'local',
    OUVIDOR_ANALYZER: process.env.OUVIDOR_ANALYZER ?? 'offline',
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
    // The emulators' credentials; they also keep the SDK from looking for real ones.
    ...EMULATOR_CREDENTIALS,
  };
  Object.assign(process.env, env);
  resetConfig();
  const clients = awsClients(config());
  await ensureTable(clients.dynamodb, env.OUVIDOR_TABLE_NAME!);
  await ensureBucket(clients.s3, env.OUVIDOR_BUCKET_NAME!);
  const queue = await ensureQueues(clients.sqs, 'ouvidor-feedback', { visibilityTimeoutSeconds: LOCAL_VISIBILITY_TIMEOUT_S, maxReceiveCount: 5 });
  const workflowQueue = await ensureQueues(clients.sqs, 'ouvidor-workflows', { visibilityTimeoutSeconds: opts.workflowVisibilityTimeoutSeconds ?? 30, maxReceiveCount: WORKFLOW_MAX_RECEIVES });
  const asyncFailuresUrl = (await clients.sqs.send(new CreateQueueCommand({ QueueName: 'ouvidor-async-failures', Attributes: { MessageRetentionPeriod: String(14 * 24 * 3600) } }))).QueueUrl!;
  process.env.OUVIDOR_QUEUE_URL = queue.url;
  process.env.OUVIDOR_JWT_SECRET = jwtSecret(opts.dataDir ?? emulators.scratchDir);
  process.env.OUVIDOR_SURVEY_SECRET ??= localSecret(opts.dataDir ?? emulators.scratchDir, 'survey-secret');
  // The SLA sweeper's failed actions wait 1 s, 2 s, 4 s... before their next sweep may retry them (30 s upwards on AWS);
  // the workflow function's are retried by its queue (the visibility timeout), as on AWS.
  process.env.OUVIDOR_WORKFLOW_RETRY_MS ??= '1000';

  const server: Server = createServer(httpBridge({ staticPages: consoleSite(), onError }));
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  process.env.OUVIDOR_PUBLIC_URL = url;
  resetConfig();
  // The table's stream (NEW_AND_OLD_IMAGES, filtered as the event source mapping is) feeding `record-metrics`, as on AWS.
  const dirtyFile = opts.dataDir ? join(opts.dataDir, 'metrics-stream.pending') : undefined;
  const missedChanges = dirtyFile !== undefined && LocalTableStream.missedChanges(dirtyFile);
  const tableStream = new LocalTableStream({
    tableName: env.OUVIDOR_TABLE_NAME!,
    region: env.AWS_REGION!,
    filter: (keys) => sourceOfKeys(keys) !== undefined,
    recordFilter: (keys, oldImage, newImage) => streamRecordMatters(keys, oldImage?.stage?.S, newImage?.stage?.S),
    imageReader: awsClients(config()).dynamodb,
    invoke: async (event) => (await import('../functions/record-metrics/record-metrics.handler.js')).handler(event, lambdaContext('record-metrics', 60_000)),
    onError,
    ...(dirtyFile && { dirtyFile }),
  });
  // The same clients as the provisioning above (endpoints do not change), observed from here on.
  tableStream.attach(clients.dynamodb);
  setActiveTableStream(tableStream);
  // The one override seam: the handlers of this process use the clients observed here and the in-process bus.
  const bus = new LocalEventBus((error, event) => logger.error('event subscriber failed', { eventId: event.id, error: String(error) }));
  composeWith({ dynamodb: clients.dynamodb, sqs: clients.sqs, s3: clients.s3, bus });
  const c = buildContainer();
  // The stream lives in memory: a run that stopped with changes undelivered left the marker file.
  if (missedChanges) {
    await rebuildMetrics(c);
    rmSync(dirtyFile, { force: true });
  }
  // Users added with `ouvidor users add` (local/users-journal.ts): now, and whenever the file changes.
  const usersDir = opts.dataDir ?? emulators.scratchDir;
  if (c.credentials) await importJournal(usersDir, c.credentials);
  const unwatchUsers = c.credentials ? watchJournal(usersDir, c.credentials, onError) : () => {};
  const workflows = wireWorkflows(c, { sqs: clients.sqs, queue: workflowQueue, region: env.AWS_REGION!, slaSweepMs: opts.slaSweepIntervalMs ?? 60_000, onError });
  const asyncInvoker = new AsyncInvoker({
    retryAttempts: ASYNC_RETRY_ATTEMPTS,
    retryDelaysMs: opts.asyncRetryDelaysMs ?? [1000, 2000],
    region: env.AWS_REGION!,
    onFailure: async (record) => {
      logger.error('asynchronous invocation failed after its retries: kept in the async-failures queue', { functionArn: record.requestContext.functionArn, error: record.responsePayload.errorMessage });
      await clients.sqs.send(new SendMessageCommand({ QueueUrl: asyncFailuresUrl, MessageBody: JSON.stringify(record) }));
    },
    onError,
  });

  let pipeline: PipelineThread | undefined;
  const poller = new SqsPoller(
    clients.sqs,
    async () => (await import('../functions/process-feedback/process-feedback.handler.js')).handler as unknown as SqsHandler,
    { queueUrl: queue.url, queueArn: queue.arn, functionName: 'process-feedback', batchSize: PROCESSOR_BATCH_SIZE, concurrency: PROCESSOR_MAX_CONCURRENCY, timeoutMs: PROCESSOR_TIMEOUT_MS, region: env.AWS_REGION!, onError },
  );

  // Whatever was accepted but not analyzed before the last stop (the queue lived in memory): every
  // `received` item, every shard, page by page, in SendMessageBatch calls. HTTP is already served;
  // the poller starts once all are queued, so the queueing (a few seconds per 2,000 items here)
  // does not compete with their processing for the store, and start-up waits only for it.
  const pageSize = opts.sweepPageSize ?? 500;
  await sweepReceived(c, { olderThanMs: 0, maxSweeps: 3, countsAsRetry: false, pageSize });
  await republishPendingEvents(c, { olderThanMs: 0 });
  if (opts.pipelineThread) {
    pipeline = await startPipelineThread(
      {
        region: env.AWS_REGION!,
        tableName: env.OUVIDOR_TABLE_NAME!,
        queue,
        workflowQueue,
        processor: { batchSize: PROCESSOR_BATCH_SIZE, concurrency: PROCESSOR_MAX_CONCURRENCY, timeoutMs: PROCESSOR_TIMEOUT_MS },
        paused: opts.pauseProcessing ?? false,
      },
      tableStream,
      onError,
    );
  } else {
    if (!opts.pauseProcessing) poller.start();
    // The workflows consume their own queue (pauseProcessing holds the analysis queue only, as before).
    workflows.poller.start();
  }
  // SES bounces and complaints: their queue and the `email-events` handler (fed by POST /v1/local/email-events),
  // on this thread in either mode (a bounce is rare and light).
  const emailEvents = await startEmailEvents(clients.sqs, { region: env.AWS_REGION!, onError });

  const sweeper = setInterval(() => {
    sweepReceived(c, { olderThanMs: 2 * 60_000, maxSweeps: 3, countsAsRetry: true, pageSize }).catch(onError);
    republishPendingEvents(c, { olderThanMs: 60_000 }).catch(onError);
  }, opts.sweepIntervalMs ?? 60_000);
  sweeper.unref();

  const smtp =
    opts.smtpPort === undefined
      ? undefined
      : await startSmtpListener({
          port: opts.smtpPort,
          host: opts.host,
          maxBytes: 10 * 1024 * 1024,
          store: (id, raw) => c.objects.put(`${INBOUND_EMAIL_PREFIX}${id}`, raw, 'message/rfc822'),
          invoke: (event) => asyncInvoker.invoke('ses-email', async () => (await import('../functions/ses-email/ses-email.handler.js')).handler, event, 60_000),
          onError,
        });

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    smtpPort: smtp?.port,
    queue,
    workflowQueue,
    asyncFailuresUrl,
    container: c,
    tableStream,
    emulators,
    dynamodb: clients.dynamodb,
    get pipeline() {
      return pipeline;
    },
    quiet: async () => {
      const depth = async (url: string) => {
        const out = await clients.sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] }),
        );
        return Object.values(out.Attributes ?? {}).reduce((sum, v) => sum + Number(v ?? 0), 0);
      };
      if (asyncInvoker.pending > 0 || (await depth(queue.url)) > 0) return false;
      if (bus.pending > 0 || (pipeline && (await pipeline.pending()) > 0) || (await depth(workflowQueue.url)) > 0) return false;
      if ((await depth(emailEvents.queue.url)) > 0) return false;
      return !tableStream.busy;
    },
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(sweeper);
        asyncInvoker.close();
        await pipeline?.stop();
        await workflows.stop();
        await tableStream.stop();
        setActiveTableStream(undefined);
        unwatchUsers();
        await smtp?.stop();
        await new Promise<void>((ok) => {
          server.close(() => ok());
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), 2000).unref();
        });
        await poller.stop();
        await emailEvents.stop();
        await emulators.stop();
        composeWith(undefined);
      })()),
  };
}
