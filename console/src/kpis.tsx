/** The dashboard's KPI tiles: one figure each, with the counts behind it. */
import type { ComponentChildren } from 'preact';
import { formatMinutes, formatNps, formatNumber, formatPercent } from './format';
import { useI18n } from './i18n';
import type { MetricsReport } from './types';

type Clocked = MetricsReport['totals']['firstResponse'];
const other = (c: 'business' | 'calendar') => (c === 'business' ? 'calendar' : 'business');

function Tile({ id, label, value, children }: { id: string; label: string; value: string; children?: ComponentChildren }) {
  return (
    <li class="kpi" data-kpi={id}>
      <span class="kpi-label">{label}</span>
      <strong class="kpi-value" data-testid={`kpi-${id}`}>{value}</strong>
      {children && <span class="kpi-detail">{children}</span>}
    </li>
  );
}

export function Kpis({ report }: { report: MetricsReport }) {
  const { t, locale } = useI18n();
  const { totals, targets, backlog } = report;
  const n = (v: number) => formatNumber(v, locale, 0);
  const clockName = (c: 'business' | 'calendar') => t(`kpi.clock.${c}`);

  const duration = (id: string, label: string, stats: Clocked) => (
    <Tile id={id} label={label} value={formatMinutes(stats[targets.clock].median, locale)}>
      <span>{t('kpi.medianOn', { clock: clockName(targets.clock) })} · p90 {formatMinutes(stats[targets.clock].p90, locale)}</span>
      <span data-clock={other(targets.clock)}>
        {clockName(other(targets.clock))}: {t('kpi.medianP90', { median: formatMinutes(stats[other(targets.clock)].median, locale), p90: formatMinutes(stats[other(targets.clock)].p90, locale) })}
      </span>
    </Tile>
  );

  const status = (s: string) => n(backlog.byStatus[s]?.total ?? 0);

  return (
    <>
      <h2 class="sr-only">{t('dash.kpis')}</h2>
      <ul class="kpis" data-testid="kpis">
        <Tile id="nps" label={t('kpi.nps')} value={formatNps(totals.nps.score, locale)}>
          {t('kpi.npsDetail', { promoters: n(totals.nps.promoters), passives: n(totals.nps.passives), detractors: n(totals.nps.detractors) })}
        </Tile>
        <Tile id="csat" label={t('kpi.csat')} value={formatPercent(totals.csat.score, locale)}>
          {t('kpi.csatDetail', { satisfied: n(totals.csat.satisfied), responses: n(totals.csat.responses) })}
        </Tile>
        <Tile id="response-rate" label={t('kpi.responseRate')} value={formatPercent(totals.surveys.responseRate, locale)}>
          {t('kpi.responseRateDetail', { answered: n(totals.surveys.answered), sent: n(totals.surveys.sent) })}
        </Tile>
        {duration('first-response', t('kpi.firstResponse'), totals.firstResponse)}
        {duration('resolution', t('kpi.resolution'), totals.resolution)}
        <Tile id="sla-first-response" label={t('kpi.slaFirstResponse')} value={formatPercent(totals.sla.firstResponse.compliance, locale)}>
          {t('kpi.slaDetail', { met: n(totals.sla.firstResponse.met), missed: n(totals.sla.firstResponse.missed) })}
        </Tile>
        <Tile id="sla-resolution" label={t('kpi.slaResolution')} value={formatPercent(totals.sla.resolution.compliance, locale)}>
          {t('kpi.slaDetail', { met: n(totals.sla.resolution.met), missed: n(totals.sla.resolution.missed) })}
        </Tile>
        <Tile id="items" label={t('kpi.items')} value={n(totals.items)}>
          {t('kpi.itemsDetail', { handled: n(totals.handled), kudos: n(totals.kudos) })}
        </Tile>
        <Tile id="backlog" label={t('kpi.backlog')} value={n(backlog.total)}>
          {t('kpi.backlogDetail', { new: status('new'), open: status('open'), pending: status('pending') })}
        </Tile>
      </ul>
    </>
  );
}
