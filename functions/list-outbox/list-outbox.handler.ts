import { listOutbox } from '../../shared/app/list-outbox.use-case.js';
import { outboxStore } from '../../shared/runtime/compose/workflow-stores.js';
import { json } from '../../shared/runtime/http.middleware.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';

/** GET /v1/outbox?feedbackId=&limit=&cursor= — everything sent, newest first. */
export const handler = apiHandler(['admin', 'agent'])
  .handler(async (event) => json(200, await listOutbox({ outbox: outboxStore() }, event.queryStringParameters ?? {})));
