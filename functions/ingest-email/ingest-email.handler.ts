import { ingestEmail } from '../../shared/app/ingest-email.use-case.js';
import { feedbackStore } from '../../shared/runtime/compose/store.js';
import { feedbackQueue } from '../../shared/runtime/compose/sqs.js';
import { clock, log } from '../../shared/runtime/compose/basics.js';
import { telemetry } from '../../shared/runtime/compose/telemetry.js';
import { objectStore } from '../../shared/runtime/compose/objects.js';
import { threadStore } from '../../shared/runtime/compose/threads.js';
import { redactor } from '../../shared/runtime/compose/redactor.js';
import { emailParser } from '../../shared/runtime/compose/email-parser.js';
import { json, readBody } from '../../shared/runtime/http.middleware.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';

/** POST /v1/channels/email (admin or agent): a raw RFC 822 message (`message/rfc822`). */
export const handler = apiHandler(['admin', 'agent'])
  .use(readBody({ maxBytes: 5 * 1024 * 1024, accept: ['rfc822'] }))
  .handler(async (event) => {
    const body = event.parsedBody;
    const raw = body?.kind === 'rfc822' ? body.value : new Uint8Array();
    const result = await ingestEmail({ store: feedbackStore(), queue: feedbackQueue(), clock: clock(), log: log(), telemetry: telemetry(), objects: objectStore(), threads: threadStore(), redactor: redactor(), parseEmail: emailParser() }, { raw, provider: 'api' });
    return json(202, { ...result, status: 'accepted' });
  });
