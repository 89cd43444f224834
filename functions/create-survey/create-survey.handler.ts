import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { createSurvey } from '../../shared/app/create-survey.use-case.js';
import { container } from '../../shared/runtime/container.js';
import { json, jsonErrors, readBody, requireRole, type HttpEvent, type HttpResult } from '../../shared/runtime/http.middleware.js';
import { logger } from '../../shared/runtime/logger.js';
import { publicBaseUrl } from '../../shared/runtime/survey-http.js';

/** POST /v1/surveys — an agent or admin creates an NPS/CSAT survey and gets its signed one-click link. */
export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(httpHeaderNormalizer())
  .use(jsonErrors(logger))
  .use(requireRole(() => container().verifier, ['admin', 'agent']))
  .use(readBody({ maxBytes: 16 * 1024, accept: ['json'] }))
  .handler(async (event) => {
    const c = container();
    const created = await createSurvey(c, event.parsedBody!.value, {
      publicBaseUrl: publicBaseUrl(event, c.config.OUVIDOR_PUBLIC_URL),
      ttlDays: c.config.OUVIDOR_SURVEY_TTL_DAYS,
      ...(event.principal && { createdBy: event.principal.sub }),
    });
    return json(201, { id: created.id, token: created.token, url: created.url, expiresAt: created.expiresAt });
  });
