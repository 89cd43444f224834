import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { getOriginal } from '../../shared/app/get-original.use-case.js';
import { container } from '../../shared/runtime/container.js';
import { json, jsonErrors, requireRole, type HttpEvent, type HttpResult } from '../../shared/runtime/http.middleware.js';
import { logger } from '../../shared/runtime/logger.js';

/** GET /v1/feedback/{id}/original — the unredacted text; admins only, every read logged. */
export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(httpHeaderNormalizer())
  .use(jsonErrors(logger))
  .use(requireRole(() => container().verifier, ['admin']))
  .handler(async (event) => {
    const id = event.pathParameters?.id ?? '';
    const original = await getOriginal(container(), id);
    logger.info('original read', { feedbackId: id, by: event.principal?.sub });
    return json(200, original, { 'cache-control': 'no-store' });
  });
