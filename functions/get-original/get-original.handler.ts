import { getOriginal } from '../../shared/app/get-original.use-case.js';
import { feedbackStore } from '../../shared/runtime/compose/store.js';
import { objectStore } from '../../shared/runtime/compose/objects.js';
import { json } from '../../shared/runtime/http.middleware.js';
import { logger } from '../../shared/runtime/logger.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';

/** GET /v1/feedback/{id}/original — the unredacted text; admins only, every read logged. */
export const handler = apiHandler(['admin'])
  .handler(async (event) => {
    const id = event.pathParameters?.id ?? '';
    const original = await getOriginal({ store: feedbackStore(), objects: objectStore() }, id);
    logger.info('original read', { feedbackId: id, by: event.principal?.sub });
    return json(200, original, { 'cache-control': 'no-store' });
  });
