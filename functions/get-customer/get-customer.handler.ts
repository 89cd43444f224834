import { getCustomer } from '../../shared/app/get-customer.use-case.js';
import { customerStore } from '../../shared/runtime/compose/customers.js';
import { json } from '../../shared/runtime/http.middleware.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';

/** GET /v1/customers/{id}?limit=&cursor= — the profile and the customer's items, newest first. */
export const handler = apiHandler(['admin', 'agent'])
  .handler(async (event) => {
    const q = event.queryStringParameters ?? {};
    return json(200, await getCustomer({ customers: customerStore() }, event.pathParameters?.id ?? '', { limit: q.limit ? Number(q.limit) || 50 : 50, cursor: q.cursor }));
  });
