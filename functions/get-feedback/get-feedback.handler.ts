import { getFeedback } from '../../shared/app/get-feedback.use-case.js';
import { container } from '../../shared/runtime/container.js';
import { json } from '../../shared/runtime/http.middleware.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';

/** GET /v1/feedback/{id} — admins and agents. */
export const handler = apiHandler(['admin', 'agent'])
  .handler(async (event) => json(200, await getFeedback(container(), event.pathParameters?.id ?? '', event.principal ?? { roles: [] })));
