import { rebuildMetrics } from '../../shared/app/rebuild-metrics.use-case.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';
import { buildContainer } from '../container.js';
import { json } from '../../shared/runtime/http.middleware.js';
import { activeTableStream } from '../table-stream.js';
import { finishJob, progressOf } from './job-progress.js';
import { drained } from './seed-data.handler.js';

/**
 * POST /v1/local/metrics/rebuild (local only, admins): `ouvidor metrics rebuild` while the platform
 * runs and holds the table's files (its progress: `GET /v1/local/progress?job=metrics-rebuild`).
 * On AWS the command runs the same use case against the table.
 */
export const handler = apiHandler(['admin'], { timeoutEarlyInMillis: 0 }).handler(async () => {
  const report = progressOf('metrics-rebuild');
  try {
    // What is queued lands first: the rebuild then starts from a quiet table.
    const stream = activeTableStream();
    if (stream) await drained(stream, (done, total) => report('pending changes', done, total));
    return json(200, await rebuildMetrics(buildContainer(), report));
  } finally {
    finishJob('metrics-rebuild');
  }
});
