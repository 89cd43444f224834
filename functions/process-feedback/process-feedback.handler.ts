import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { processFeedback } from '../../shared/app/process-feedback.use-case.js';
import { parseProcessMessage } from '../../shared/domain/process-message.schema.js';
import { container } from '../../shared/runtime/container.js';
import { logger } from '../../shared/runtime/logger.js';
import { flushTelemetry } from '../../shared/runtime/telemetry.middleware.js';

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
  return processFeedback(container(), message.id, first ? message.item : undefined);
};

/** SQS → analyze → conditional write → feedback.analyzed; failed records are retried alone. */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger))
  .use(flushTelemetry())
  .handler(async (event, context) => processPartialResponse(event, recordHandler, processor, { context }));
