import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { answerSurvey, openSurvey } from '../../shared/app/answer-survey.use-case.js';
import { feedbackStore } from '../../shared/runtime/compose/store.js';
import { feedbackQueue } from '../../shared/runtime/compose/sqs.js';
import { clock, log } from '../../shared/runtime/compose/basics.js';
import { telemetry } from '../../shared/runtime/compose/telemetry.js';
import { surveyStore } from '../../shared/runtime/compose/surveys.js';
import { surveyTokens } from '../../shared/runtime/compose/survey-tokens.js';
import { readBody, type HttpEvent, type HttpResult } from '../../shared/runtime/http.middleware.js';
import { logger } from '../../shared/runtime/logger.js';
import { flushTelemetry } from '../../shared/runtime/telemetry.middleware.js';
import { traceHandler } from '../../shared/runtime/tracing.js';
import {
  forMethod,
  isQuestionRequest,
  surveyAnsweredResponse,
  surveyAnswerOf,
  surveyErrors,
  surveyQuestionResponse,
} from '../../shared/runtime/survey-http.js';

/**
 * GET /v1/surveys/{token}[?score=N] and POST /v1/surveys/{token} — public: the signed link is the
 * credential. GET shows the question or records a one-click score; POST records score and comment
 * (a form gets a page, JSON gets JSON).
 */
export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(traceHandler())
  .use(flushTelemetry())
  .use(httpHeaderNormalizer())
  .use(surveyErrors(logger))
  .use(forMethod('POST', readBody({ maxBytes: 64 * 1024, accept: ['form', 'json'] })))
  .handler(async (event) => {
    const deps = { store: feedbackStore(), queue: feedbackQueue(), clock: clock(), log: log(), telemetry: telemetry(), surveys: surveyStore(), surveyTokens: surveyTokens() };
    if (isQuestionRequest(event)) return surveyQuestionResponse(event, await openSurvey(deps, event.pathParameters?.token ?? ''));
    const answer = surveyAnswerOf(event);
    return surveyAnsweredResponse(event, await answerSurvey(deps, answer), answer);
  });
