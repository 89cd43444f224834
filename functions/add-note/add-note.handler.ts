import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { addNote } from '../../shared/app/add-note.use-case.js';
import { NoteSchema } from '../../shared/domain/triage/triage.schema.js';
import { container } from '../../shared/runtime/container.js';
import { json, jsonErrors, readBody, requireRole, type HttpEvent, type HttpResult } from '../../shared/runtime/http.middleware.js';
import { logger } from '../../shared/runtime/logger.js';
import { actorOf, bodyOf, TRIAGE_MAX_BODY_BYTES } from '../../shared/runtime/triage-http.js';

/** POST /v1/feedback/{id}/notes `{text}` — an internal note on the timeline; 201 with the entry. */
export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(httpHeaderNormalizer())
  .use(jsonErrors(logger))
  .use(requireRole(() => container().verifier, ['admin', 'agent']))
  .use(readBody({ maxBytes: TRIAGE_MAX_BODY_BYTES, accept: ['json'] }))
  .handler(async (event) =>
    json(201, await addNote(container(), event.pathParameters?.id ?? '', bodyOf(event, NoteSchema), { actor: actorOf(event), isAdmin: event.principal?.roles.includes('admin') ?? false })),
  );
