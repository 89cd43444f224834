import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { SESEvent } from 'aws-lambda';
import { ingestEmail } from '../../shared/app/ingest-email.use-case.js';
import { isOuvidorError } from '../../shared/domain/errors.js';
import { feedbackStore } from '../../shared/runtime/compose/store.js';
import { feedbackQueue } from '../../shared/runtime/compose/sqs.js';
import { clock, log } from '../../shared/runtime/compose/basics.js';
import { telemetry } from '../../shared/runtime/compose/telemetry.js';
import { objectStore } from '../../shared/runtime/compose/objects.js';
import { threadStore } from '../../shared/runtime/compose/threads.js';
import { redactor } from '../../shared/runtime/compose/redactor.js';
import { emailParser } from '../../shared/runtime/compose/email-parser.js';
import { logger } from '../../shared/runtime/logger.js';
import { flushTelemetry } from '../../shared/runtime/telemetry.middleware.js';
import { traceHandler } from '../../shared/runtime/tracing.js';

/** Where the SES receipt rule's S3 action puts raw messages (object key = prefix + SES message id). */
export const INBOUND_EMAIL_PREFIX = process.env.OUVIDOR_INBOUND_EMAIL_PREFIX ?? 'inbound/email/';

/**
 * SES receipt rule, Lambda action (after the S3 action stored the message): the event carries the
 * headers and verdicts but no body, so the raw message is read from the bucket. A message that
 * cannot be parsed is logged and skipped; anything else throws, so that Lambda retries.
 */
export const handler = middy<SESEvent, void>()
  .use(injectLambdaContext(logger))
  .use(traceHandler())
  .use(flushTelemetry())
  .handler(async (event) => {
    const c = { store: feedbackStore(), queue: feedbackQueue(), clock: clock(), log: log(), telemetry: telemetry(), objects: objectStore(), threads: threadStore(), redactor: redactor(), parseEmail: emailParser() };
    for (const record of event.Records) {
      const { mail, receipt } = record.ses;
      const key = `${INBOUND_EMAIL_PREFIX}${mail.messageId}`;
      const raw = await c.objects.get(key);
      if (!raw) throw new Error(`raw message ${key} not found (yet); retrying`);
      try {
        const result = await ingestEmail(c, {
          raw,
          provider: 'ses',
          rawRef: key,
          verdicts: { spam: receipt.spamVerdict?.status, virus: receipt.virusVerdict?.status },
        });
        logger.info('email ingested', { sesMessageId: mail.messageId, outcome: result.outcome, feedbackId: result.id });
      } catch (error) {
        if (isOuvidorError(error) && error.status < 500) {
          logger.error('unreadable email skipped', { sesMessageId: mail.messageId, error: error.message });
          continue;
        }
        throw error;
      }
    }
  });
