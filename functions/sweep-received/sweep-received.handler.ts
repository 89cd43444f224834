import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { sweepReceived, type SweepResult } from '../../shared/app/sweep-received.use-case.js';
import { republishPendingEvents } from '../../shared/app/republish-events.use-case.js';
import { container } from '../../shared/runtime/container.js';
import { logger } from '../../shared/runtime/logger.js';
import { flushTelemetry } from '../../shared/runtime/telemetry.middleware.js';

/**
 * Scheduled: re-enqueue items accepted and still not analyzed after OUVIDOR_SWEEP_AFTER_SECONDS
 * (default 20 min: past SQS's own 5 receives × the queue's visibility timeout, so an item that SQS
 * is still retrying is not counted as lost).
 */
const olderThanMs = Number(process.env.OUVIDOR_SWEEP_AFTER_SECONDS ?? 1200) * 1000;

export const handler = middy<unknown, SweepResult & { republished: number }>()
  .use(injectLambdaContext(logger))
  .use(flushTelemetry())
  .handler(async () => {
    const swept = await sweepReceived(container(), { olderThanMs, maxSweeps: 3, countsAsRetry: true });
    // Resolutions whose event was saved but not confirmed published a minute ago.
    const republished = await republishPendingEvents(container(), { olderThanMs: 60_000 });
    return { ...swept, republished };
  });
