import { addNote } from '../../shared/app/add-note.use-case.js';
import { NoteSchema } from '../../shared/domain/triage/triage.schema.js';
import { feedbackStore } from '../../shared/runtime/compose/store.js';
import { timelineStore } from '../../shared/runtime/compose/workflow-stores.js';
import { clock } from '../../shared/runtime/compose/basics.js';
import { json, readBody } from '../../shared/runtime/http.middleware.js';
import { actorOf, bodyOf, TRIAGE_MAX_BODY_BYTES } from '../../shared/runtime/triage-http.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';

/** POST /v1/feedback/{id}/notes `{text}` — an internal note on the timeline; 201 with the entry. */
export const handler = apiHandler(['admin', 'agent'])
  .use(readBody({ maxBytes: TRIAGE_MAX_BODY_BYTES, accept: ['json'] }))
  .handler(async (event) =>
    json(201, await addNote({ store: feedbackStore(), timeline: timelineStore(), clock: clock() }, event.pathParameters?.id ?? '', bodyOf(event, NoteSchema), { actor: actorOf(event), isAdmin: event.principal?.roles.includes('admin') ?? false })),
  );
