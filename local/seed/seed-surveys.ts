import type { Feedback, Rating } from '../../shared/domain/feedback.schema.js';
import { DEFAULT_SURVEY_TTL_DAYS, type Survey, type SurveyType } from '../../shared/domain/survey.schema.js';
import type { SeededRandom } from './seed-random.js';

/**
 * Surveys after resolutions (as the `csat-after-resolution` rule sends them; some NPS), about
 * 40 % answered — a little more by customers whose case went very well or badly — and scores
 * that follow how the case went.
 */

export interface PendingAnswer {
  readonly survey: Survey;
  /** Where the survey sits in the seed data's list (updated once answered). */
  readonly index: number;
  /** When the customer means to answer (epoch ms); the next arrival slot after it carries the answer. */
  readonly answerAt: number;
  readonly experience: number;
}

const DAY_MS = 24 * 3_600_000;
const clamp = (min: number, max: number, v: number): number => Math.min(max, Math.max(min, Math.round(v)));

/** The survey sent after `fb` was resolved, if it was before the anchor (and not itself a survey answer). */
export function planSurvey(
  random: SeededRandom,
  fb: Feedback,
  experience: number,
  anchor: Date,
  idAt: (ms: number) => string,
): { survey: Survey; answerAt?: number } | undefined {
  if (fb.channel === 'survey' || fb.resolvedAt === undefined) return undefined;
  const created = Date.parse(fb.resolvedAt) + random.int(5, 120) * 1000;
  // Not every resolution is surveyed (customers asked recently, opted out, unreachable in practice).
  if (created >= anchor.getTime() || !random.chance(0.65)) return undefined;
  const type: SurveyType = random.chance(0.25) ? 'nps' : 'csat';
  const survey: Survey = {
    id: idAt(created),
    type,
    customer: fb.customer,
    feedbackId: fb.id,
    ...(fb.language && { language: fb.language }),
    createdAt: new Date(created).toISOString(),
    expiresAt: new Date(created + DEFAULT_SURVEY_TTL_DAYS * DAY_MS).toISOString(),
    answers: 0,
  };
  const keen = experience < 0.4 || experience > 0.9 ? 0.06 : 0;
  if (!random.chance(0.4 + keen)) return { survey };
  const delayMs = Math.min(random.logNormal(240, 1.2) * 60_000, (DEFAULT_SURVEY_TTL_DAYS - 1) * DAY_MS);
  return { survey, answerAt: created + Math.round(delayMs) };
}

/** A score that follows the experience (0..1), with some noise. */
export function surveyAnswer(random: SeededRandom, type: SurveyType, experience: number): Rating {
  return type === 'nps'
    ? { type, score: clamp(0, 10, 10 * experience + 1.2 * random.normal()) }
    : { type, score: clamp(1, 5, 1 + 4 * experience + 0.5 * random.normal()) };
}
