import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { jsonErrors, json, type HttpEvent, type HttpResult } from '../../shared/runtime/http.middleware.js';
import { logger } from '../../shared/runtime/logger.js';
import { openApiDocument } from '../../shared/runtime/openapi/openapi.document.js';
import { traceHandler } from '../../shared/runtime/tracing.js';

let cached: object | undefined;

/** GET /v1/openapi.json — the OpenAPI 3.1 document of the whole HTTP API. Public. */
export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(traceHandler())
  .use(jsonErrors(logger))
  .handler(async () => {
    cached ??= openApiDocument();
    return json(200, cached, { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' });
  });
