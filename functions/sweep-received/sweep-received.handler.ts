import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { sweepReceived, type SweepResult } from '../../shared/app/sweep-received.use-case.js';
import { container } from '../../shared/runtime/container.js';
import { logger } from '../../shared/runtime/logger.js';

/**
 * Scheduled: re-enqueue items accepted and still not analyzed after OUVIDOR_SWEEP_AFTER_SECONDS
 * (default 20 min: past SQS's own 5 receives × the queue's visibility timeout, so an item that SQS
 * is still retrying is not counted as lost).
 */
const olderThanMs = Number(process.env.OUVIDOR_SWEEP_AFTER_SECONDS ?? 1200) * 1000;

export const handler = middy<unknown, SweepResult>()
  .use(injectLambdaContext(logger))
  .handler(() => sweepReceived(container(), { olderThanMs, maxSweeps: 3, countsAsRetry: true }));
