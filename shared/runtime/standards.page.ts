import { MIN_RESPONSES, WINDOW_DAYS, type ActualFirstResponse, type ChannelActual, type StandardsPage } from '../app/standards-page.use-case.js';
import { ChannelSchema } from '../domain/analysis.schema.js';
import { ValidationError } from '../domain/errors.js';
import { escapeHtml, localeFromAcceptLanguage, t, type Locale, type MessageKey } from '../domain/i18n.js';
import type { ClockKind } from '../domain/sla/service-standards.schema.js';
import { durationInWords, type StatementRow } from '../domain/sla/service-statement.js';
import type { HttpResult } from './http.middleware.js';

/**
 * `GET /standards`: the public service standards page (business hours, holidays, the promised
 * times per channel and priority, the actual median first response next to them). Every value
 * interpolated is escaped; no scripts, inline styles only.
 */

const LANGS: Readonly<Record<string, Locale>> = { 'pt-br': 'pt-BR', pt: 'pt-BR', en: 'en' };

/** `?lang=pt-BR|en` (also `pt`), else the browser's Accept-Language, else pt-BR; any other `lang` is a 400. */
export function standardsLocale(lang: string | undefined, acceptLanguage: string | undefined): Locale {
  if (lang !== undefined) {
    const locale = LANGS[lang.trim().toLowerCase()];
    if (!locale) throw new ValidationError('lang must be pt-BR or en.', [{ field: 'lang', message: 'must be pt-BR or en' }]);
    return locale;
  }
  return localeFromAcceptLanguage(acceptLanguage) ?? 'pt-BR';
}

/** Public and the same for everyone of a language: cacheable for 5 minutes, per Accept-Language. */
export const standardsHtml = (locale: Locale, page: string): HttpResult => ({
  statusCode: 200,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
    'cache-control': 'public, max-age=300',
    'content-language': locale,
    vary: 'accept-language',
    'x-content-type-options': 'nosniff',
  },
  body: page,
});

const STYLE = `body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1f2933;line-height:1.5}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;margin-top:2rem}h3{font-size:1.05rem}
nav{text-align:right}a{color:#1d4ed8}a:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
table{width:100%;border-collapse:collapse;margin:.5rem 0}caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{text-align:left;padding:.45rem .5rem;border-bottom:1px solid #cbd2d9;vertical-align:top}thead th{background:#f5f7fa}
.actual{padding:.6rem .75rem;border-left:4px solid #9aa5b1;background:#f5f7fa}.met{border-color:#047857}.missed{border-color:#b91c1c}
.overall{font-size:1.1rem}.note{color:#52606d;font-size:.95rem}footer{margin:2rem 0;color:#52606d;font-size:.9rem}
@media (max-width:30rem){body{margin:1rem auto}th,td{padding:.4rem .3rem;font-size:.95rem}}`;

type Vars = Record<string, string | number>;
const localized = (locale: Locale, vars: Vars) =>
  Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === 'number' ? v.toLocaleString(locale) : v]));
/** A message, escaped (the variables too). */
const text = (locale: Locale, key: MessageKey, vars: Vars = {}) => escapeHtml(t(locale, key, localized(locale, vars)));

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
const formatDay = (locale: Locale, day: string, style: 'medium' | 'full') =>
  isDate(day) ? new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`)) : day;

function channelLabel(locale: Locale, channel: string): string {
  const known = ChannelSchema.safeParse(channel);
  return known.success ? t(locale, `standards.channel.${known.data}`) : channel;
}

function medianWords(locale: Locale, minutes: number, clock: ClockKind, dayLength: number): string {
  const m = Math.round(minutes);
  return m < 1 ? t(locale, 'standards.lessThanMinute') : durationInWords(m, clock, locale, dayLength);
}

const responses = (locale: Locale, n: number) =>
  n === 1 ? t(locale, 'standards.actual.responses.one') : t(locale, 'standards.actual.responses.other', localized(locale, { count: n }));

/** "Actual median first response: 2 business hours (12 responses).", or "not enough data yet (…)." */
function actualText(locale: Locale, a: ActualFirstResponse, dayLength: number): string {
  if (a.medianMinutes === undefined) return text(locale, 'standards.actual.notEnough', { min: MIN_RESPONSES, count: a.responses });
  const median = medianWords(locale, a.medianMinutes, a.clock, dayLength);
  return `${text(locale, 'standards.actual.median', { median })} (${escapeHtml(responses(locale, a.responses))}).`;
}

function channelSection(locale: Locale, index: number, rows: readonly StatementRow[], actual: ChannelActual | undefined, dayLength: number): string {
  const channel = rows[0]?.channel ?? actual?.channel ?? '';
  const label = channelLabel(locale, channel);
  const body = rows
    .map((r) => `<tr><th scope="row">${text(locale, `standards.priority.${r.priority}`)}</th><td>${escapeHtml(r.firstResponse[locale])}</td><td>${escapeHtml(r.resolution[locale])}</td></tr>`)
    .join('\n');
  let verdict = '';
  if (actual && actual.met !== undefined) {
    const promise = durationInWords(actual.promisedMinutes, actual.clock, locale, dayLength);
    verdict = ` <strong>${text(locale, actual.met ? 'standards.actual.met' : 'standards.actual.notMet', { promise })}</strong>`;
  }
  const cls = actual?.met === undefined ? 'actual' : `actual ${actual.met ? 'met' : 'missed'}`;
  return `<section aria-labelledby="channel-${index}"><h2 id="channel-${index}">${escapeHtml(label)}</h2>
<table><caption>${text(locale, 'standards.table.caption', { channel: label })}</caption>
<thead><tr><th scope="col">${text(locale, 'standards.table.priority')}</th><th scope="col">${text(locale, 'standards.table.firstResponse')}</th><th scope="col">${text(locale, 'standards.table.resolution')}</th></tr></thead>
<tbody>
${body}
</tbody></table>
${actual ? `<p class="${cls}">${actualText(locale, actual, dayLength)}${verdict}</p>` : ''}
</section>`;
}

/** The whole page in one language, with a link to the other. */
export function standardsPageHtml(locale: Locale, data: StandardsPage): string {
  const { statement, window } = data;
  const other: Locale = locale === 'en' ? 'pt-BR' : 'en';
  const dayLength = statement.businessDayMinutes;
  const hours = statement.businessHours[locale].map((line) => `<li>${escapeHtml(line)}</li>`).join('');
  const upcoming = statement.holidays.filter((h) => !isDate(h) || h >= window.to);
  const holidays = upcoming.length
    ? `<ul>${upcoming.map((h) => `<li>${isDate(h) ? `<time datetime="${escapeHtml(h)}">${escapeHtml(formatDay(locale, h, 'full'))}</time>` : escapeHtml(h)}</li>`).join('')}</ul>`
    : `<p>${text(locale, 'standards.holidays.none')}</p>`;
  const channels = [...new Set(statement.rows.map((r) => r.channel))];
  const sections = channels.map((c, i) =>
    channelSection(
      locale,
      i,
      statement.rows.filter((r) => r.channel === c),
      data.channels.find((a) => a.channel === c),
      dayLength,
    ),
  );
  const updated = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: statement.timezone }).format(new Date(data.generatedAt));
  const title = text(locale, 'standards.title');
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="alternate" hreflang="${other}" href="?lang=${other}"><style>${STYLE}</style>
</head><body>
<header><nav><a href="?lang=${other}" hreflang="${other}" lang="${other}">${text(locale, 'standards.switch')}</a></nav>
<h1>${title}</h1><p>${text(locale, 'standards.intro')}</p></header>
<main>
<section aria-labelledby="actual"><h2 id="actual">${text(locale, 'standards.actual.title')}</h2>
<p class="note">${text(locale, 'standards.actual.explain', { days: WINDOW_DAYS, from: formatDay(locale, window.from, 'medium'), to: formatDay(locale, window.to, 'medium') })}</p>
<p class="actual overall"><strong>${text(locale, 'standards.actual.overall')}</strong>: ${actualText(locale, data.overall, dayLength)}</p>
</section>
<section aria-labelledby="hours"><h2 id="hours">${text(locale, 'standards.hours.title')}</h2>
<ul>${hours}</ul><p class="note">${text(locale, 'standards.hours.timezone', { timezone: statement.timezone })} ${text(locale, 'standards.clocks')}</p>
<h3>${text(locale, 'standards.holidays.title')}</h3>
${holidays}
</section>
${sections.join('\n')}
</main>
<footer><p>${text(locale, 'standards.updated', { time: updated })}</p></footer>
</body></html>`;
}
