import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { processFeedback } from '../../shared/app/process-feedback.use-case.js';
import { parseProcessMessage } from '../../shared/domain/process-message.schema.js';
import { feedbackStore } from '../../shared/runtime/compose/store.js';
import { analyzer } from '../../shared/runtime/compose/analyzer.js';
import { eventBus } from '../../shared/runtime/compose/bus.js';
import { objectStore } from '../../shared/runtime/compose/objects.js';
import { customerStore } from '../../shared/runtime/compose/customers.js';
import { configStore } from '../../shared/runtime/compose/configs.js';
import { redactor } from '../../shared/runtime/compose/redactor.js';
import { clock, log } from '../../shared/runtime/compose/basics.js';
import { telemetry } from '../../shared/runtime/compose/telemetry.js';
import { logger } from '../../shared/runtime/logger.js';
import { flushTelemetry } from '../../shared/runtime/telemetry.middleware.js';
import { traceHandler } from '../../shared/runtime/tracing.js';

const processor = new BatchProcessor(EventType.SQS);

const recordHandler = async (record: SQSRecord): Promise<string> => {
  const message = parseProcessMessage(record.body);
  if (!message) {
    // A malformed message can never succeed: log it and let it go rather than loop to the DLQ.
    logger.error('malformed queue message dropped', { messageId: record.messageId });
    return 'malformed';
  }
  // The carried record spares a read on the first delivery only: a redelivery reads what is stored.
  const first = record.attributes.ApproximateReceiveCount === '1';
  const deps = { store: feedbackStore(), analyzer: analyzer(), bus: eventBus(), objects: objectStore(), customers: customerStore(), redactor: redactor(), configs: configStore(), clock: clock(), log: log(), telemetry: telemetry() };
  return processFeedback(deps, message.id, first ? message.item : undefined);
};

/** SQS → analyze → conditional write → feedback.analyzed; failed records are retried alone. */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger))
  .use(traceHandler())
  .use(flushTelemetry())
  .handler(async (event, context) => processPartialResponse(event, recordHandler, processor, { context }));
