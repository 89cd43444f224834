/** A daily time-series chart (uPlot on a canvas) with a title, a legend and axis labels; resizes with its box. */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { hasData, type ChartData } from './dashboard-data';
import { formatDay } from './dashboard-tables';
import { NO_VALUE } from './format';
import { useI18n } from './i18n';

export const PALETTE = ['#0b5cad', '#c2410c', '#15803d', '#b42318', '#7c3aed', '#0e7490', '#6b7280'];
const HEIGHT = 240;

export interface ChartProps {
  readonly id: string;
  readonly title: string;
  readonly yLabel: string;
  readonly data: ChartData;
  /** The y axis ticks and the legend's values. */
  readonly format: (v: number) => string;
  readonly colors?: readonly string[];
}

export function Chart({ id, title, yLabel, data, format, colors = PALETTE }: ChartProps) {
  const { t, locale } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const empty = !hasData(data);

  useEffect(() => {
    const el = box.current;
    if (!el || empty) return;
    const tick = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', timeZone: 'UTC' });
    const value = (_: uPlot, v: number | null) => (v === null || v === undefined ? NO_VALUE : format(v));
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: HEIGHT,
      // Days are UTC midnights: shown in UTC, a day never slips to the day before.
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { x: { time: true } },
      series: [
        { label: t('chart.day'), value: (_, ts) => (ts === null || ts === undefined ? NO_VALUE : formatDay(new Date(ts * 1000).toISOString().slice(0, 10), locale)) },
        ...data.series.map((s, i) => ({
          label: s.label,
          stroke: s.color ?? (s.reference ? '#b42318' : colors[i % colors.length]!),
          width: 2,
          ...(s.reference && { dash: [8, 5] }),
          points: { show: !s.reference, size: 5 },
          value,
        })),
      ],
      axes: [
        { label: t('chart.day'), values: (_, splits) => splits.map((ts) => tick.format(ts * 1000)) },
        { label: yLabel, size: 86, values: (_, splits) => splits.map((v) => format(v)) },
      ],
      legend: { show: true, live: true },
    };
    const plot = new uPlot(opts, [data.x as number[], ...data.series.map((s) => s.values as (number | null)[])], el);
    const resize = new ResizeObserver(() => {
      const width = Math.max(200, el.clientWidth);
      if (width !== plot.width) plot.setSize({ width, height: HEIGHT });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [data, locale, empty, yLabel]);

  return (
    <figure class="chart" data-chart={id} aria-labelledby={`chart-${id}`}>
      <figcaption id={`chart-${id}`}>{title}</figcaption>
      {empty ? <p class="muted no-data">{t('chart.noData')}</p> : <div class="chart-box" ref={box} />}
    </figure>
  );
}
