import type { Survey } from '../../shared/domain/survey.schema.js';
import type { SurveyAnswerRecord, SurveyStore } from '../../shared/ports/survey-store.port.js';

/** SurveyStore with the DynamoDB adapter's semantics (conditional create, answer on an existing survey). */
export class InMemorySurveyStore implements SurveyStore {
  readonly surveys = new Map<string, Survey>();

  async create(survey: Survey) {
    if (this.surveys.has(survey.id)) return false;
    this.surveys.set(survey.id, structuredClone(survey));
    return true;
  }
  async get(id: string) {
    const s = this.surveys.get(id);
    return s && structuredClone(s);
  }
  async recordAnswer(id: string, answer: SurveyAnswerRecord) {
    const cur = this.surveys.get(id);
    if (!cur) return undefined;
    const next: Survey = {
      ...cur,
      score: answer.score,
      answeredAt: answer.answeredAt,
      feedbackItemId: cur.feedbackItemId ?? answer.feedbackItemId,
      answers: cur.answers + 1,
    };
    this.surveys.set(id, next);
    return structuredClone(next);
  }
}
