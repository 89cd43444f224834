import { NotFoundError } from '../../shared/domain/errors.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';
import { json } from '../../shared/runtime/http.middleware.js';
import { jobProgress } from './job-progress.js';

/**
 * GET /v1/local/progress?job=seed|metrics-rebuild — admins only, local runtime only: how far the
 * job is (`ouvidor seed` and `ouvidor metrics rebuild` poll it while they wait). 404 before the
 * first run of that job in this process.
 */
export const handler = apiHandler(['admin']).handler(async (event) => {
  const job = event.queryStringParameters?.job ?? '';
  const progress = jobProgress(job);
  if (!progress) throw new NotFoundError(`No job '${job}' has run here.`);
  return json(200, progress, { 'cache-control': 'no-store' });
});
