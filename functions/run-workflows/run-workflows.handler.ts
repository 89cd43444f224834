import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { runWorkflows, type WorkflowRun } from '../../shared/app/run-workflows.use-case.js';
import { FEEDBACK_ANALYZED, FEEDBACK_RESOLVED, itemOfEvent } from '../../shared/domain/feedback-events.schema.js';
import { WORKFLOW_MAX_RECEIVES } from '../../shared/runtime/processing.settings.js';
import { workflowDeps } from '../../shared/runtime/compose/workflow.js';
import { logger } from '../../shared/runtime/logger.js';
import { flushTelemetry } from '../../shared/runtime/telemetry.middleware.js';

const TRIGGERS: Record<string, 'analyzed' | 'resolved'> = { [FEEDBACK_ANALYZED]: 'analyzed', [FEEDBACK_RESOLVED]: 'resolved' };
const processor = new BatchProcessor(EventType.SQS);

/** The EventBridge event the rule's SQS target put in the message body (the whole event, its default input). */
function eventOf(record: SQSRecord): { detailType: string; detail: { id?: unknown } & Record<string, unknown> } {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    body = undefined;
  }
  const e = body as { 'detail-type'?: unknown; detail?: unknown } | undefined;
  if (typeof e?.['detail-type'] !== 'string' || typeof e.detail !== 'object' || e.detail === null) {
    // Never dropped: failing it sends it to the workflow DLQ (alarmed) after the last receive.
    throw new Error(`message ${record.messageId} is not an EventBridge event`);
  }
  return { detailType: e['detail-type'], detail: e.detail as { id?: unknown } };
}

const recordHandler = async (record: SQSRecord): Promise<WorkflowRun | undefined> => {
  const { detailType, detail } = eventOf(record);
  const trigger = TRIGGERS[detailType];
  if (!trigger || typeof detail.id !== 'string') {
    logger.warn('event ignored', { detailType });
    return undefined;
  }
  const item = trigger === 'analyzed' ? itemOfEvent(detail) : undefined;
  const delivery = { receive: Number(record.attributes.ApproximateReceiveCount) || 1, maxReceives: WORKFLOW_MAX_RECEIVES };
  const run = await runWorkflows(workflowDeps(), { trigger, feedbackId: detail.id, delivery, ...(item && { item }) });
  logger.info('workflows ran', { feedbackId: detail.id, trigger, receive: delivery.receive, ...run });
  return run;
};

/**
 * `feedback.analyzed` and `feedback.resolved`, from the EventBridge rule through the workflow queue:
 * runs the response workflows. A record whose run has an action to retry (WorkflowRetryError) or
 * that gave up on its last delivery is reported failed alone: SQS delivers it again after the
 * visibility timeout and, after the last receive, moves it to the workflow DLQ (alarmed).
 */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger))
  .use(flushTelemetry())
  .handler(async (event, context) => processPartialResponse(event, recordHandler, processor, { context }));
