/**
 * The dashboard's tables as data (pure): each column says what the screen shows (formatted for the
 * locale) and what its CSV holds (raw: numbers as numbers, times in minutes). The page renders
 * these specs, and the CSV export of a table is built from the same rows.
 */
import { toCsv, type CsvCell } from './csv.js';
import { labelOf } from './dashboard-data.js';
import type { MessageKey, Translate } from './messages.js';
import { formatMinutes, formatNps, formatNumber, formatPercent } from './format.js';
import type { AgentRow, MetricsDay, MetricsReport } from './types.js';

export interface Column<R> {
  readonly label: string;
  /** The CSV value; absent: the column is on screen only. */
  readonly csv?: (row: R) => CsvCell;
  /** The text on screen; absent: the column is in the CSV only. */
  readonly show?: (row: R) => string;
  readonly numeric?: boolean;
  /** A 0-100 bar drawn behind the cell. */
  readonly bar?: (row: R) => number;
}

export interface TableSpec<R = unknown> {
  readonly id: string;
  readonly title: string;
  readonly columns: readonly Column<R>[];
  readonly rows: readonly R[];
}

/** A table's CSV: the CSV columns' labels, then one line per row. */
export function tableCsv<R>(spec: TableSpec<R>): string {
  const cols = spec.columns.filter((c) => c.csv);
  return toCsv(
    cols.map((c) => c.label),
    spec.rows.map((r) => cols.map((c) => c.csv!(r))),
  );
}

const erase = <R>(spec: TableSpec<R>): TableSpec => spec as unknown as TableSpec;

export const AGE_BUCKETS = ['lt1d', 'd1to3', 'd3to7', 'd7to30', 'gt30d'] as const;
export const OPEN_STATUSES = ['new', 'open', 'pending'] as const;

/** A dimension value as people read it (`-` is "none": unassigned, no team, unknown language). */
export function dimensionLabel(t: Translate, locale: string, field: 'channel' | 'team' | 'agent' | 'language', value: string): string {
  if (value === '-') return t(field === 'agent' ? 'dash.unassigned' : field === 'team' ? 'dash.noTeam' : 'dash.noLanguage');
  if (field === 'channel') return labelOf(t, 'channel', value);
  if (field === 'language') {
    try {
      const name = new Intl.DisplayNames([locale], { type: 'language' }).of(value);
      return name && name !== value ? `${name} (${value})` : value;
    } catch {
      return value;
    }
  }
  return value;
}

export function formatDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** Every table of the dashboard, in page order. */
export function dashboardTables(report: MetricsReport, t: Translate, locale: string): TableSpec[] {
  const clock = report.targets.clock;
  const clockName = t(`kpi.clock.${clock}`);
  const n = (v: number | null) => formatNumber(v, locale, 0);
  const pct = (v: number | null) => formatPercent(v, locale);
  const withCount = (value: string, count: number) => (count > 0 ? `${value} (${n(count)})` : value);
  const frMinutes = (label: MessageKey, c: 'business' | 'calendar') => t(label, { clock: t(`kpi.clock.${c}`) });

  const categoryTotal = Object.values(report.totals.categories).reduce((a, b) => a + b, 0);
  const categories = Object.entries(report.totals.categories)
    .filter(([, count]) => count > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([category, count]) => ({ category, count, share: categoryTotal ? Math.round((1000 * count) / categoryTotal) / 10 : 0 }));

  const phrases = (id: string, title: MessageKey, rows: readonly { phrase: string; count: number }[]) =>
    erase({
      id,
      title: t(title),
      rows,
      columns: [
        { label: t('col.phrase'), show: (r) => r.phrase, csv: (r) => r.phrase },
        { label: t('col.count'), show: (r) => n(r.count), csv: (r) => r.count, numeric: true },
      ],
    });

  const agents: TableSpec<AgentRow> = {
    id: 'agents',
    title: t('table.agents'),
    rows: report.agents,
    columns: [
      { label: t('col.agent'), show: (r) => dimensionLabel(t, locale, 'agent', r.agent), csv: (r) => dimensionLabel(t, locale, 'agent', r.agent) },
      { label: t('col.items'), show: (r) => n(r.items), csv: (r) => r.items, numeric: true },
      { label: t('col.handled'), show: (r) => n(r.handled), csv: (r) => r.handled, numeric: true },
      { label: t('col.frMedian', { clock: clockName }), show: (r) => formatMinutes(r.firstResponse[clock].median, locale), numeric: true },
      { label: frMinutes('col.frMedianMinutes', 'business'), csv: (r) => r.firstResponse.business.median },
      { label: frMinutes('col.frMedianMinutes', 'calendar'), csv: (r) => r.firstResponse.calendar.median },
      { label: t('col.csat'), show: (r) => withCount(pct(r.csat.score), r.csat.responses), csv: (r) => r.csat.score, numeric: true },
      { label: t('col.csatResponses'), csv: (r) => r.csat.responses },
      { label: t('col.nps'), show: (r) => withCount(formatNps(r.nps.score, locale), r.nps.responses), csv: (r) => r.nps.score, numeric: true },
      { label: t('col.npsResponses'), csv: (r) => r.nps.responses },
      { label: t('col.kudos'), show: (r) => n(r.kudos), csv: (r) => r.kudos, numeric: true },
    ],
  };

  const backlogRows = OPEN_STATUSES.map((status) => ({ status, ...(report.backlog.byStatus[status] ?? { total: 0, ages: { lt1d: 0, d1to3: 0, d3to7: 0, d7to30: 0, gt30d: 0 } }) }));
  const backlog: TableSpec<(typeof backlogRows)[number]> = {
    id: 'backlog',
    title: t('table.backlog'),
    rows: backlogRows,
    columns: [
      { label: t('col.status'), show: (r) => labelOf(t, 'status', r.status), csv: (r) => labelOf(t, 'status', r.status) },
      { label: t('col.total'), show: (r) => n(r.total), csv: (r) => r.total, numeric: true },
      ...AGE_BUCKETS.map((b) => ({ label: t(`age.${b}`), show: (r: (typeof backlogRows)[number]) => n(r.ages[b]), csv: (r: (typeof backlogRows)[number]) => r.ages[b], numeric: true })),
    ],
  };

  const daily: TableSpec<MetricsDay> = {
    id: 'daily',
    title: t('table.daily'),
    rows: report.daily,
    columns: [
      { label: t('col.date'), show: (r) => formatDay(r.date, locale), csv: (r) => r.date },
      { label: t('col.items'), show: (r) => n(r.items), csv: (r) => r.items, numeric: true },
      { label: t('col.nps'), show: (r) => withCount(formatNps(r.nps, locale), r.npsResponses), csv: (r) => r.nps, numeric: true },
      { label: t('col.npsResponses'), csv: (r) => r.npsResponses },
      { label: t('col.csat'), show: (r) => withCount(pct(r.csat), r.csatResponses), csv: (r) => r.csat, numeric: true },
      { label: t('col.csatResponses'), csv: (r) => r.csatResponses },
      { label: t('col.frMedian', { clock: clockName }), show: (r) => formatMinutes(r.firstResponse[clock].median, locale), numeric: true },
      { label: frMinutes('col.frMedianMinutes', 'business'), csv: (r) => r.firstResponse.business.median },
      { label: frMinutes('col.frMedianMinutes', 'calendar'), csv: (r) => r.firstResponse.calendar.median },
      { label: t('col.slaFirstResponse'), show: (r) => pct(r.slaCompliance.firstResponse), csv: (r) => r.slaCompliance.firstResponse, numeric: true },
      { label: t('col.slaResolution'), show: (r) => pct(r.slaCompliance.resolution), csv: (r) => r.slaCompliance.resolution, numeric: true },
    ],
  };

  return [
    erase<(typeof categories)[number]>({
      id: 'categories',
      title: t('table.categories'),
      rows: categories,
      columns: [
        { label: t('col.category'), show: (r) => labelOf(t, 'category', r.category), csv: (r) => labelOf(t, 'category', r.category) },
        { label: t('col.items'), show: (r) => n(r.count), csv: (r) => r.count, numeric: true },
        { label: t('col.share'), show: (r) => pct(r.share), csv: (r) => r.share, numeric: true, bar: (r) => r.share },
      ],
    }),
    phrases('complaints', 'table.complaints', report.topPhrases.complaint),
    phrases('praise', 'table.praise', report.topPhrases.praise),
    erase(agents),
    erase(backlog),
    erase(daily),
  ];
}
