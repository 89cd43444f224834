import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { MalformedBodyError, OuvidorError, ValidationError } from '../domain/errors.js';
import { toErrorDetails } from '../domain/feedback-input.schema.js';
import { VersionConflictError } from '../domain/triage/triage.errors.js';
import { json, type HttpEvent, type HttpResult } from './http.middleware.js';

/** The triage routes' HTTP details: JSON bodies checked with zod, If-Match, and 409s that carry the current version. */

export const TRIAGE_MAX_BODY_BYTES = 64 * 1024;

/** The JSON body, validated (400 naming each field). Requires `readBody({accept: ['json']})` before. */
export function bodyOf<S extends z.ZodType>(event: HttpEvent, schema: S): z.output<S> {
  const body = event.parsedBody;
  if (body?.kind !== 'json' || !body.value || typeof body.value !== 'object' || Array.isArray(body.value)) throw new MalformedBodyError('The body must be a JSON object.');
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) throw new ValidationError('Invalid request body.', toErrorDetails(parsed.error));
  return parsed.data;
}

export class PreconditionRequiredError extends OuvidorError {
  constructor(options?: { cause?: unknown }) {
    super(428, 'precondition_required', 'Send the version you changed: an If-Match header (or `version` in the body).', {
      ...options,
      details: [{ field: 'If-Match', message: 'required' }],
    });
  }
}

/** The expected version: `If-Match: 3` (also `"3"` or `W/"3"`), else the body's `version`. */
export function expectedVersionOf(event: HttpEvent, bodyVersion: number | undefined): number {
  const header = event.headers?.['if-match'];
  if (header !== undefined) {
    const m = /^\s*(?:W\/)?"?(\d{1,12})"?\s*$/.exec(header);
    if (!m) throw new ValidationError('If-Match must be the item version.', [{ field: 'If-Match', message: 'expected a version number, e.g. If-Match: 3' }]);
    return Number(m[1]);
  }
  if (bodyVersion !== undefined) return bodyVersion;
  throw new PreconditionRequiredError();
}

/** A version conflict answers 409 with `currentVersion` beside the usual error. Use after `jsonErrors`. */
export const versionConflicts = (): MiddlewareObj<HttpEvent, HttpResult, Error, Context> => ({
  onError: async (request) => {
    const e = request.error;
    if (!(e instanceof VersionConflictError)) return undefined;
    return json(409, { error: { code: e.code, message: e.message, details: e.details }, currentVersion: e.currentVersion }, { etag: `"${e.currentVersion}"` });
  },
});

export const actorOf = (event: HttpEvent): string => `agent:${event.principal?.sub ?? 'unknown'}`;
