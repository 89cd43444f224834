import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { sweepReceived, type SweepResult } from '../../shared/app/sweep-received.use-case.js';
import { republishPendingEvents } from '../../shared/app/republish-events.use-case.js';
import { feedbackStore } from '../../shared/runtime/compose/store.js';
import { feedbackQueue } from '../../shared/runtime/compose/sqs.js';
import { eventBus } from '../../shared/runtime/compose/bus.js';
import { clock, log } from '../../shared/runtime/compose/basics.js';
import { telemetry } from '../../shared/runtime/compose/telemetry.js';
import { logger } from '../../shared/runtime/logger.js';
import { flushTelemetry } from '../../shared/runtime/telemetry.middleware.js';
import { traceHandler } from '../../shared/runtime/tracing.js';

/**
 * Scheduled: re-enqueue items accepted and still not analyzed after OUVIDOR_SWEEP_AFTER_SECONDS
 * (default 20 min: past SQS's own 5 receives × the queue's visibility timeout, so an item that SQS
 * is still retrying is not counted as lost).
 */
const olderThanMs = Number(process.env.OUVIDOR_SWEEP_AFTER_SECONDS ?? 1200) * 1000;

export const handler = middy<unknown, SweepResult & { republished: number }>()
  .use(injectLambdaContext(logger))
  .use(traceHandler())
  .use(flushTelemetry())
  .handler(async () => {
    const c = { store: feedbackStore(), queue: feedbackQueue(), bus: eventBus(), clock: clock(), log: log(), telemetry: telemetry() };
    const swept = await sweepReceived(c, { olderThanMs, maxSweeps: 3, countsAsRetry: true });
    // Resolutions whose event was saved but not confirmed published a minute ago.
    const republished = await republishPendingEvents(c, { olderThanMs: 60_000 });
    return { ...swept, republished };
  });
