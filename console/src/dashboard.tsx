/** The service quality dashboard: filters in the URL, KPI tiles, charts and tables from `GET /v1/metrics`. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiError, apiUrl } from './api';
import { Chart, COUNT_INCRS, MINUTE_INCRS } from './chart';
import { DataTable } from './data-table';
import { channelVolumeSeries, filtersToSearch, firstResponseSeries, npsCsatSeries, parseFilters, presetRange, PRESETS, sentimentSeries, type DashboardFilters } from './dashboard-data';
import { dashboardTables, dimensionLabel, formatDay } from './dashboard-tables';
import { formatMinutes, formatNumber, formatPercent } from './format';
import { useI18n, type MessageKey } from './i18n';
import { Kpis } from './kpis';
import { navigate } from './router';
import type { MetricsReport } from './types';

/** Today in the browser's time zone (`YYYY-MM-DD`): where the presets end. */
const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export function DashboardPage({ search }: { search: string }) {
  const i18n = useI18n();
  const { t, locale, formatTime } = i18n;
  const filters = useMemo(() => parseFilters(search), [search]);
  const [report, setReport] = useState<MetricsReport | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    setLoading(true);
    api<MetricsReport>('GET', `/v1/metrics${filtersToSearch(filters)}`)
      .then((r) => {
        if (!live) return;
        setReport(r);
        setError(undefined);
      })
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e.message : String(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [filters]);

  const update = (patch: DashboardFilters) => navigate(`/dashboard${filtersToSearch({ ...filters, ...patch })}`);

  const charts = useMemo(() => report && {
    npsCsat: npsCsatSeries(report, t),
    firstResponse: firstResponseSeries(report, t),
    volume: channelVolumeSeries(report, t),
    sentiment: sentimentSeries(report, t),
  }, [report, t]);
  const tables = useMemo(() => (report ? dashboardTables(report, t, locale) : []), [report, t, locale]);

  const picker = (field: 'channel' | 'team' | 'agent' | 'language', label: MessageKey, values: readonly string[]) => {
    const current = filters[field] ?? '';
    const options = current && !values.includes(current) ? [...values, current] : values;
    return (
      <label class="filter">
        <span>{t(label)}</span>
        <select value={current} onChange={(e) => update({ [field]: e.currentTarget.value })} data-filter={field}>
          <option value="">{t('filter.any')}</option>
          {options.map((v) => (
            <option key={v} value={v}>{dimensionLabel(t, locale, field, v)}</option>
          ))}
        </select>
      </label>
    );
  };

  const from = filters.from ?? report?.range.from ?? '';
  const to = filters.to ?? report?.range.to ?? '';
  const dims = report?.dimensions ?? { channels: [], teams: [], agents: [], languages: [] };

  return (
    <section class="dashboard" aria-labelledby="dash-title" aria-busy={loading}>
      <div class="inbox-head">
        <h1 id="dash-title">{t('dash.title')}</h1>
        <a href={apiUrl('/standards')} data-testid="standards-link">{t('dash.standards')}</a>
      </div>
      <form class="filters" aria-label={t('dash.filters')} onSubmit={(e) => e.preventDefault()}>
        <label class="filter">
          <span>{t('dash.from')}</span>
          <input type="date" value={from} max={to || undefined} onChange={(e) => update({ from: e.currentTarget.value })} data-filter="from" />
        </label>
        <label class="filter">
          <span>{t('dash.to')}</span>
          <input type="date" value={to} min={from || undefined} onChange={(e) => update({ to: e.currentTarget.value })} data-filter="to" />
        </label>
        <div class="presets" role="group" aria-label={t('dash.filters')}>
          {PRESETS.map((n) => (
            <button key={n} type="button" data-preset={n} aria-pressed={report?.range.days === n && report.range.to === today()} onClick={() => update(presetRange(n, today()))}>
              {t('dash.preset', { n })}
            </button>
          ))}
        </div>
        {picker('channel', 'filter.channel', dims.channels)}
        {picker('team', 'dash.team', dims.teams)}
        {picker('agent', 'dash.agent', dims.agents)}
        {picker('language', 'filter.language', dims.languages)}
        <button type="button" class="link" onClick={() => navigate('/dashboard')}>{t('filter.clear')}</button>
      </form>

      <p class="muted" aria-live="polite" data-testid="dash-status">
        {loading ? t(report ? 'dash.updating' : 'dash.loading') : report &&
          t('dash.range', { from: formatDay(report.range.from, locale), to: formatDay(report.range.to, locale), days: report.range.days, tz: report.range.timezone, time: formatTime(report.meta.generatedAt) })}
      </p>
      {error && <p class="error" role="alert">{t('error.generic', { message: error })}</p>}

      {report && charts && (
        <>
          <Kpis report={report} />
          <h2 class="sr-only">{t('dash.charts')}</h2>
          <div class="charts">
            <Chart id="nps-csat" title={t('chart.npsCsat')} yLabel={t('chart.score')} data={charts.npsCsat} format={(v) => formatNumber(v, locale)} yRange={[-100, 100]} />
            <Chart id="first-response" title={t('chart.firstResponse')} yLabel={t('chart.time')} data={charts.firstResponse} format={(v) => formatMinutes(v, locale)} yRange="zero" yIncrs={MINUTE_INCRS} />
            <Chart id="volume" title={t('chart.volume')} yLabel={t('chart.items')} data={charts.volume} format={(v) => formatNumber(v, locale, 0)} yRange="zero" yIncrs={COUNT_INCRS} />
            <Chart id="sentiment" title={t('chart.sentiment')} yLabel={t('chart.share')} data={charts.sentiment} format={(v) => formatPercent(v, locale)} yRange={[0, 100]} />
          </div>
          <h2 class="sr-only">{t('dash.tables')}</h2>
          <div class="tables">
            {tables.map((spec) => (
              <DataTable key={spec.id} spec={spec} range={report.range} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}
