import type { Locale } from '../i18n.js';
import { OuvidorError } from '../errors.js';

/** The service standards' time zone when the caller gives none. */
export const DEFAULT_TIMEZONE = 'America/Sao_Paulo';

/** A template could not be rendered (a required variable is missing, an unknown time zone): a bug or bad config. */
export class TemplateRenderError extends OuvidorError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(500, 'template_render_failed', message, options);
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch (cause) {
      throw new TemplateRenderError(`Unknown time zone '${timeZone}'.`, { cause });
    }
    formatters.set(key, f);
  }
  return f;
}

/** ICU puts narrow no-break spaces before AM/PM; plain text (SMS, email) reads better with ordinary spaces. */
const plainSpaces = (s: string): string => s.replace(/[\u202f\u00a0]/g, ' ');

/**
 * A promised time in the customer's words: "segunda-feira, 30 de novembro, às 10:00" /
 * "Monday, November 30, 10:00 AM", in the standards' time zone. `withZone` appends the zone
 * (for team messages, read from anywhere).
 */
export function formatDue(date: Date, locale: Locale, timeZone: string = DEFAULT_TIMEZONE, withZone = false): string {
  if (Number.isNaN(date.getTime())) throw new TemplateRenderError('Invalid date.');
  const day = formatter(locale, timeZone, { weekday: 'long', day: 'numeric', month: 'long' }).format(date);
  const time =
    locale === 'pt-BR'
      ? formatter(locale, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date)
      : formatter(locale, timeZone, { hour: 'numeric', minute: '2-digit', hour12: true }).format(date);
  const zone = withZone ? ` (${timeZone})` : '';
  return plainSpaces(locale === 'pt-BR' ? `${day}, às ${time}${zone}` : `${day}, ${time}${zone}`);
}

/**
 * The first name to greet a customer by, or undefined for a neutral greeting. A name is the one
 * thing the customer wrote that reaches customer-facing text, so only letters, spaces, apostrophes,
 * hyphens and dots survive, and anything that looks like an address, a link or a number is dropped.
 */
export function greetingName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  if (/[@/:\\<>{}[\]\d]|www\.|https?/i.test(name)) return undefined;
  const first = name.normalize('NFC').trim().split(/\s+/)[0] ?? '';
  const clean = first.replace(/[^\p{L}\p{M}'’.-]/gu, '').replace(/^[.'’-]+|[.'’-]+$/g, '');
  if (!/\p{L}/u.test(clean) || clean.length > 40) return undefined;
  // "ana" or "ANA" (as some forms and caller IDs give it) reads better as "Ana"; "McDonald" stays.
  const oneCase = clean === clean.toLowerCase() || clean === clean.toUpperCase();
  return oneCase ? clean.charAt(0).toUpperCase() + clean.slice(1).toLowerCase() : clean;
}

/** One line of at most `max` characters, for team notifications. */
export function oneLine(text: string | undefined, max = 160): string | undefined {
  if (text === undefined) return undefined;
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return undefined;
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

const PRIORITY_PT: Record<string, string> = { low: 'baixa', normal: 'normal', high: 'alta', urgent: 'urgente' };
const CHANNEL_PT: Record<string, string> = { web: 'site', api: 'API', email: 'e-mail', social: 'redes sociais', phone: 'telefone', survey: 'pesquisa' };
const CHANNEL_EN: Record<string, string> = { web: 'website', api: 'API', email: 'email', social: 'social media', phone: 'phone', survey: 'survey' };

export const priorityName = (p: string | undefined, locale: Locale): string =>
  p === undefined ? (locale === 'pt-BR' ? 'não definida' : 'not set') : locale === 'pt-BR' ? (PRIORITY_PT[p] ?? p) : p;

export const channelName = (c: string | undefined, locale: Locale): string =>
  c === undefined ? (locale === 'pt-BR' ? 'não informado' : 'unknown') : ((locale === 'pt-BR' ? CHANNEL_PT : CHANNEL_EN)[c] ?? c);
