import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { EventBridgeEvent, S3Event } from 'aws-lambda';
import { ingestTranscript } from '../../shared/app/ingest-transcript.use-case.js';
import { isOuvidorError } from '../../shared/domain/errors.js';
import { feedbackStore } from '../../shared/runtime/compose/store.js';
import { feedbackQueue } from '../../shared/runtime/compose/sqs.js';
import { clock, log } from '../../shared/runtime/compose/basics.js';
import { telemetry } from '../../shared/runtime/compose/telemetry.js';
import { objectStore } from '../../shared/runtime/compose/objects.js';
import { logger } from '../../shared/runtime/logger.js';
import { flushTelemetry } from '../../shared/runtime/telemetry.middleware.js';
import { traceHandler } from '../../shared/runtime/tracing.js';

type ObjectCreated = EventBridgeEvent<'Object Created', { bucket: { name: string }; object: { key: string } }>;

/** The object keys of an S3 notification or of an EventBridge "Object Created" event. */
const keysOf = (event: S3Event | ObjectCreated): string[] =>
  'Records' in event
    ? event.Records.map((r) => decodeURIComponent(r.s3.object.key.replace(/\+/g, ' ')))
    : [event.detail.object.key];

/**
 * An object created under `transcripts/` (Transcribe, Call Analytics or Contact Lens output),
 * notified through EventBridge (or an S3 notification): read
 * the object and ingest it. A file that is not a transcript is logged and skipped (retrying cannot
 * fix it); anything else throws, so that Lambda retries the event.
 */
export const handler = middy<S3Event | ObjectCreated, void>()
  .use(injectLambdaContext(logger))
  .use(traceHandler())
  .use(flushTelemetry())
  .handler(async (event) => {
    const c = { store: feedbackStore(), queue: feedbackQueue(), clock: clock(), log: log(), telemetry: telemetry(), objects: objectStore() };
    for (const key of keysOf(event)) {
      const bytes = await c.objects.get(key);
      if (!bytes) {
        logger.warn('transcript object vanished', { key });
        continue;
      }
      try {
        const result = await ingestTranscript(c, { json: JSON.parse(new TextDecoder().decode(bytes)) as unknown, rawRef: key });
        logger.info('transcript ingested', { key, feedbackId: result.id, duplicate: result.replayed });
      } catch (error) {
        if (error instanceof SyntaxError || (isOuvidorError(error) && error.status < 500)) {
          logger.error('not a transcript; skipped', { key, error: (error as Error).message });
          continue;
        }
        throw error;
      }
    }
  });
