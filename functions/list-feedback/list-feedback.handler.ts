import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { listFeedback } from '../../shared/app/list-feedback.use-case.js';
import { container } from '../../shared/runtime/container.js';
import { json, jsonErrors, requireRole, type HttpEvent, type HttpResult } from '../../shared/runtime/http.middleware.js';
import { logger } from '../../shared/runtime/logger.js';

/** GET /v1/feedback?status=&priority=&…&sort=&limit=&cursor= — the triage inbox (admins and agents). */
export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(httpHeaderNormalizer())
  .use(jsonErrors(logger))
  .use(requireRole(() => container().verifier, ['admin', 'agent']))
  .handler(async (event) => json(200, await listFeedback(container(), event.queryStringParameters ?? {}, event.principal ?? { sub: '' })));
