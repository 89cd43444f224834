import type { MessagePort } from 'node:worker_threads';
import { logger } from '../shared/runtime/logger.js';
import { resetConfig, config } from '../shared/runtime/config.js';
import { composeWith } from '../shared/runtime/compose/capability.js';
import { sourceOfKeys } from '../shared/domain/metrics/metrics-contribution.js';
import { awsClients, buildContainer } from './container.js';
import { LocalEventBus } from './local-event-bus.adapter.js';
import type { ProvisionedQueue } from './provision.js';
import { SqsPoller, type SqsHandler } from './sqs-poller.js';
import { observeWrites, type Written } from './table-stream.js';
import { wireWorkflows } from './workflow-wiring.js';
import { attachStoreOpCounter, type StoreOpCounter } from './bench/store-op-counter.js';

export interface PipelineThreadData {
  readonly region: string;
  readonly tableName: string;
  readonly queue: ProvisionedQueue;
  readonly workflowQueue: ProvisionedQueue;
  readonly processor: { readonly batchSize: number; readonly concurrency: number; readonly timeoutMs: number };
  /** Do not consume the analysis queue (PlatformOptions.pauseProcessing). */
  readonly paused?: boolean;
}

/** Main thread → pipeline thread. */
export type ToPipeline =
  | { type: 'go'; id: number }
  | { type: 'pending'; id: number }
  | { type: 'count'; id: number; action: 'start' | 'snapshot' | 'stop' }
  | { type: 'stop' };
/** Pipeline thread → main thread. */
export type FromPipeline =
  | { type: 'ready' }
  | { type: 'observe'; id: number; written: Written[] }
  | { type: 'written'; id: number; output?: { UnprocessedItems?: unknown; Attributes?: unknown }; failed?: boolean }
  | { type: 'reply'; id: number; value: unknown }
  | { type: 'error'; message: string }
  | { type: 'stopped' };

/**
 * The asynchronous "functions" of the local platform on their own thread, as on AWS they run in
 * their own Lambda instances, apart from the API's: the analysis queue's consumer (process-feedback)
 * and the workflow queue's (run-workflows), with their own SDK clients and bus (the rule → the
 * workflow queue). The table stream stays on the main thread with every other client of the table:
 * each write of this thread that the stream may need is observed there first (`observe`, then
 * `go`, then `written`), so its records stay exact and in order across threads.
 */
export async function runPipelineThread(port: MessagePort, data: PipelineThreadData): Promise<void> {
  const send = (m: FromPipeline) => port.postMessage(m);
  const onError = (e: unknown) => send({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  resetConfig();
  const clients = awsClients(config());
  let seq = 0;
  const go = new Map<number, () => void>();
  observeWrites(clients.dynamodb, { tableName: data.tableName, filter: (keys) => sourceOfKeys(keys) !== undefined }, async (written, write) => {
    const id = ++seq;
    await new Promise<void>((ok) => {
      go.set(id, ok);
      send({ type: 'observe', id, written });
    });
    try {
      const out = (await write()) as { output?: { UnprocessedItems?: unknown; Attributes?: unknown } };
      send({ type: 'written', id, output: { UnprocessedItems: out.output?.UnprocessedItems, Attributes: out.output?.Attributes } });
      return out;
    } catch (error) {
      send({ type: 'written', id, failed: true });
      throw error;
    }
  });
  const bus = new LocalEventBus((error, event) => logger.error('event delivery failed', { eventId: event.id, error: String(error) }));
  composeWith({ dynamodb: clients.dynamodb, sqs: clients.sqs, s3: clients.s3, bus });
  const workflows = wireWorkflows(buildContainer(), { sqs: clients.sqs, queue: data.workflowQueue, region: data.region, onError });
  const processor = new SqsPoller(
    clients.sqs,
    async () => (await import('../functions/process-feedback/process-feedback.handler.js')).handler as unknown as SqsHandler,
    { queueUrl: data.queue.url, queueArn: data.queue.arn, functionName: 'process-feedback', region: data.region, onError, batchSize: data.processor.batchSize, concurrency: data.processor.concurrency, timeoutMs: data.processor.timeoutMs },
  );
  workflows.poller.start();
  if (!data.paused) processor.start();

  let counter: StoreOpCounter | undefined;
  const count = (action: 'start' | 'snapshot' | 'stop'): unknown => {
    if (action === 'start') {
      counter?.detach();
      counter = attachStoreOpCounter(clients.dynamodb, { tableName: data.tableName, units: { imageReader: awsClients(config()).dynamodb } });
      return undefined;
    }
    const snapshot = counter?.snapshot();
    if (action === 'stop') {
      counter?.detach();
      counter = undefined;
    }
    return snapshot;
  };
  port.on('message', (m: ToPipeline) => {
    if (m.type === 'go') {
      go.get(m.id)?.();
      go.delete(m.id);
    } else if (m.type === 'pending') send({ type: 'reply', id: m.id, value: bus.pending });
    else if (m.type === 'count') send({ type: 'reply', id: m.id, value: count(m.action) });
    else if (m.type === 'stop') {
      void Promise.allSettled([processor.stop(), workflows.stop()]).then(() => {
        send({ type: 'stopped' });
        port.close();
      });
    }
  });
  send({ type: 'ready' });
}
