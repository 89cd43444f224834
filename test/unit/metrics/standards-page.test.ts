import { describe, expect, it } from 'vitest';
import { MIN_RESPONSES, standardsPage, windowDays, type StandardsPageDeps } from '../../../shared/app/standards-page.use-case.js';
import { bucketOf, bucketValue } from '../../../shared/domain/metrics/duration-histogram.js';
import { COUNTER, NONE, type Counters, type MetricsRow, type TimeClock } from '../../../shared/domain/metrics/metrics-counters.js';
import { DEFAULT_SERVICE_STANDARDS, type ServiceStandardsInput } from '../../../shared/domain/sla/service-standards.schema.js';
import type { StoredConfig } from '../../../shared/ports/workflow-store.port.js';

/** Counters for some first response times (minutes) on one clock. */
function frt(clock: TimeClock, minutes: readonly number[]): Counters {
  const out: Counters = {};
  for (const m of minutes) {
    const name = COUNTER.firstResponse(clock, bucketOf(m));
    out[name] = (out[name] ?? 0) + 1;
  }
  return out;
}
const row = (day: string, channel: string, counters: Counters, language = 'pt'): MetricsRow => ({ day, cell: { channel, language, team: NONE, agent: NONE }, counters });

function fakes(rows: MetricsRow[], stored?: ServiceStandardsInput, now = '2026-11-28T15:00:00Z') {
  const asked: string[][] = [];
  const deps: StandardsPageDeps = {
    clock: { now: () => new Date(now) },
    metrics: {
      readDays: async (days) => {
        asked.push([...days]);
        return { rows: rows.filter((r) => days.includes(r.day)), reads: days.length };
      },
    },
    configs: {
      get: async (name): Promise<StoredConfig | undefined> =>
        name === 'service-standards' && stored ? { value: stored, version: 1, updatedAt: '2026-01-01T00:00:00Z' } : undefined,
      put: async () => false,
      nextCounter: async () => 1,
    },
  };
  return { deps, asked };
}

// Web, business time: 7 responses over two days, two languages and two shards of one cell.
// Sorted: 5, 10, 10, 45, 45, 120, 300 → nearest rank ⌈0.5 × 7⌉ = 4 → 45 (an exact bucket).
// Its calendar counters (all 600) must not be used: web promises in business time.
const WEB = [
  row('2026-11-27', 'web', { ...frt('business', [5, 10, 45]), ...frt('calendar', [600, 600, 600]), items: 9 }),
  row('2026-11-27', 'web', { ...frt('business', [10]), ...frt('calendar', [600]), 'frt.business.bogus': 4 }),
  row('2026-11-02', 'web', { ...frt('business', [45, 120, 300]), ...frt('calendar', [600, 600, 600]) }, 'en'),
];
// Email, calendar time (custom standards): 30, 90, 200, 200, 1000 → rank 3 → the bucket of 200.
const EMAIL = [
  row('2026-11-20', 'email', { ...frt('calendar', [30, 90, 200]), ...frt('business', [1]) }),
  row('2026-11-21', 'email', { ...frt('calendar', [200, 1000]), ...frt('business', [2]) }),
];
// Social: only 4 responses, below the minimum.
const SOCIAL = [row('2026-11-25', 'social', frt('business', [50, 50, 50, 50]))];
// Outside the window (received 31 days ago) and an unknown channel: neither counts.
const NOISE = [row('2026-10-29', 'web', frt('business', [0, 0, 0, 0, 0, 0, 0, 0])), row('2026-11-27', 'fax', frt('business', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))];

const CUSTOM: ServiceStandardsInput = {
  clock: { email: 'calendar' },
  targets: {
    byPriority: DEFAULT_SERVICE_STANDARDS.targets.byPriority,
    byChannel: { email: { normal: { firstResponseMinutes: 180 } } },
  },
};

describe('standards page data', () => {
  it('reads the last 30 days, in the standards time zone, one read per day', async () => {
    const { deps, asked } = fakes([]);
    const page = await standardsPage(deps);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toHaveLength(30);
    expect(asked[0]![0]).toBe('2026-10-30');
    expect(asked[0]![29]).toBe('2026-11-28');
    expect(page.window).toEqual({ from: '2026-10-30', to: '2026-11-28' });
    expect(page.reads).toBe(30);
    expect(page.generatedAt).toBe('2026-11-28T15:00:00.000Z');
    // 02:00 UTC is still the 27th in São Paulo (UTC−3) but the 28th in Lisbon (UTC+0 in November).
    expect(windowDays(new Date('2026-11-28T02:00:00Z'), 'America/Sao_Paulo').at(-1)).toBe('2026-11-27');
    const lisbon = await standardsPage(fakes([], { timezone: 'Europe/Lisbon' }, '2026-11-28T02:00:00Z').deps);
    expect(lisbon.window).toEqual({ from: '2026-10-30', to: '2026-11-28' });
    expect(windowDays(new Date('2026-03-10T12:00:00Z'), 'UTC')[0]).toBe('2026-02-09');
  });

  it('sums each channel’s counters on its promise’s clock and compares the median with the normal-priority promise', async () => {
    const { deps } = fakes([...WEB, ...EMAIL, ...SOCIAL, ...NOISE], CUSTOM);
    const page = await standardsPage(deps);
    const web = page.channels.find((c) => c.channel === 'web')!;
    expect(web).toEqual({ channel: 'web', clock: 'business', responses: 7, medianMinutes: 45, promisedMinutes: 240, met: true });

    const email = page.channels.find((c) => c.channel === 'email')!;
    expect(email).toMatchObject({ clock: 'calendar', responses: 5, promisedMinutes: 180, met: false });
    expect(email.medianMinutes).toBe(bucketValue(bucketOf(200)));
    expect(Math.abs(email.medianMinutes! - 200) / 200).toBeLessThan(0.01);

    // CUSTOM's byChannel has no social override: social promises the plain normal 240.
    const social = page.channels.find((c) => c.channel === 'social')!;
    expect(social).toEqual({ channel: 'social', clock: 'business', responses: 4, medianMinutes: undefined, promisedMinutes: 240, met: undefined });
    expect(page.channels.find((c) => c.channel === 'phone')).toMatchObject({ responses: 0, medianMinutes: undefined, met: undefined });
    expect(page.channels.map((c) => c.channel)).toEqual(['web', 'api', 'email', 'social', 'phone', 'survey']);

    // Overall, business time, known channels in the window: web 5 10 10 45 45 120 300, email 1 2,
    // social 50 ×4 → 13 values: 1 2 5 10 10 45 [45] 50 50 50 50 120 300 → rank 7 → 45.
    expect(page.overall).toEqual({ clock: 'business', responses: 13, medianMinutes: 45 });
  });

  it(`needs at least ${MIN_RESPONSES} responses for a figure`, async () => {
    const four = await standardsPage(fakes([row('2026-11-27', 'phone', frt('business', [3, 4, 5, 6]))]).deps);
    expect(four.channels.find((c) => c.channel === 'phone')).toMatchObject({ responses: 4, medianMinutes: undefined, met: undefined });
    expect(four.overall).toEqual({ clock: 'business', responses: 4, medianMinutes: undefined });
    const five = await standardsPage(fakes([row('2026-11-27', 'phone', frt('business', [3, 4, 5, 6, 500]))]).deps);
    expect(five.channels.find((c) => c.channel === 'phone')).toMatchObject({ responses: 5, medianMinutes: 5, met: true });
    expect(five.overall).toEqual({ clock: 'business', responses: 5, medianMinutes: 5 });
  });

  it('states the stored standards (else the defaults) through the service statement', async () => {
    const defaults = await standardsPage(fakes([]).deps);
    expect(defaults.statement.timezone).toBe('America/Sao_Paulo');
    expect(defaults.statement.rows.find((r) => r.channel === 'email' && r.priority === 'normal')).toMatchObject({ clock: 'business', firstResponseMinutes: 240 });
    expect(defaults.statement.holidays).toContain('2026-12-25');

    const custom = await standardsPage(fakes([], { ...CUSTOM, holidays: ['2026-12-24'] }).deps);
    const email = custom.statement.rows.find((r) => r.channel === 'email' && r.priority === 'normal')!;
    expect(email).toMatchObject({ clock: 'calendar', firstResponseMinutes: 180, firstResponse: { 'pt-BR': '3 horas', en: '3 hours' } });
    expect(custom.statement.holidays).toEqual(['2026-12-24']);
  });

  it('reports the overall median in calendar time when every channel promises in calendar time', async () => {
    const allCalendar: ServiceStandardsInput = { clock: { web: 'calendar', email: 'calendar' } };
    const rows = [row('2026-11-27', 'web', { ...frt('calendar', [7, 8, 9]), ...frt('business', [1, 1, 1]) }), row('2026-11-27', 'email', frt('calendar', [20, 30]))];
    const page = await standardsPage(fakes(rows, allCalendar).deps, ['web', 'email']);
    expect(page.overall).toEqual({ clock: 'calendar', responses: 5, medianMinutes: 9 });
    expect(page.channels.map((c) => c.channel)).toEqual(['web', 'email']);
    const mixed = await standardsPage(fakes(rows, allCalendar).deps, ['web', 'email', 'phone']);
    expect(mixed.overall).toMatchObject({ clock: 'business', responses: 3 });
  });
});
