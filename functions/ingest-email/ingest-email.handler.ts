import { ingestEmail } from '../../shared/app/ingest-email.use-case.js';
import { container } from '../../shared/runtime/container.js';
import { json, readBody } from '../../shared/runtime/http.middleware.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';

/** POST /v1/channels/email (admin or agent): a raw RFC 822 message (`message/rfc822`). */
export const handler = apiHandler(['admin', 'agent'])
  .use(readBody({ maxBytes: 5 * 1024 * 1024, accept: ['rfc822'] }))
  .handler(async (event) => {
    const body = event.parsedBody;
    const raw = body?.kind === 'rfc822' ? body.value : new Uint8Array();
    const result = await ingestEmail(container(), { raw, provider: 'api' });
    return json(202, { ...result, status: 'accepted' });
  });
