import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { recordEmailEvent } from '../../shared/app/record-email-event.use-case.js';
import { MalformedSesEventError, parseSesDeliveryEvent } from '../../shared/domain/email-suppression.schema.js';
import { clock, log } from '../../shared/runtime/compose/basics.js';
import { customerStore } from '../../shared/runtime/compose/customers.js';
import { suppressionStore } from '../../shared/runtime/compose/suppressions.js';
import { logger } from '../../shared/runtime/logger.js';
import { flushTelemetry } from '../../shared/runtime/telemetry.middleware.js';
import { traceHandler } from '../../shared/runtime/tracing.js';

const processor = new BatchProcessor(EventType.SQS);

const recordHandler = async (record: SQSRecord): Promise<string> => {
  const at = new Date(Number(record.attributes.SentTimestamp) || clock().now().getTime()).toISOString();
  let event;
  try {
    event = parseSesDeliveryEvent(record.body, at);
  } catch (error) {
    // Not an SES event: it can never succeed. Fail it so it ends in the DLQ (alarmed), kept for a look.
    if (error instanceof MalformedSesEventError) logger.error('not an SES bounce/complaint event', { messageId: record.messageId, reason: error.message });
    throw error;
  }
  const outcome = await recordEmailEvent({ suppressions: suppressionStore(), customers: customerStore(), clock: clock(), log: log() }, event);
  return outcome.ignored ?? `suppressed ${outcome.suppressed.length}`;
};

/** SES bounces and complaints (configuration set → SNS → SQS): the addresses become unreachable; failed records are retried alone. */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger))
  .use(traceHandler())
  .use(flushTelemetry())
  .handler(async (event, context) => processPartialResponse(event, recordHandler, processor, { context }));
