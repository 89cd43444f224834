import { rebuildMetrics } from '../../shared/app/rebuild-metrics.use-case.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';
import { buildContainer } from '../container.js';
import { json } from '../../shared/runtime/http.middleware.js';
import { activeTableStream } from '../table-stream.js';

/**
 * POST /v1/local/metrics/rebuild (local only, admins): `ouvidor metrics rebuild` while the platform
 * runs and holds the table's files. On AWS the command runs the same use case against the table.
 */
export const handler = apiHandler(['admin']).handler(async () => {
  await activeTableStream()?.idle(); // what is queued lands first: the rebuild then starts from a quiet table
  return json(200, await rebuildMetrics(buildContainer()));
});
