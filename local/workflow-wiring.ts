import type { EventBridgeEvent } from 'aws-lambda';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { LocalEventBus } from './local-event-bus.adapter.js';
import type { DomainEvent } from '../shared/domain/feedback-events.schema.js';
import { WORKFLOW_BATCH_SIZE, WORKFLOW_FUNCTION_TIMEOUT_S, WORKFLOW_MAX_CONCURRENCY } from '../shared/runtime/processing.settings.js';
import type { Container } from './container.js';
import { lambdaContext } from './lambda-context.js';
import type { ProvisionedQueue } from './provision.js';
import { SqsPoller, type SqsHandler } from './sqs-poller.js';

/** The EventBridge event a rule target receives for a published domain event. */
export function toEventBridgeEvent(event: DomainEvent, region: string): EventBridgeEvent<string, unknown> {
  return {
    version: '0',
    id: event.id,
    'detail-type': event.type,
    source: 'ouvidor',
    account: '000000000000',
    time: event.time,
    region,
    resources: [],
    detail: { ...(event.detail as object), eventId: event.id },
  };
}

/** EventBridge's retry policy for delivering to the rule's target (the queue), as the CDK rule sets it. */
const RULE_TARGET_RETRY = { attempts: 1 + 8, firstDelayMs: 1000 };

export interface WorkflowWiring {
  /** The workflow queue's consumer (Lambda's event source mapping): started with the feedback queue's. */
  readonly poller: SqsPoller;
  stop(): Promise<void>;
}

/**
 * What the EventBridge rule, the workflow queue's event source mapping and the scheduler do on
 * AWS: `feedback.analyzed` / `feedback.resolved` go from the bus into the workflow queue (the rule's
 * SQS target: the whole event as the message body; a delivery it cannot make goes to the DLQ), the
 * queue runs `run-workflows` with partial batch failures (a failed record comes back after the
 * visibility timeout, then the redrive policy moves it to the DLQ), and the SLA sweeper runs on a
 * timer (when `slaSweepMs` is given). No retry here that AWS would not make.
 */
export function wireWorkflows(
  c: Container,
  opts: { sqs: SQSClient; queue: ProvisionedQueue; region: string; onError: (e: unknown) => void; slaSweepMs?: number },
): WorkflowWiring {
  const { sqs, queue } = opts;
  const toQueue = (url: string, event: DomainEvent) =>
    sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify(toEventBridgeEvent(event, opts.region)) })).then(() => undefined);
  const unsubscribe =
    c.bus instanceof LocalEventBus
      ? c.bus.subscribe((event) => toQueue(queue.url, event), RULE_TARGET_RETRY, (event) => toQueue(queue.dlqUrl, event).catch(opts.onError))
      : () => {};
  const poller = new SqsPoller(
    sqs,
    async () => (await import('../functions/run-workflows/run-workflows.handler.js')).handler as unknown as SqsHandler,
    {
      queueUrl: queue.url,
      queueArn: queue.arn,
      functionName: 'run-workflows',
      batchSize: WORKFLOW_BATCH_SIZE,
      concurrency: WORKFLOW_MAX_CONCURRENCY,
      timeoutMs: WORKFLOW_FUNCTION_TIMEOUT_S * 1000,
      region: opts.region,
      onError: opts.onError,
    },
  );
  const timer =
    opts.slaSweepMs === undefined
      ? undefined
      : setInterval(() => {
          import('../functions/sla-sweeper/sla-sweeper.handler.js')
            .then(({ handler }) => handler({}, lambdaContext('sla-sweeper', 60_000)))
            .catch(opts.onError);
        }, opts.slaSweepMs);
  timer?.unref();
  return {
    poller,
    stop: async () => {
      clearInterval(timer);
      unsubscribe();
      if (c.bus instanceof LocalEventBus) c.bus.close();
      await poller.stop();
    },
  };
}
