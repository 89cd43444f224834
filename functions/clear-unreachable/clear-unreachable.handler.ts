import { clearUnreachable } from '../../shared/app/clear-unreachable.use-case.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';
import { log } from '../../shared/runtime/compose/basics.js';
import { customerStore } from '../../shared/runtime/compose/customers.js';
import { suppressionStore } from '../../shared/runtime/compose/suppressions.js';
import { json } from '../../shared/runtime/http.middleware.js';
import { actorOf } from '../../shared/runtime/triage-http.js';

/** DELETE /v1/customers/{id}/unreachable/{address} — 200 with the profile: emails go to that address again. */
export const handler = apiHandler(['admin', 'agent']).handler(async (event) =>
  json(200, {
    profile: await clearUnreachable(
      { customers: customerStore(), suppressions: suppressionStore(), log: log() },
      event.pathParameters?.id ?? '',
      decoded(event.pathParameters?.address ?? ''),
      actorOf(event),
    ),
  }),
);

/** The address as sent (`ana%40example.com` or `ana@example.com`), whether or not the gateway decoded it. */
function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
