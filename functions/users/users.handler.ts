import { createUser, listUsers } from '../../shared/app/users.use-case.js';
import { userDirectory } from '../../shared/runtime/compose/users.js';
import { clock } from '../../shared/runtime/compose/basics.js';
import { json, readBody } from '../../shared/runtime/http.middleware.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';

const body = readBody({ maxBytes: 16 * 1024, accept: ['json'] });

/**
 * GET|POST /v1/users — admins only. Cognito on AWS (the new user gets an invitation email), the
 * table locally (the answer carries the generated password, once).
 */
export const handler = apiHandler(['admin'])
  .before(async (request) => {
    if (request.event.requestContext.http.method === 'POST') await body.before!(request);
  })
  .handler(async (event) => {
    const c = { users: userDirectory(), clock: clock() };
    if (event.requestContext.http.method === 'GET') return json(200, await listUsers(c));
    const created = await createUser(c, event.parsedBody?.value);
    return json(201, created, { location: `/v1/users/${encodeURIComponent(created.user.email)}`, 'cache-control': 'no-store' });
  });
