import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { EventBridgeEvent } from 'aws-lambda';
import { runWorkflows, type WorkflowRun } from '../../shared/app/run-workflows.use-case.js';
import { FEEDBACK_ANALYZED, FEEDBACK_RESOLVED, itemOfEvent } from '../../shared/domain/feedback-events.schema.js';
import { workflowDeps } from '../../shared/runtime/compose/workflow.js';
import { logger } from '../../shared/runtime/logger.js';
import { flushTelemetry } from '../../shared/runtime/telemetry.middleware.js';

const TRIGGERS: Record<string, 'analyzed' | 'resolved'> = { [FEEDBACK_ANALYZED]: 'analyzed', [FEEDBACK_RESOLVED]: 'resolved' };

/**
 * EventBridge rule target for `feedback.analyzed` and `feedback.resolved`: runs the response
 * workflows. A WorkflowRetryError (an action to retry) fails the invocation, so EventBridge
 * delivers the event again with backoff, then to the rule's DLQ.
 */
export const handler = middy<EventBridgeEvent<string, { id: string }>, WorkflowRun | undefined>()
  .use(injectLambdaContext(logger))
  .use(flushTelemetry())
  .handler(async (event) => {
    const trigger = TRIGGERS[event['detail-type']];
    if (!trigger || typeof event.detail?.id !== 'string') {
      logger.warn('event ignored', { detailType: event['detail-type'] });
      return undefined;
    }
    const item = trigger === 'analyzed' ? itemOfEvent(event.detail) : undefined;
    const run = await runWorkflows(workflowDeps(), { trigger, feedbackId: event.detail.id, ...(item && { item }) });
    logger.info('workflows ran', { feedbackId: event.detail.id, trigger, ...run });
    return run;
  });
