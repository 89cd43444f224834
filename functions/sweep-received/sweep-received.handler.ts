import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { sweepReceived, type SweepResult } from '../../shared/app/sweep-received.use-case.js';
import { container } from '../../shared/runtime/container.js';
import { logger } from '../../shared/runtime/logger.js';

/** Scheduled: re-enqueue items accepted more than 2 minutes ago and still not analyzed. */
export const handler = middy<unknown, SweepResult>()
  .use(injectLambdaContext(logger))
  .handler(() => sweepReceived(container(), { olderThanMs: 2 * 60_000, maxSweeps: 3, countsAsRetry: true }));
