import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { createUser, listUsers } from '../../shared/app/users.use-case.js';
import { container } from '../../shared/runtime/container.js';
import { json, jsonErrors, readBody, requireRole, type HttpEvent, type HttpResult } from '../../shared/runtime/http.middleware.js';
import { logger } from '../../shared/runtime/logger.js';

const body = readBody({ maxBytes: 16 * 1024, accept: ['json'] });

/**
 * GET|POST /v1/users — admins only. Cognito on AWS (the new user gets an invitation email), the
 * table locally (the answer carries the generated password, once).
 */
export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(httpHeaderNormalizer())
  .use(jsonErrors(logger))
  .use(requireRole(() => container().verifier, ['admin']))
  .before(async (request) => {
    if (request.event.requestContext.http.method === 'POST') await body.before!(request);
  })
  .handler(async (event) => {
    const c = container();
    if (event.requestContext.http.method === 'GET') return json(200, await listUsers(c));
    const created = await createUser(c, event.parsedBody?.value);
    return json(201, created, { location: `/v1/users/${encodeURIComponent(created.user.email)}`, 'cache-control': 'no-store' });
  });
