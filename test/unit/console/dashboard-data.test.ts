import { describe, expect, it } from 'vitest';
import {
  addDays,
  channelVolumeSeries,
  dayTimestamp,
  filtersToSearch,
  firstResponseSeries,
  hasData,
  labelOf,
  npsCsatSeries,
  parseFilters,
  presetRange,
  sentimentSeries,
} from '../../../console/src/dashboard-data.js';
import { translator } from '../../../console/src/messages.js';
import { REPORT } from './metrics-report.fixture.js';

const pt = translator('pt-BR');
const en = translator('en');
const X = [Date.UTC(2024, 4, 30) / 1000, Date.UTC(2024, 4, 31) / 1000, Date.UTC(2024, 5, 1) / 1000];

describe('dashboard filters in the URL', () => {
  it('reads the known filters, dropping malformed dates, empty values and unknown keys', () => {
    expect(parseFilters('?from=2024-05-01&to=2024-13-45&channel=email&team=&agent=ana%40loja.example&x=1&language=pt')).toEqual({
      from: '2024-05-01',
      channel: 'email',
      agent: 'ana@loja.example',
      language: 'pt',
    });
    expect(parseFilters('?from=yesterday&channel=%20%20')).toEqual({});
    expect(parseFilters('')).toEqual({});
  });

  it('writes them in a fixed order, so one view is one URL, and reads them back', () => {
    const filters = { language: 'pt', agent: '-', from: '2024-05-01', channel: 'web,email', to: '2024-05-31' };
    const search = filtersToSearch(filters);
    expect(search).toBe('?from=2024-05-01&to=2024-05-31&channel=web%2Cemail&agent=-&language=pt');
    expect(parseFilters(search)).toEqual(filters);
    expect(filtersToSearch({ channel: '' })).toBe('');
  });

  it('presets end on the given day and count it', () => {
    expect(presetRange(7, '2024-03-03')).toEqual({ from: '2024-02-26', to: '2024-03-03' });
    expect(presetRange(30, '2024-01-15')).toEqual({ from: '2023-12-17', to: '2024-01-15' });
    expect(presetRange(90, '2024-12-31').from).toBe('2024-10-03');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });
});

describe('chart series from a report', () => {
  it('puts each day at its UTC midnight', () => {
    expect(dayTimestamp('2024-05-30')).toBe(X[0]);
    expect(npsCsatSeries(REPORT, pt).x).toEqual(X);
  });

  it('NPS and CSAT per day, with gaps (null) on days without answers', () => {
    const chart = npsCsatSeries(REPORT, pt);
    expect(chart.series.map((s) => s.label)).toEqual(['NPS', 'CSAT (%)']);
    expect(chart.series[0]!.values).toEqual([-100, null, 100]);
    expect(chart.series[1]!.values).toEqual([null, null, 50]);
    expect(hasData(chart)).toBe(true);
  });

  it('first response median on the targets clock against a flat target line', () => {
    const chart = firstResponseSeries(REPORT, pt);
    expect(chart.series[0]).toEqual({ label: 'Mediana (horário comercial)', values: [45, null, 300] });
    expect(chart.series[1]).toEqual({ label: 'Meta', values: [240, 240, 240], reference: true });
    const calendar = firstResponseSeries({ ...REPORT, targets: { ...REPORT.targets, clock: 'calendar' } }, en);
    expect(calendar.series[0]).toEqual({ label: 'Median (clock time)', values: [60, null, 500] });
  });

  it('a target alone is not data: the chart says "no data"', () => {
    const quiet = { ...REPORT, daily: REPORT.daily.map((d) => ({ ...d, firstResponse: { business: { count: 0, median: null, p90: null }, calendar: { count: 0, median: null, p90: null } } })) };
    expect(hasData(firstResponseSeries(quiet, pt))).toBe(false);
  });

  it('volume: one series per channel with items, busiest first, 0 on quiet days', () => {
    const chart = channelVolumeSeries(REPORT, pt);
    expect(chart.series.map((s) => [s.label, s.values])).toEqual([
      ['E-mail', [3, 0, 1]],
      ['Web', [1, 0, 1]],
      ['Pesquisa', [0, 0, 1]],
    ]);
    const empty = channelVolumeSeries({ ...REPORT, totals: { ...REPORT.totals, channels: {} } }, pt);
    expect(empty.series).toEqual([]);
    expect(hasData(empty)).toBe(false);
  });

  it('sentiment: each label present in range as a share of the day (null on an empty day), with its own colour', () => {
    const chart = sentimentSeries(REPORT, en);
    expect(chart.series.map((s) => [s.label, s.values])).toEqual([
      ['Positive', [25, null, 66.7]],
      ['Neutral', [25, null, 0]],
      ['Negative', [50, null, 33.3]],
    ]);
    expect(new Set(chart.series.map((s) => s.color)).size).toBe(3);
  });

  it('labels a value by its message when there is one, else shows it as it is', () => {
    expect(labelOf(pt, 'channel', 'phone')).toBe('Telefone');
    expect(labelOf(pt, 'channel', 'whatsapp')).toBe('whatsapp');
  });
});
