import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { S3Event } from 'aws-lambda';
import { ingestTranscript } from '../../shared/app/ingest-transcript.use-case.js';
import { isOuvidorError } from '../../shared/domain/errors.js';
import { container } from '../../shared/runtime/container.js';
import { logger } from '../../shared/runtime/logger.js';

/**
 * S3 ObjectCreated under `transcripts/` (Transcribe, Call Analytics or Contact Lens output): read
 * the object and ingest it. A file that is not a transcript is logged and skipped (retrying cannot
 * fix it); anything else throws, so that Lambda retries the event.
 */
export const handler = middy<S3Event, void>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const c = container();
    for (const record of event.Records) {
      const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
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
