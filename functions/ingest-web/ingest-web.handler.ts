import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { ingestFeedback } from '../../shared/app/ingest-feedback.use-case.js';
import { ulid } from 'ulid';
import { formToFeedbackInput } from '../../shared/domain/feedback-input.schema.js';
import { honeypotValue, withoutHoneypot } from '../../shared/domain/honeypot.js';
import { config } from '../../shared/runtime/config.js';
import { cors, parseOrigins } from '../../shared/runtime/cors.middleware.js';
import { feedbackStore } from '../../shared/runtime/compose/store.js';
import { feedbackQueue } from '../../shared/runtime/compose/sqs.js';
import { clock, log } from '../../shared/runtime/compose/basics.js';
import { telemetry } from '../../shared/runtime/compose/telemetry.js';
import { html, json, jsonErrors, readBody, type HttpEvent, type HttpResult } from '../../shared/runtime/http.middleware.js';
import { logger } from '../../shared/runtime/logger.js';
import { flushTelemetry } from '../../shared/runtime/telemetry.middleware.js';
import { thankYouPage, wantsHtml } from '../../shared/runtime/thank-you.page.js';
import { traceHandler } from '../../shared/runtime/tracing.js';

/**
 * POST /v1/feedback — the web form, widget and API channel. Public; cross-origin from the
 * `OUVIDOR_CORS_ORIGINS` allowlist (OPTIONS preflight answered here locally). A filled honeypot
 * (`website`) gets a plausible 202 and nothing is stored or queued.
 */
export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(traceHandler())
  .use(flushTelemetry())
  .use(httpHeaderNormalizer())
  .use(cors({ origins: () => parseOrigins(config().OUVIDOR_CORS_ORIGINS), methods: ['POST'] }))
  .use(jsonErrors(logger))
  .use(readBody({ maxBytes: Number(process.env.OUVIDOR_MAX_BODY_BYTES ?? 256 * 1024), accept: ['json', 'form'] }))
  .handler(async (event) => {
    const parsed = event.parsedBody!;
    const isForm = parsed.kind === 'form';
    if (honeypotValue(parsed.value) !== '') {
      const id = ulid();
      logger.info('honeypot filled: answered without storing');
      if (isForm && wantsHtml(event.headers.accept)) return html(202, thankYouPage(id, undefined, event.headers['accept-language']));
      return json(202, { id, status: 'accepted' }, { location: `/v1/feedback/${id}` });
    }
    const key = event.headers['idempotency-key']?.trim();
    const result = await ingestFeedback({ store: feedbackStore(), queue: feedbackQueue(), clock: clock(), log: log(), telemetry: telemetry() }, {
      body: isForm ? formToFeedbackInput(parsed.value) : withoutHoneypot(parsed.value),
      channel: isForm ? 'web' : 'api',
      source: { provider: isForm ? 'web-form' : 'api', ...(key && { externalId: key }) },
      ...(key && { idempotencyKey: key }),
    });
    if (isForm && wantsHtml(event.headers.accept)) {
      return html(202, thankYouPage(result.id, result.input.language, event.headers['accept-language']));
    }
    return json(202, { id: result.id, status: result.status }, { location: `/v1/feedback/${result.id}` });
  });
