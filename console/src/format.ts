/** Locale-aware number, percentage and duration formatting for the console (pure; no DOM). */

export const NO_VALUE = '—';

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, digits: number, sign = false): Intl.NumberFormat {
  const key = `${locale}|${digits}|${sign}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0, ...(sign && { signDisplay: 'exceptZero' }) });
    numberFormats.set(key, f);
  }
  return f;
}

/** A count or a figure with up to `digits` decimals, in the locale's digits and separators (pt-BR: 1.234,5). */
export function formatNumber(n: number | null | undefined, locale: string, digits = 1): string {
  return n === null || n === undefined || !Number.isFinite(n) ? NO_VALUE : numberFormat(locale, digits).format(n);
}

/** A percentage given as 0-100 with one decimal: "72,5 %" in pt-BR, "72.5%" in English. */
export function formatPercent(pct: number | null | undefined, locale: string): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return NO_VALUE;
  const n = numberFormat(locale, 1).format(pct);
  return locale.toLowerCase().startsWith('pt') ? `${n} %` : `${n}%`;
}

/** An NPS score (−100..100): a signed number, not a percentage. */
export function formatNps(score: number | null | undefined, locale: string): string {
  return score === null || score === undefined || !Number.isFinite(score) ? NO_VALUE : numberFormat(locale, 1, true).format(score);
}

const HOUR = 60;
const DAY = 24 * HOUR;

/**
 * Minutes as a person would say them: "0,5 min", "45 min", "1 h 20 min", "2 d 3 h". Below an hour
 * whole minutes (one decimal below one minute), below a day hours and minutes, from a day on days
 * and hours; a zero second part is left out ("2 h", "3 d"). Null (no data) is "—".
 */
export function formatMinutes(minutes: number | null | undefined, locale: string): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes) || minutes < 0) return NO_VALUE;
  const num = (n: number, digits = 0) => numberFormat(locale, digits).format(n);
  if (minutes < 1) return `${num(minutes, 1)} min`;
  const m = Math.round(minutes);
  if (m < HOUR) return `${num(m)} min`;
  if (m < DAY) {
    const h = Math.floor(m / HOUR);
    const rest = m % HOUR;
    return rest ? `${num(h)} h ${num(rest)} min` : `${num(h)} h`;
  }
  const hours = Math.round(m / HOUR);
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return h ? `${num(d)} d ${num(h)} h` : `${num(d)} d`;
}
