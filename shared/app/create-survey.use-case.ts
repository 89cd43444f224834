import { monotonicFactory } from 'ulid';
import { NotFoundError, ServiceUnavailableError } from '../domain/errors.js';
import type { Customer } from '../domain/feedback.schema.js';
import { DEFAULT_SURVEY_TTL_DAYS, parseSurveyInput, surveyUrl, type Survey } from '../domain/survey.schema.js';
import type { Clock } from '../ports/clock.port.js';
import type { FeedbackStore } from '../ports/feedback-store.port.js';
import type { SurveyStore } from '../ports/survey-store.port.js';
import type { SurveyTokens } from '../ports/survey-token.port.js';

export interface CreateSurveyDeps {
  readonly surveys: SurveyStore;
  /** To check a `feedbackId` and inherit its customer and language. */
  readonly store: FeedbackStore;
  readonly surveyTokens: SurveyTokens;
  readonly clock: Clock;
}

export interface CreateSurveyOptions {
  /** Where the links point: `<publicBaseUrl>/v1/surveys/<token>`. */
  readonly publicBaseUrl: string;
  /** How long the link stays valid. Default 30 days. */
  readonly ttlDays?: number;
  /** Who asked for it (the caller's subject), kept for the audit trail. */
  readonly createdBy?: string;
}

export interface CreatedSurvey {
  readonly id: string;
  readonly token: string;
  /** The signed one-click link. */
  readonly url: string;
  readonly expiresAt: string;
  readonly survey: Survey;
}

const newId = monotonicFactory();
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Creates an NPS or CSAT survey for a customer (or about an existing item, whose customer and
 * language it inherits) and signs its link. No HTTP here: a workflow can send surveys itself.
 */
export async function createSurvey(deps: CreateSurveyDeps, body: unknown, opts: CreateSurveyOptions): Promise<CreatedSurvey> {
  const input = parseSurveyInput(body);
  let customer: Customer = input.customer ?? {};
  let language = input.language;
  if (input.feedbackId !== undefined) {
    const item = await deps.store.get(input.feedbackId);
    if (!item) throw new NotFoundError(`No feedback with id '${input.feedbackId}'.`);
    if (input.customer === undefined) customer = item.customer;
    // Analyzed items carry a detected ISO 639-1 code; `und` (undetermined) is no language.
    if (language === undefined && item.language && /^[a-z]{2}$/.test(item.language)) language = item.language;
  }

  const now = deps.clock.now();
  const id = newId(now.getTime());
  const expiresAt = new Date(now.getTime() + (opts.ttlDays ?? DEFAULT_SURVEY_TTL_DAYS) * DAY_MS);
  // Signed before it is stored: a failure to reach the key leaves no survey behind.
  const token = await deps.surveyTokens.issue({ surveyId: id, type: input.type }, expiresAt);
  const survey: Survey = {
    id,
    type: input.type,
    customer,
    ...(input.feedbackId !== undefined && { feedbackId: input.feedbackId }),
    ...(language !== undefined && { language }),
    ...(opts.createdBy !== undefined && { createdBy: opts.createdBy }),
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    answers: 0,
  };
  let stored: boolean;
  try {
    stored = await deps.surveys.create(survey);
  } catch (cause) {
    throw new ServiceUnavailableError('Could not store the survey; nothing was created. Retry later.', { cause });
  }
  if (!stored) throw new ServiceUnavailableError('Survey id collision; retry.');
  return { id, token, url: surveyUrl(opts.publicBaseUrl, token), expiresAt: survey.expiresAt, survey };
}
