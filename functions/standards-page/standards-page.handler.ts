import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { standardsPage } from '../../shared/app/standards-page.use-case.js';
import { configStore } from '../../shared/runtime/compose/configs.js';
import { metricsStore } from '../../shared/runtime/compose/metrics.js';
import { clock } from '../../shared/runtime/compose/basics.js';
import { jsonErrors, type HttpEvent, type HttpResult } from '../../shared/runtime/http.middleware.js';
import { logger } from '../../shared/runtime/logger.js';
import { standardsHtml, standardsLocale, standardsPageHtml } from '../../shared/runtime/standards.page.js';
import { traceHandler } from '../../shared/runtime/tracing.js';

/**
 * GET /standards — public (no login): the service standards (hours, holidays, promised times per
 * channel and priority) and the actual median first response of the last 30 days, from the
 * metrics aggregates. `?lang=pt-BR|en`, else Accept-Language, else pt-BR; another `lang` is a 400.
 */
export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(traceHandler())
  .use(httpHeaderNormalizer())
  .use(jsonErrors(logger))
  .handler(async (event) => {
    const locale = standardsLocale(event.queryStringParameters?.lang, event.headers?.['accept-language']);
    return standardsHtml(locale, standardsPageHtml(locale, await standardsPage({ configs: configStore(), metrics: metricsStore(), clock: clock() })));
  });
