import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { listOutbox } from '../../shared/app/list-outbox.use-case.js';
import { container } from '../../shared/runtime/container.js';
import { json, jsonErrors, requireRole, type HttpEvent, type HttpResult } from '../../shared/runtime/http.middleware.js';
import { logger } from '../../shared/runtime/logger.js';

/** GET /v1/outbox?feedbackId=&limit=&cursor= — everything sent, newest first. */
export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(httpHeaderNormalizer())
  .use(jsonErrors(logger))
  .use(requireRole(() => container().verifier, ['admin', 'agent']))
  .handler(async (event) => json(200, await listOutbox(container(), event.queryStringParameters ?? {})));
