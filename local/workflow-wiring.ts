import type { EventBridgeEvent } from 'aws-lambda';
import { LocalEventBus } from './local-event-bus.adapter.js';
import type { DomainEvent } from '../shared/domain/feedback-events.schema.js';
import type { Container } from './container.js';
import { lambdaContext } from './lambda-context.js';

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

/**
 * What the EventBridge rules and the scheduler do on AWS: `feedback.analyzed` / `feedback.resolved`
 * to the workflow function (retried with backoff, as EventBridge retries a failed target), and the
 * SLA sweeper on a timer.
 */
export function wireWorkflows(c: Container, opts: { region: string; slaSweepMs: number; onError: (e: unknown) => void }): () => void {
  const unsubscribe =
    c.bus instanceof LocalEventBus
      ? c.bus.subscribe(
          async (event) => {
            const { handler } = await import('../functions/run-workflows/run-workflows.handler.js');
            await handler(toEventBridgeEvent(event, opts.region) as EventBridgeEvent<string, { id: string }>, lambdaContext('run-workflows', 30_000));
          },
          { attempts: 8, firstDelayMs: 1000 },
        )
      : () => {};
  const timer = setInterval(() => {
    import('../functions/sla-sweeper/sla-sweeper.handler.js')
      .then(({ handler }) => handler({}, lambdaContext('sla-sweeper', 60_000)))
      .catch(opts.onError);
  }, opts.slaSweepMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    unsubscribe();
    if (c.bus instanceof LocalEventBus) c.bus.close();
  };
}
