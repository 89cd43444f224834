import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { sweepSla, type SlaSweepResult } from '../../shared/app/sweep-sla.use-case.js';
import { workflowDeps } from '../../shared/runtime/compose/workflow.js';
import { logger } from '../../shared/runtime/logger.js';
import { flushTelemetry } from '../../shared/runtime/telemetry.middleware.js';
import { traceHandler } from '../../shared/runtime/tracing.js';

/** EventBridge Scheduler, every minute: warn about and escalate SLA deadlines that have come. */
export const handler = middy<unknown, SlaSweepResult>()
  .use(injectLambdaContext(logger))
  .use(traceHandler())
  .use(flushTelemetry())
  .handler(async () => {
    const result = await sweepSla(workflowDeps());
    if (result.warned + result.escalated + result.failed > 0) logger.info('sla sweep', { ...result });
    return result;
  });
