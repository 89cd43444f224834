import { createSurvey } from '../../shared/app/create-survey.use-case.js';
import { container } from '../../shared/runtime/container.js';
import { json, readBody } from '../../shared/runtime/http.middleware.js';
import { publicBaseUrl } from '../../shared/runtime/survey-http.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';

/** POST /v1/surveys — an agent or admin creates an NPS/CSAT survey and gets its signed one-click link. */
export const handler = apiHandler(['admin', 'agent'])
  .use(readBody({ maxBytes: 16 * 1024, accept: ['json'] }))
  .handler(async (event) => {
    const c = container();
    const created = await createSurvey(c, event.parsedBody!.value, {
      publicBaseUrl: publicBaseUrl(event, c.config.OUVIDOR_PUBLIC_URL),
      ttlDays: c.config.OUVIDOR_SURVEY_TTL_DAYS,
      ...(event.principal && { createdBy: event.principal.sub }),
    });
    return json(201, { id: created.id, token: created.token, url: created.url, expiresAt: created.expiresAt });
  });
