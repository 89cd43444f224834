import { createCannedReply, deleteCannedReply, listCannedReplies, updateCannedReply } from '../../shared/app/canned-replies.use-case.js';
import { ForbiddenError, OuvidorError } from '../../shared/domain/errors.js';
import { cannedReplyStore } from '../../shared/runtime/compose/canned-replies.js';
import { clock } from '../../shared/runtime/compose/basics.js';
import { json, readBody } from '../../shared/runtime/http.middleware.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';

class PreconditionRequiredError extends OuvidorError {
  constructor() {
    super(428, 'precondition_required', 'Send If-Match with the version you read.');
  }
}

const body = readBody({ maxBytes: 64 * 1024, accept: ['json'] });

/**
 * GET /v1/canned-replies (admin, agent; `?locale=pt-BR|en`), POST (admin, 201),
 * PUT /v1/canned-replies/{id} (admin, `If-Match: <version>`, 409 when it moved on), DELETE (admin, 204).
 */
export const handler = apiHandler(['admin', 'agent'])
  .before(async (request) => {
    const method = request.event.requestContext.http.method;
    if (method !== 'GET' && !request.event.principal?.roles.includes('admin')) throw new ForbiddenError('Only admins manage canned replies.');
    if (method === 'POST' || method === 'PUT') await body.before!(request);
  })
  .handler(async (event) => {
    const c = { cannedReplies: cannedReplyStore(), clock: clock() };
    const by = event.principal?.sub ?? 'admin';
    const id = event.pathParameters?.id ?? '';
    switch (event.requestContext.http.method) {
      case 'GET':
        return json(200, await listCannedReplies(c, { locale: event.queryStringParameters?.locale }));
      case 'POST': {
        const reply = await createCannedReply(c, event.parsedBody?.value, by);
        return json(201, reply, { location: `/v1/canned-replies/${reply.id}`, etag: `"${reply.version}"` });
      }
      case 'PUT': {
        const ifMatch = event.headers['if-match']?.replace(/"/g, '').trim();
        if (ifMatch === undefined || !/^\d+$/.test(ifMatch)) throw new PreconditionRequiredError();
        const reply = await updateCannedReply(c, id, event.parsedBody?.value, Number(ifMatch), by);
        return json(200, reply, { etag: `"${reply.version}"` });
      }
      default:
        await deleteCannedReply(c, id);
        return { statusCode: 204, headers: {} };
    }
  });
