import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { bulkTriage } from '../../shared/app/triage-feedback.use-case.js';
import { BulkTriageSchema } from '../../shared/domain/triage/triage.schema.js';
import { container } from '../../shared/runtime/container.js';
import { json, jsonErrors, readBody, requireRole, type HttpEvent, type HttpResult } from '../../shared/runtime/http.middleware.js';
import { logger } from '../../shared/runtime/logger.js';
import { actorOf, bodyOf, TRIAGE_MAX_BODY_BYTES } from '../../shared/runtime/triage-http.js';

/** POST /v1/feedback/bulk `{ids, changes}` — each item at its latest version; one result per id. */
export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(httpHeaderNormalizer())
  .use(jsonErrors(logger))
  .use(requireRole(() => container().verifier, ['admin', 'agent']))
  .use(readBody({ maxBytes: TRIAGE_MAX_BODY_BYTES, accept: ['json'] }))
  .handler(async (event) => {
    const { ids, changes } = bodyOf(event, BulkTriageSchema);
    return json(200, await bulkTriage(container(), ids, changes, actorOf(event)));
  });
