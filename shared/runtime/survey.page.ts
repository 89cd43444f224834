import { escapeHtml, localeFromAcceptLanguage, localeOf, t, type Locale, type MessageKey } from '../domain/i18n.js';
import { MAX_COMMENT_CHARS, SCORE_RANGE, type SurveyType } from '../domain/survey.schema.js';
import type { HttpResult } from './http.middleware.js';

/** The survey's language when it has one; else the browser's; else Portuguese. */
export const surveyLocale = (language: string | undefined, acceptLanguage: string | undefined): Locale =>
  language ? localeOf(language) : (localeFromAcceptLanguage(acceptLanguage) ?? 'pt-BR');

/** Like `html()`, plus: forms only to this origin, no framing, no caching, no referrer (the link is a secret). */
export const surveyHtml = (statusCode: number, page: string): HttpResult => ({
  statusCode,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-robots-tag': 'noindex',
  },
  body: page,
});

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f2933;line-height:1.5}
h1{font-size:1.5rem}ul.scale{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem;padding:0;margin:1rem 0 .25rem}
ul.scale a{display:inline-block;min-width:2.75rem;padding:.6rem 0;text-align:center;border:2px solid #3e4c59;border-radius:.4rem;color:#1f2933;text-decoration:none;font-weight:600}
ul.scale a:hover{background:#e4e7eb}ul.scale a[aria-current]{background:#1f2933;color:#fff}
a:focus-visible,button:focus-visible,textarea:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
.ends{display:flex;justify-content:space-between;gap:1rem;font-size:.9rem;color:#52606d}
label{display:block;font-weight:600;margin-top:1rem}textarea{width:100%;box-sizing:border-box;font:inherit;padding:.5rem}
.hint{font-size:.9rem;color:#52606d}button{font:inherit;padding:.6rem 1.2rem;margin-top:.5rem;cursor:pointer}
.error{border-left:4px solid #b91c1c;padding-left:.75rem}`;

const page = (lang: Locale, title: string, main: string): string => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style>
</head><body><main>${main}</main></body></html>`;

const text = (locale: Locale, key: MessageKey, vars: Record<string, string | number> = {}) =>
  escapeHtml(t(locale, key, Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === 'number' ? v.toLocaleString(locale) : v]))));

/** Relative to `/v1/surveys/<token>`, so that the page works under whatever public base it is served. */
const selfHref = (token: string) => escapeHtml(encodeURIComponent(token));

/** The score buttons: one link per score, each with a spoken label; `current` is marked. */
function scale(locale: Locale, type: SurveyType, token: string, labelledBy: string, current?: number): string {
  const { min, max } = SCORE_RANGE[type];
  const items: string[] = [];
  for (let score = min; score <= max; score++) {
    const label = text(locale, 'survey.score.label', { score, max });
    const mark = score === current ? ' aria-current="true"' : '';
    items.push(`<li><a href="${selfHref(token)}?score=${score}" aria-label="${label}"${mark}>${score}</a></li>`);
  }
  return `<ul class="scale" role="list" aria-labelledby="${labelledBy}">${items.join('')}</ul>
<p class="ends" aria-hidden="true"><span>${text(locale, `survey.scale.${type}.low`)}</span><span>${text(locale, `survey.scale.${type}.high`)}</span></p>`;
}

/** `GET /v1/surveys/<token>`: the question and its score buttons. */
export function surveyQuestionPage(locale: Locale, type: SurveyType, token: string): string {
  return page(
    locale,
    t(locale, 'survey.title'),
    `<h1>${text(locale, 'survey.title')}</h1>
<p id="question">${text(locale, `survey.question.${type}`)}</p>
${scale(locale, type, token, 'question')}`,
  );
}

/** The optional comment: POSTs the score (hidden) and the comment to the link itself. */
const commentForm = (locale: Locale, token: string, score: number, comment = '') => `<form method="post" action="${selfHref(token)}">
<input type="hidden" name="score" value="${escapeHtml(String(score))}">
<p>${text(locale, 'survey.thanks.invite')}</p>
<label for="comment">${text(locale, 'survey.comment.label')}</label>
<textarea id="comment" name="comment" rows="5" maxlength="${MAX_COMMENT_CHARS}" aria-describedby="comment-hint">${escapeHtml(comment)}</textarea>
<p id="comment-hint" class="hint">${text(locale, 'survey.comment.hint', { max: MAX_COMMENT_CHARS })}</p>
<button type="submit">${text(locale, 'survey.comment.submit')}</button>
</form>`;

/** After a score: thanks, the optional comment form (score hidden), and the scale to change it. */
export function surveyAnsweredPage(locale: Locale, type: SurveyType, token: string, score: number, commented: boolean): string {
  const { max } = SCORE_RANGE[type];
  const form = commentForm(locale, token, score);
  return page(
    locale,
    t(locale, 'survey.thanks.title'),
    `<h1>${text(locale, 'survey.thanks.title')}</h1>
<p role="status">${text(locale, 'survey.thanks.score', { score, max })}${commented ? ` ${text(locale, 'survey.comment.thanks')}` : ''}</p>
${commented ? '' : form}
<p id="change">${text(locale, 'survey.change')}</p>
${scale(locale, type, token, 'change', score)}`,
  );
}

type ErrorKind = 'expired' | 'notFound';

/** 404 / 410 pages: in the customer's language when known, else in both. */
export function surveyErrorPage(kind: ErrorKind, locale: Locale | undefined): string {
  const section = (l: Locale) =>
    `<section lang="${l}"><h1>${text(l, `survey.${kind}.title`)}</h1><p>${text(l, `survey.${kind}.body`)}</p></section>`;
  if (locale) return page(locale, t(locale, `survey.${kind}.title`), section(locale));
  return page('pt-BR', `${t('pt-BR', `survey.${kind}.title`)} / ${t('en', `survey.${kind}.title`)}`, `${section('pt-BR')}\n${section('en')}`);
}

/**
 * 400: what was wrong with the answer and a way to try again: the comment form with the comment
 * given (when only the comment was wrong), else the scale.
 */
export function surveyInvalidAnswerPage(
  locale: Locale,
  type: SurveyType,
  token: string,
  fields: readonly string[],
  given: { readonly score?: number; readonly comment?: string } = {},
): string {
  const { min, max } = SCORE_RANGE[type];
  const problems = [
    ...(fields.includes('score') ? [text(locale, 'survey.invalid.score', { min, max })] : []),
    ...(fields.includes('comment') ? [text(locale, 'survey.invalid.comment', { max: MAX_COMMENT_CHARS })] : []),
  ];
  return page(
    locale,
    t(locale, 'survey.invalid.title'),
    `<h1>${text(locale, 'survey.invalid.title')}</h1>
<div class="error" role="alert">${problems.map((p) => `<p>${p}</p>`).join('')}</div>
${
  !fields.includes('score') && given.score !== undefined
    ? commentForm(locale, token, given.score, given.comment)
    : `<p id="question">${text(locale, `survey.question.${type}`)}</p>\n${scale(locale, type, token, 'question')}`
}`,
  );
}
