import { getMetrics } from '../../shared/app/get-metrics.use-case.js';
import { metricsStore, backlogReader } from '../../shared/runtime/compose/metrics.js';
import { configStore } from '../../shared/runtime/compose/configs.js';
import { clock } from '../../shared/runtime/compose/basics.js';
import { json } from '../../shared/runtime/http.middleware.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';

/**
 * GET /v1/metrics?from=&to=&channel=&team=&agent=&language= — the service quality report from the
 * per-day aggregates (admins and agents). Private: it names agents; a minute of browser caching.
 */
export const handler = apiHandler(['admin', 'agent'])
  .handler(async (event) => json(200, await getMetrics({ metrics: metricsStore(), backlog: backlogReader(), configs: configStore(), clock: clock() }, event.queryStringParameters ?? {}), { 'cache-control': 'private, max-age=60' }));
