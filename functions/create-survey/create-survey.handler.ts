import { createSurvey } from '../../shared/app/create-survey.use-case.js';
import { surveyStore } from '../../shared/runtime/compose/surveys.js';
import { feedbackStore } from '../../shared/runtime/compose/store.js';
import { surveyTokens } from '../../shared/runtime/compose/survey-tokens.js';
import { clock } from '../../shared/runtime/compose/basics.js';
import { config } from '../../shared/runtime/config.js';
import { json, readBody } from '../../shared/runtime/http.middleware.js';
import { publicBaseUrl } from '../../shared/runtime/survey-http.js';
import { apiHandler } from '../../shared/runtime/api-handler.js';

/** POST /v1/surveys — an agent or admin creates an NPS/CSAT survey and gets its signed one-click link. */
export const handler = apiHandler(['admin', 'agent'])
  .use(readBody({ maxBytes: 16 * 1024, accept: ['json'] }))
  .handler(async (event) => {
    const cfg = config();
    const created = await createSurvey({ surveys: surveyStore(), store: feedbackStore(), surveyTokens: surveyTokens(), clock: clock() }, event.parsedBody!.value, {
      publicBaseUrl: publicBaseUrl(event, cfg.OUVIDOR_PUBLIC_URL),
      ttlDays: cfg.OUVIDOR_SURVEY_TTL_DAYS,
      ...(event.principal && { createdBy: event.principal.sub }),
    });
    return json(201, { id: created.id, token: created.token, url: created.url, expiresAt: created.expiresAt });
  });
