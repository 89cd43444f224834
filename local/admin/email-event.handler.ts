import { LocalEmailEventRequestSchema } from '../../shared/domain/email-suppression.schema.js';
import { NotFoundError } from '../../shared/domain/errors.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';
import { clock } from '../../shared/runtime/compose/basics.js';
import { sqsClient } from '../../shared/runtime/compose/sqs.js';
import { json, readBody } from '../../shared/runtime/http.middleware.js';
import { bodyOf } from '../../shared/runtime/triage-http.js';
import { queueSesEvent } from '../email-events-wiring.js';

/**
 * POST /v1/local/email-events `{type: bounce|complaint, address}` — admins, local runtime only
 * (`ouvidor email-event`): queues the SES event SNS would deliver, for the same `email-events`
 * handler to mark the address unreachable. 202 `{queued, sesMessageId}`.
 */
export const handler = apiHandler(['admin'])
  .use(readBody({ maxBytes: 1024, accept: ['json'] }))
  .handler(async (event) => {
    const queueUrl = process.env.OUVIDOR_EMAIL_EVENTS_QUEUE_URL;
    if (!queueUrl) throw new NotFoundError('Email events can be played in the local runtime only.');
    const request = bodyOf(event, LocalEmailEventRequestSchema);
    const sesMessageId = await queueSesEvent(sqsClient(), queueUrl, request, clock().now());
    return json(202, { queued: true, sesMessageId }, { 'cache-control': 'no-store' });
  });
