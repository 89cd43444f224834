import { seedData } from '../../shared/app/seed-data.use-case.js';
import { NotFoundError } from '../../shared/domain/errors.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';
import { container } from '../../shared/runtime/container.js';
import { json, readBody } from '../../shared/runtime/http.middleware.js';

/**
 * POST /v1/local/seed — admins only, local runtime only (`ouvidor seed` while the platform runs):
 * writes the seed data set through this process's adapters, so that everything watching the
 * table here (the metrics aggregates) sees the writes. `{items?, days?, seed?}` → the summary.
 */
export const handler = apiHandler(['admin'])
  .use(readBody({ maxBytes: 1024, accept: ['json'] }))
  .handler(async (event) => {
    const c = container();
    if (c.config.OUVIDOR_AUTH_MODE !== 'local') throw new NotFoundError('Seeding exists in the local runtime only.');
    return json(200, await seedData(c, event.parsedBody?.value), { 'cache-control': 'no-store' });
  });
