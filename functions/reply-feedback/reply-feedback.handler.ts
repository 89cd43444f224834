import { replyToFeedback } from '../../shared/app/reply-feedback.use-case.js';
import { ReplySchema } from '../../shared/domain/triage/triage.schema.js';
import { customerMessenger } from '../../shared/runtime/compose/outbound.js';
import { suppressionStore } from '../../shared/runtime/compose/suppressions.js';
import { actionLog, outboxStore, timelineStore } from '../../shared/runtime/compose/workflow-stores.js';
import { threadStore } from '../../shared/runtime/compose/threads.js';
import { feedbackStore } from '../../shared/runtime/compose/store.js';
import { clock } from '../../shared/runtime/compose/basics.js';
import { telemetry } from '../../shared/runtime/compose/telemetry.js';
import { json, readBody } from '../../shared/runtime/http.middleware.js';
import { actorOf, bodyOf, TRIAGE_MAX_BODY_BYTES } from '../../shared/runtime/triage-http.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';

/** POST /v1/feedback/{id}/replies `{text, cannedReplyId?}` — 201 `{outboxId, status}`; `Idempotency-Key` makes a retry send nothing new. */
export const handler = apiHandler(['admin', 'agent'])
  .use(readBody({ maxBytes: TRIAGE_MAX_BODY_BYTES, accept: ['json'] }))
  .handler(async (event) => {
    const key = event.headers['idempotency-key']?.trim() || undefined;
    return json(201, await replyToFeedback({ messenger: customerMessenger(), suppressions: suppressionStore(), outbox: outboxStore(), threads: threadStore(), timeline: timelineStore(), store: feedbackStore(), actions: actionLog(), clock: clock(), telemetry: telemetry() }, event.pathParameters?.id ?? '', bodyOf(event, ReplySchema), actorOf(event), key));
  });
