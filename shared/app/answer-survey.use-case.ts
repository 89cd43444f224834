import { ServiceUnavailableError, ValidationError } from '../domain/errors.js';
import type { Rating } from '../domain/feedback.schema.js';
import { localeOf } from '../domain/i18n.js';
import { SurveyAnswerInvalidError, SurveyExpiredError, SurveyNotFoundError } from '../domain/survey.errors.js';
import { parseComment, parseScore, type Survey } from '../domain/survey.schema.js';
import type { SurveyStore } from '../ports/survey-store.port.js';
import type { SurveyTokens } from '../ports/survey-token.port.js';
import { acceptFeedback, type AcceptDeps, type FeedbackDraft } from './accept-feedback.use-case.js';

export interface AnswerSurveyDeps extends AcceptDeps {
  readonly surveys: SurveyStore;
  readonly surveyTokens: SurveyTokens;
}

export interface SurveyAnswer {
  readonly token: string;
  /** Text (query string, form) or number (JSON); may be left out once the survey has a score. */
  readonly score?: unknown;
  /** Optional; blank means "no new comment" (an earlier one is kept). */
  readonly comment?: unknown;
}

export interface SurveyAnswered {
  readonly survey: Survey;
  /** The Feedback item that carries the answer (one per survey). */
  readonly feedbackId: string;
  readonly rating: Rating;
}

/** The survey behind a link, if the link is authentic, bound to it and not expired. */
export async function openSurvey(deps: Pick<AnswerSurveyDeps, 'surveys' | 'surveyTokens' | 'clock'>, token: string): Promise<Survey> {
  const check = await deps.surveyTokens.verify(token);
  if (check.status === 'invalid') throw new SurveyNotFoundError();
  const survey = await deps.surveys.get(check.claims.surveyId);
  const locale = survey?.language ? localeOf(survey.language) : undefined;
  if (!survey || survey.type !== check.claims.type) throw new SurveyNotFoundError(locale);
  if (check.status === 'expired' || deps.clock.now().getTime() >= Date.parse(survey.expiresAt)) throw new SurveyExpiredError(locale);
  return survey;
}

/** Validates score and comment together, so that one answer names every field at fault. */
function parseAnswer(survey: Survey, answer: SurveyAnswer): { rating: Rating; comment: string } {
  const problems: ValidationError[] = [];
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      problems.push(e);
      return undefined;
    }
  };
  const keepScore = answer.score === undefined && survey.score !== undefined;
  const rating = attempt(() => parseScore(survey.type, keepScore ? survey.score : answer.score));
  const comment = attempt(() => parseComment(answer.comment));
  if (rating === undefined || comment === undefined) {
    const locale = survey.language ? localeOf(survey.language) : undefined;
    throw new SurveyAnswerInvalidError(survey.type, locale, problems.flatMap((p) => p.details), { cause: problems[0] });
  }
  return { rating, comment };
}

const draftOf = (survey: Survey, rating: Rating, comment: string): FeedbackDraft => ({
  channel: 'survey',
  customer: survey.customer,
  text: comment,
  rating,
  ...(survey.language !== undefined && { language: survey.language }),
  surveyId: survey.id,
  source: { provider: 'survey', externalId: survey.id },
  ...(survey.feedbackId !== undefined && { metadata: { feedbackId: survey.feedbackId } }),
});

/**
 * A later answer changes the survey's one item: new rating, and the new comment if there is one
 * (else the item keeps its text). A changed item goes back to `received` and is queued, so the
 * processor analyzes it again and publishes the new version. Retries lost version races.
 */
async function updateItem(deps: AnswerSurveyDeps, id: string, rating: Rating, comment: string, at: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const item = await deps.store.get(id);
    if (!item) throw new ServiceUnavailableError(`Survey item ${id} is missing; retry later.`);
    const text = comment !== '' ? comment : item.text;
    if (item.text === text && item.rating?.type === rating.type && item.rating.score === rating.score) return;
    if (await deps.store.reopenForAnalysis(id, { text, rating, newText: text !== item.text }, item.version, at)) {
      try {
        await deps.queue.send({ id });
      } catch (error) {
        // The reopened item is on the sweep index: the sweeper will queue it.
        deps.log.warn('queue send failed; left for the sweeper', { feedbackId: id, error: String(error) });
      }
      return;
    }
  }
  throw new ServiceUnavailableError('The answer could not be saved (the item kept changing); retry.');
}

/**
 * Records a score (and optional comment) for the survey behind `token`. The first answer creates
 * the survey's one Feedback item (dedupe key `survey:<id>`: two concurrent clicks make one item);
 * later answers update it. The comment is stored on the item only, never on the survey record.
 */
export async function answerSurvey(deps: AnswerSurveyDeps, answer: SurveyAnswer): Promise<SurveyAnswered> {
  const survey = await openSurvey(deps, answer.token);
  const { rating, comment } = parseAnswer(survey, answer);
  const at = deps.clock.now().toISOString();

  let feedbackId = survey.feedbackItemId;
  let created = false;
  if (feedbackId === undefined) {
    const accepted = await acceptFeedback(deps, draftOf(survey, rating, comment), { key: `survey:${survey.id}` });
    feedbackId = accepted.id;
    created = !accepted.replayed;
  }
  if (!created) await updateItem(deps, feedbackId, rating, comment, at);

  let updated: Survey | undefined;
  try {
    updated = await deps.surveys.recordAnswer(survey.id, { score: rating.score, feedbackItemId: feedbackId, answeredAt: at });
  } catch (cause) {
    // The answer itself is safe on the item; only the survey's summary lags. Retrying is harmless.
    throw new ServiceUnavailableError('The answer was kept but the survey could not be updated; retry.', { cause });
  }
  if (!updated) throw new SurveyNotFoundError(survey.language ? localeOf(survey.language) : undefined);
  return { survey: updated, feedbackId, rating };
}
