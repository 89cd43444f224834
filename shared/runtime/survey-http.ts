import type { SurveyAnswer, SurveyAnswered } from '../app/answer-survey.use-case.js';
import { isOuvidorError, MalformedBodyError } from '../domain/errors.js';
import type { Survey } from '../domain/survey.schema.js';
import { SurveyAnswerInvalidError, SurveyExpiredError, SurveyNotFoundError } from '../domain/survey.errors.js';
import type { Log } from '../ports/logger.port.js';
import { json, jsonErrors, type HttpEvent, type HttpResult } from './http.middleware.js';
import { surveyAnsweredPage, surveyErrorPage, surveyHtml, surveyInvalidAnswerPage, surveyLocale, surveyQuestionPage } from './survey.page.js';
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';

type HttpMiddleware = MiddlewareObj<HttpEvent, HttpResult, Error, Context>;

/**
 * Where customer-facing links point: OUVIDOR_PUBLIC_URL when set, else the host the request came
 * to (http for localhost and 127.x, https otherwise).
 */
export function publicBaseUrl(event: HttpEvent, configured: string | undefined): string {
  if (configured) return configured.replace(/\/+$/, '');
  const host = event.requestContext.domainName || event.headers?.host || 'localhost';
  const name = host.replace(/:\d+$/, '').toLowerCase();
  const local = name === 'localhost' || name.endsWith('.localhost') || /^127\./.test(name) || name === '[::1]';
  return `${local ? 'http' : 'https'}://${host}`;
}

/** Runs a middleware's `before` only for one HTTP method (e.g. body decoding for POST, not GET). */
export const forMethod = (method: string, mw: HttpMiddleware): HttpMiddleware => ({
  before: async (request) => {
    if (request.event.requestContext.http.method === method) await mw.before?.(request);
  },
});

const tokenOf = (event: HttpEvent) => event.pathParameters?.token ?? '';
/** GET (the one-click link) and form posts come from a browser and get pages; JSON gets JSON. */
const wantsPage = (event: HttpEvent) => event.requestContext.http.method === 'GET' || event.parsedBody?.kind === 'form';
const acceptLanguage = (event: HttpEvent) => event.headers?.['accept-language'];

/** The answer in a request: `?score=` of a GET, or the form/JSON fields `score` and `comment`. */
export function surveyAnswerOf(event: HttpEvent): SurveyAnswer {
  const token = tokenOf(event);
  const body = event.parsedBody;
  if (!body) return { token, score: event.queryStringParameters?.score };
  if (body.kind === 'form') return { token, score: body.value.get('score') ?? undefined, comment: body.value.get('comment') ?? undefined };
  const value = body.value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new MalformedBodyError('The body must be a JSON object: {"score": n, "comment": "..."}.');
  const { score, comment } = value as Record<string, unknown>;
  return { token, score, comment };
}

/** Whether a GET asks only to see the question (no `score` in the query). */
export const isQuestionRequest = (event: HttpEvent): boolean =>
  event.requestContext.http.method === 'GET' && event.queryStringParameters?.score === undefined;

export const surveyQuestionResponse = (event: HttpEvent, survey: Survey): HttpResult =>
  surveyHtml(200, surveyQuestionPage(surveyLocale(survey.language, acceptLanguage(event)), survey.type, tokenOf(event)));

export function surveyAnsweredResponse(event: HttpEvent, answered: SurveyAnswered, answer: SurveyAnswer): HttpResult {
  const { survey, rating, feedbackId } = answered;
  if (!wantsPage(event)) return json(200, { id: survey.id, score: rating.score, feedbackId });
  const commented = typeof answer.comment === 'string' && answer.comment.trim() !== '';
  const locale = surveyLocale(survey.language, acceptLanguage(event));
  return surveyHtml(200, surveyAnsweredPage(locale, survey.type, tokenOf(event), rating.score, commented));
}

/**
 * Errors of the survey link as pages for browsers (404 unknown link, 410 expired, 400 bad score or
 * comment, in the customer's language); everything else, and every JSON caller, as JSON errors.
 */
export const surveyErrors = (log: Log): HttpMiddleware => {
  const asJson = jsonErrors(log);
  return {
    onError: async (request) => {
      const e = request.error;
      const event = request.event;
      if (!wantsPage(event) || !isOuvidorError(e)) return asJson.onError?.(request);
      if (e instanceof SurveyNotFoundError || e instanceof SurveyExpiredError) {
        request.response = surveyHtml(e.status, surveyErrorPage(e instanceof SurveyExpiredError ? 'expired' : 'notFound', e.locale));
        return;
      }
      if (e instanceof SurveyAnswerInvalidError) {
        const answer = surveyAnswerOf(event);
        const fields = e.details.map((d) => d.field);
        const score = typeof answer.score === 'string' && /^\s*\d+\s*$/.test(answer.score) ? Number(answer.score) : undefined;
        const given = { ...(score !== undefined && { score }), ...(typeof answer.comment === 'string' && { comment: answer.comment }) };
        const page = surveyInvalidAnswerPage(e.locale ?? surveyLocale(undefined, acceptLanguage(event)), e.surveyType, tokenOf(event), fields, given);
        request.response = surveyHtml(400, page);
        return;
      }
      return asJson.onError?.(request);
    },
  };
};
