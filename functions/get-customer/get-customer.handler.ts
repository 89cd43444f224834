import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { getCustomer } from '../../shared/app/get-customer.use-case.js';
import { container } from '../../shared/runtime/container.js';
import { json, jsonErrors, requireRole, type HttpEvent, type HttpResult } from '../../shared/runtime/http.middleware.js';
import { logger } from '../../shared/runtime/logger.js';

/** GET /v1/customers/{id}?limit=&cursor= — the profile and the customer's items, newest first. */
export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(httpHeaderNormalizer())
  .use(jsonErrors(logger))
  .use(requireRole(() => container().verifier, ['admin', 'agent']))
  .handler(async (event) => {
    const q = event.queryStringParameters ?? {};
    return json(200, await getCustomer(container(), event.pathParameters?.id ?? '', { limit: q.limit ? Number(q.limit) || 50 : 50, cursor: q.cursor }));
  });
