import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { getFeedback } from '../../shared/app/get-feedback.use-case.js';
import { container } from '../../shared/runtime/container.js';
import { json, jsonErrors, requireRole, type HttpEvent, type HttpResult } from '../../shared/runtime/http.middleware.js';
import { logger } from '../../shared/runtime/logger.js';

/** GET /v1/feedback/{id} — admins and agents. */
export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(httpHeaderNormalizer())
  .use(jsonErrors(logger))
  .use(requireRole(() => container().verifier, ['admin', 'agent']))
  .handler(async (event) => json(200, await getFeedback(container(), event.pathParameters?.id ?? '', event.principal ?? { roles: [] })));
