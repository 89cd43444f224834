import { seedData } from '../seed/seed-data.use-case.js';
import { NotFoundError } from '../../shared/domain/errors.js';
import { buildContainer } from '../container.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';
import { json, readBody } from '../../shared/runtime/http.middleware.js';
import { activeTableStream, type LocalTableStream } from '../table-stream.js';
import { finishJob, progressOf } from './job-progress.js';

/**
 * POST /v1/local/seed — admins only, local runtime only (`ouvidor seed` while the platform runs):
 * writes the seed data set through this process's adapters, so that everything watching the
 * table here (the metrics aggregates) sees the writes. `{items?, days?, seed?}` → the summary.
 * Without middy's early timeout: thousands of items take longer than the 29 s an API route gets,
 * and the CLI waits for the summary, drawing the progress `GET /v1/local/progress?job=seed` reports.
 */
export const handler = apiHandler(['admin'], { timeoutEarlyInMillis: 0 })
  .use(readBody({ maxBytes: 1024, accept: ['json'] }))
  .handler(async (event) => {
    const c = buildContainer();
    if (c.config.OUVIDOR_AUTH_MODE !== 'local') throw new NotFoundError('Seeding exists in the local runtime only.');
    const report = progressOf('seed');
    try {
      const summary = await seedData(c, event.parsedBody?.value, report);
      // Answer once the metrics aggregates have followed every write (the dashboard is then up to date).
      const stream = activeTableStream();
      if (stream) await drained(stream, (done, total) => report('metrics', done, total));
      return json(200, summary, { 'cache-control': 'no-store' });
    } finally {
      finishJob('seed');
    }
  });

/** Waits for the stream to deliver what is queued, reporting how much of it is done. */
export async function drained(stream: LocalTableStream, report: (done: number, total: number) => void): Promise<void> {
  let total = stream.backlog;
  const timer = setInterval(() => {
    total = Math.max(total, stream.backlog);
    report(total - stream.backlog, total);
  }, 250);
  try {
    await stream.idle();
    report(total, total);
  } finally {
    clearInterval(timer);
  }
}
