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
  /** The y scale: a fixed range, or from 0 (`'zero'`); else uPlot's auto range. */
  readonly yRange?: readonly [number, number] | 'zero';
  /** The y axis steps to choose from (e.g. whole numbers for counts). */
  readonly yIncrs?: readonly number[];
}

export const COUNT_INCRS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000];
export const MINUTE_INCRS = [1, 2, 5, 10, 15, 30, 60, 120, 240, 480, 720, 1440, 2880, 7200, 14_400, 43_200];

function yScale(range: ChartProps['yRange']): uPlot.Scale {
  if (range === 'zero') return { range: (_u, _min, max) => uPlot.rangeNum(0, max > 0 ? max : 1, 0.1, true) };
  if (range) return { range: () => [range[0], range[1]] };
  return {};
}

export function Chart({ id, title, yLabel, data, format, colors = PALETTE, yRange, yIncrs }: ChartProps) {
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
      scales: { x: { time: true }, y: yScale(yRange) },
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
        { label: yLabel, size: 86, values: (_, splits) => splits.map((v) => format(v)), ...(yIncrs && { incrs: [...yIncrs] }) },
      ],
      legend: { show: true, live: true },
    };
    const plot = new uPlot(opts, [data.x as number[], ...data.series.map((s) => s.values as (number | null)[])], el);
    // The canvas is a picture to assistive technology; the same figures are in the daily table.
    plot.ctx.canvas.setAttribute('role', 'img');
    plot.ctx.canvas.setAttribute('aria-label', t('chart.aria', { title, y: yLabel, x: t('chart.day') }));
    const resize = new ResizeObserver(() => {
      const width = Math.max(200, el.clientWidth);
      if (width !== plot.width) plot.setSize({ width, height: HEIGHT });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [data, locale, empty, yLabel, title]);

  return (
    <figure class="chart" data-chart={id} aria-labelledby={`chart-${id}`}>
      <figcaption id={`chart-${id}`}>{title}</figcaption>
      {empty ? <p class="muted no-data">{t('chart.noData')}</p> : <div class="chart-box" ref={box} />}
    </figure>
  );
}
