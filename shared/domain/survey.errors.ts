import { OuvidorError, ValidationError, type ErrorDetail } from './errors.js';
import { t, type Locale } from './i18n.js';
import type { SurveyType } from './survey.schema.js';

/** The message in the customer's language when known, else in both. */
const localized = (locale: Locale | undefined, key: 'survey.expired.title' | 'survey.notFound.title'): string =>
  locale ? t(locale, key) : `${t('pt-BR', key)} / ${t('en', key)}`;

/** The link is not a valid survey link (bad signature, malformed, another survey's binding). */
export class SurveyNotFoundError extends OuvidorError {
  readonly locale: Locale | undefined;
  constructor(locale?: Locale, options?: { cause?: unknown }) {
    super(404, 'survey_not_found', localized(locale, 'survey.notFound.title'), options);
    this.locale = locale;
  }
}

/** The link was valid but has expired (410, in the customer's language when the survey is known). */
export class SurveyExpiredError extends OuvidorError {
  readonly locale: Locale | undefined;
  constructor(locale?: Locale, options?: { cause?: unknown }) {
    super(410, 'survey_expired', localized(locale, 'survey.expired.title'), options);
    this.locale = locale;
  }
}

/** A score or comment the survey refuses (400 naming the fields); knows the survey to explain itself. */
export class SurveyAnswerInvalidError extends ValidationError {
  readonly surveyType: SurveyType;
  readonly locale: Locale | undefined;
  constructor(surveyType: SurveyType, locale: Locale | undefined, details: readonly ErrorDetail[], options?: { cause?: unknown }) {
    super(`Invalid answer: ${details.map((d) => d.field).join(', ')}.`, details, options);
    this.surveyType = surveyType;
    this.locale = locale;
  }
}
