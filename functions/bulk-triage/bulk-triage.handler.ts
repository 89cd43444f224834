import { bulkTriage } from '../../shared/app/triage-feedback.use-case.js';
import { BulkTriageSchema } from '../../shared/domain/triage/triage.schema.js';
import { feedbackStore } from '../../shared/runtime/compose/store.js';
import { timelineStore } from '../../shared/runtime/compose/workflow-stores.js';
import { configStore } from '../../shared/runtime/compose/configs.js';
import { eventBus } from '../../shared/runtime/compose/bus.js';
import { clock, log } from '../../shared/runtime/compose/basics.js';
import { telemetry } from '../../shared/runtime/compose/telemetry.js';
import { json, readBody } from '../../shared/runtime/http.middleware.js';
import { actorOf, bodyOf, TRIAGE_MAX_BODY_BYTES } from '../../shared/runtime/triage-http.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';

/** POST /v1/feedback/bulk `{ids, changes}` — each item at its latest version; one result per id. */
export const handler = apiHandler(['admin', 'agent'])
  .use(readBody({ maxBytes: TRIAGE_MAX_BODY_BYTES, accept: ['json'] }))
  .handler(async (event) => {
    const { ids, changes } = bodyOf(event, BulkTriageSchema);
    return json(200, await bulkTriage({ store: feedbackStore(), timeline: timelineStore(), configs: configStore(), bus: eventBus(), clock: clock(), log: log(), telemetry: telemetry() }, ids, changes, actorOf(event)));
  });
