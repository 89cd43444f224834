/** The dashboard's pure parts: its filters in the URL, and the chart series built from a metrics report. */
import { isMessageKey, type Translate } from './messages.js';
import type { MetricsReport } from './types.js';

export const FILTER_KEYS = ['from', 'to', 'channel', 'team', 'agent', 'language'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type DashboardFilters = Partial<Record<FilterKey, string>>;

export const PRESETS = [7, 30, 90] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters a dashboard URL holds (`?from=…&channel=…`); malformed dates and empty values are dropped. */
export function parseFilters(search: string): DashboardFilters {
  const params = new URLSearchParams(search);
  const out: DashboardFilters = {};
  for (const key of FILTER_KEYS) {
    const v = params.get(key)?.trim();
    if (!v || v.length > 500) continue;
    if ((key === 'from' || key === 'to') && (!DAY.test(v) || Number.isNaN(Date.parse(v)))) continue;
    out[key] = v;
  }
  return out;
}

/** The query string for filters, keys in a fixed order (one view, one URL); '' without filters. */
export function filtersToSearch(filters: DashboardFilters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key]!);
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** `YYYY-MM-DD` plus `n` days (negative: before). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The last `days` days ending on `to` (inclusive). */
export const presetRange = (days: number, to: string): { from: string; to: string } => ({ from: addDays(to, -(days - 1)), to });

/** The epoch seconds of a day's UTC midnight (the charts show the x axis in UTC, so the date never shifts). */
export const dayTimestamp = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 1000;

export interface ChartSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  /** A reference line (a target): drawn, but not "data" for the empty check. */
  readonly reference?: boolean;
  /** A fixed colour (a sentiment's); else the chart's palette. */
  readonly color?: string;
}

export interface ChartData {
  /** Epoch seconds, one per day in range. */
  readonly x: readonly number[];
  readonly series: readonly ChartSeries[];
}

/** A chart has data when some non-reference series has a value on some day. */
export const hasData = (chart: ChartData): boolean => chart.series.some((s) => !s.reference && s.values.some((v) => v !== null));

/** A value's label: its message (`<prefix>.<value>`) when there is one, else the value itself. */
export function labelOf(t: Translate, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return isMessageKey(key) ? t(key) : value;
}

const xs = (report: MetricsReport) => report.daily.map((d) => dayTimestamp(d.date));

/** Daily NPS and CSAT; a day without answers is a gap (null), never 0. */
export function npsCsatSeries(report: MetricsReport, t: Translate): ChartData {
  return {
    x: xs(report),
    series: [
      { label: t('kpi.nps'), values: report.daily.map((d) => d.nps) },
      { label: `${t('kpi.csat')} (%)`, values: report.daily.map((d) => d.csat) },
    ],
  };
}

/** The daily first response median on the targets' clock, and the target as a flat line. */
export function firstResponseSeries(report: MetricsReport, t: Translate): ChartData {
  const clock = report.targets.clock;
  return {
    x: xs(report),
    series: [
      { label: t('chart.median', { clock: t(`kpi.clock.${clock}`) }), values: report.daily.map((d) => d.firstResponse[clock].median) },
      { label: t('chart.target'), values: report.daily.map(() => report.targets.firstResponseMinutes), reference: true },
    ],
  };
}

/** Items per channel per day: one series per channel with items in range, busiest first; 0 on quiet days. */
export function channelVolumeSeries(report: MetricsReport, t: Translate): ChartData {
  const channels = Object.entries(report.totals.channels)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([c]) => c);
  return {
    x: xs(report),
    series: channels.map((c) => ({ label: labelOf(t, 'channel', c), values: report.daily.map((d) => d.channels[c] ?? 0) })),
  };
}

export const SENTIMENT_ORDER = ['POSITIVE', 'NEUTRAL', 'MIXED', 'NEGATIVE'] as const;
const SENTIMENT_COLORS: Record<(typeof SENTIMENT_ORDER)[number], string> = { POSITIVE: '#15803d', NEUTRAL: '#6b7280', MIXED: '#c2410c', NEGATIVE: '#b42318' };

/** Each sentiment's share (%, one decimal) of the day's items with a sentiment; null on a day without any. */
export function sentimentSeries(report: MetricsReport, t: Translate): ChartData {
  const present = SENTIMENT_ORDER.filter((s) => (report.totals.sentiment[s] ?? 0) > 0);
  return {
    x: xs(report),
    series: present.map((s) => ({
      label: labelOf(t, 'sentiment', s),
      color: SENTIMENT_COLORS[s],
      values: report.daily.map((d) => {
        const total = Object.values(d.sentiment).reduce((a, b) => a + b, 0);
        return total === 0 ? null : Math.round((1000 * (d.sentiment[s] ?? 0)) / total) / 10;
      }),
    })),
  };
}
