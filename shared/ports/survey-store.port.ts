import type { Survey } from '../domain/survey.schema.js';

export interface SurveyAnswerRecord {
  readonly score: number;
  /** The Feedback item carrying the answer (set once; later answers keep the first). */
  readonly feedbackItemId: string;
  readonly answeredAt: string;
}

/** Where surveys live (the single table, `SURVEY#<id>`). Every write is a single conditional write. */
export interface SurveyStore {
  /** Writes a new survey; false if one with that id exists. */
  create(survey: Survey): Promise<boolean>;
  /** Strongly consistent read. */
  get(id: string): Promise<Survey | undefined>;
  /**
   * Records an answer on an existing survey: the latest score and time, the item id (kept if
   * already set) and one more `answers`. Returns the survey as updated, undefined if there is none.
   */
  recordAnswer(id: string, answer: SurveyAnswerRecord): Promise<Survey | undefined>;
}
