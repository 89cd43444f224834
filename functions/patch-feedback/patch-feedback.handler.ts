import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { triageFeedback } from '../../shared/app/triage-feedback.use-case.js';
import { PatchFeedbackSchema } from '../../shared/domain/triage/triage.schema.js';
import { feedbackStore } from '../../shared/runtime/compose/store.js';
import { timelineStore } from '../../shared/runtime/compose/workflow-stores.js';
import { configStore } from '../../shared/runtime/compose/configs.js';
import { eventBus } from '../../shared/runtime/compose/bus.js';
import { clock, log } from '../../shared/runtime/compose/basics.js';
import { telemetry } from '../../shared/runtime/compose/telemetry.js';
import { tokenVerifier } from '../../shared/runtime/compose/verifier.js';
import { json, jsonErrors, readBody, requireRole, type HttpEvent, type HttpResult } from '../../shared/runtime/http.middleware.js';
import { logger } from '../../shared/runtime/logger.js';
import { flushTelemetry } from '../../shared/runtime/telemetry.middleware.js';
import { actorOf, bodyOf, expectedVersionOf, TRIAGE_MAX_BODY_BYTES, versionConflicts } from '../../shared/runtime/triage-http.js';
import { traceHandler } from '../../shared/runtime/tracing.js';

/** PATCH /v1/feedback/{id} `{status?, priority?, assignee?, labels?}` with If-Match — admins and agents. */
export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(traceHandler())
  .use(flushTelemetry())
  .use(httpHeaderNormalizer())
  .use(jsonErrors(logger))
  .use(versionConflicts())
  .use(requireRole(tokenVerifier, ['admin', 'agent']))
  .use(readBody({ maxBytes: TRIAGE_MAX_BODY_BYTES, accept: ['json'] }))
  .handler(async (event) => {
    const { version, ...changes } = bodyOf(event, PatchFeedbackSchema);
    const expectedVersion = expectedVersionOf(event, version);
    const fb = await triageFeedback({ store: feedbackStore(), timeline: timelineStore(), configs: configStore(), bus: eventBus(), clock: clock(), log: log(), telemetry: telemetry() }, event.pathParameters?.id ?? '', changes, { expectedVersion, actor: actorOf(event) });
    return json(200, fb, { etag: `"${fb.version}"` });
  });
