import { listFeedback } from '../../shared/app/list-feedback.use-case.js';
import { feedbackListing } from '../../shared/runtime/compose/listing.js';
import { json } from '../../shared/runtime/http.middleware.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';

/** GET /v1/feedback?status=&priority=&…&sort=&limit=&cursor= — the triage inbox (admins and agents). */
export const handler = apiHandler(['admin', 'agent'])
  .handler(async (event) => json(200, await listFeedback({ listing: feedbackListing() }, event.queryStringParameters ?? {}, event.principal ?? { sub: '' })));
