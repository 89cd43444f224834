import { getFeedback } from '../../shared/app/get-feedback.use-case.js';
import { feedbackStore } from '../../shared/runtime/compose/store.js';
import { threadStore } from '../../shared/runtime/compose/threads.js';
import { actionLog, timelineStore } from '../../shared/runtime/compose/workflow-stores.js';
import { customerStore } from '../../shared/runtime/compose/customers.js';
import { json } from '../../shared/runtime/http.middleware.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';

/** GET /v1/feedback/{id} — admins and agents. */
export const handler = apiHandler(['admin', 'agent'])
  .handler(async (event) => json(200, await getFeedback({ store: feedbackStore(), threads: threadStore(), timeline: timelineStore(), actions: actionLog(), customers: customerStore() }, event.pathParameters?.id ?? '', event.principal ?? { roles: [] })));
