import { describe, expect, it } from 'vitest';
import { getMetrics, type GetMetricsDeps } from '../../../shared/app/get-metrics.use-case.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import type { MetricsRow } from '../../../shared/domain/metrics/metrics-counters.js';
import { MetricsReportSchema } from '../../../shared/domain/metrics/metrics-report.schema.js';
import { DEFAULT_SERVICE_STANDARDS, ServiceStandardsSchema } from '../../../shared/domain/sla/service-standards.schema.js';
import type { BacklogEntry } from '../../../shared/ports/metrics-store.port.js';
import type { ConfigStore, StoredConfig } from '../../../shared/ports/workflow-store.port.js';

/** Fake ports: the reader costs one read per day asked, the backlog two reads per open status. */
function deps(opts: { now?: string; rows?: MetricsRow[]; backlog?: BacklogEntry[]; standards?: unknown } = {}) {
  const asked: string[][] = [];
  const configReads: string[] = [];
  const configs: ConfigStore = {
    get: async (name): Promise<StoredConfig | undefined> => {
      configReads.push(name);
      return opts.standards === undefined ? undefined : { value: opts.standards, version: 1, updatedAt: '2026-01-01T00:00:00.000Z' };
    },
    put: async () => true,
    nextCounter: async () => 1,
  };
  const d: GetMetricsDeps = {
    metrics: {
      readDays: async (days) => {
        asked.push([...days]);
        return { rows: (opts.rows ?? []).filter((r) => days.includes(r.day)), reads: days.length };
      },
    },
    backlog: { openItems: async () => ({ items: opts.backlog ?? [], reads: 6 }) },
    configs,
    clock: { now: () => new Date(opts.now ?? '2026-11-28T15:00:00.000Z') },
  };
  return { d, asked, configReads };
}

async function refusal(query: Record<string, string>): Promise<ValidationError> {
  const e = await getMetrics(deps().d, query).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ValidationError);
  return e as ValidationError;
}

describe('getMetrics', () => {
  it('defaults to the 30 days ending today in the standards time zone', async () => {
    // 01:30 UTC on the 29th is still the 28th in São Paulo (UTC−3).
    const { d, asked, configReads } = deps({ now: '2026-11-29T01:30:00.000Z' });
    const r = await getMetrics(d, {});
    expect(configReads).toEqual(['service-standards']);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toHaveLength(30);
    expect(asked[0]![0]).toBe('2026-10-30');
    expect(asked[0]![29]).toBe('2026-11-28');
    expect(r.range).toEqual({ from: '2026-10-30', to: '2026-11-28', timezone: 'America/Sao_Paulo', days: 30 });
    expect(MetricsReportSchema.safeParse(r).success).toBe(true);
  });

  it('counts every store read: one per day, the backlog pages, the standards', async () => {
    const { d } = deps();
    expect((await getMetrics(d, {})).meta.storeReads).toBe(30 + 6 + 1);
    expect((await getMetrics(d, { from: '2026-11-01', to: '2026-11-03' })).meta.storeReads).toBe(3 + 6 + 1);
  });

  it('takes a range with one end given from the other end or today', async () => {
    const { d } = deps();
    expect((await getMetrics(d, { from: '2026-11-20' })).range).toMatchObject({ from: '2026-11-20', to: '2026-11-28', days: 9 });
    expect((await getMetrics(d, { to: '2026-02-10' })).range).toMatchObject({ from: '2026-01-12', to: '2026-02-10', days: 30 });
    expect((await getMetrics(d, { from: '2026-11-05', to: '2026-11-05' })).range.days).toBe(1);
  });

  it('uses the stored service standards: their time zone and normal targets', async () => {
    const standards = ServiceStandardsSchema.parse({
      timezone: 'Asia/Tokyo',
      targets: { ...DEFAULT_SERVICE_STANDARDS.targets, byPriority: { ...DEFAULT_SERVICE_STANDARDS.targets.byPriority, normal: { firstResponseMinutes: 90, resolutionMinutes: 900 } } },
    });
    // 15:30 UTC on the 28th is already the 29th in Tokyo (UTC+9).
    const r = await getMetrics(deps({ now: '2026-11-28T15:30:00.000Z', standards }).d, {});
    expect(r.range).toMatchObject({ to: '2026-11-29', timezone: 'Asia/Tokyo' });
    expect(r.targets).toEqual({ clock: 'business', firstResponseMinutes: 90, resolutionMinutes: 900 });
  });

  it('has the shipped standards normal targets by default', async () => {
    const r = await getMetrics(deps().d, {});
    const normal = DEFAULT_SERVICE_STANDARDS.targets.byPriority.normal;
    expect(r.targets).toEqual({ clock: 'business', firstResponseMinutes: normal.firstResponseMinutes, resolutionMinutes: normal.resolutionMinutes });
  });

  it('builds the report from the rows and the backlog, with the filters', async () => {
    const cell = { channel: 'web', language: 'pt-br', team: 'care', agent: 'ana' };
    const other = { ...cell, channel: 'email', agent: 'bea' };
    const { d } = deps({
      rows: [
        { day: '2026-11-27', cell, counters: { items: 2, 'nps.promoter': 1 } },
        { day: '2026-11-28', cell: other, counters: { items: 5 } },
        { day: '2026-10-01', cell, counters: { items: 100 } }, // outside the default range
      ],
      backlog: [
        { status: 'new', receivedAt: '2026-11-28T14:00:00.000Z', cell },
        { status: 'open', receivedAt: '2026-11-20T14:00:00.000Z', cell: other },
      ],
    });
    const all = await getMetrics(d, {});
    expect(all.totals.items).toBe(7);
    expect(all.backlog.total).toBe(2);
    // Comma lists; languages compared lower-cased, as the cells hold them.
    const web = await getMetrics(d, { channel: 'web,phone', language: 'pt-BR' });
    expect(web.filters).toEqual({ channel: ['web', 'phone'], team: [], agent: [], language: ['pt-br'] });
    expect(web.totals.items).toBe(2);
    expect(web.totals.nps.score).toBe(100);
    expect(web.backlog.byStatus['new']?.ages.lt1d).toBe(1);
    expect(web.backlog.total).toBe(1);
  });

  it('refuses a malformed date, naming the field', async () => {
    const e = await refusal({ from: '2026-13-01' });
    expect(e.status).toBe(400);
    expect(e.details.map((x) => x.field)).toEqual(['from']);
    expect((await refusal({ to: 'yesterday' })).details.map((x) => x.field)).toEqual(['to']);
  });

  it('refuses from after to, and a range over 366 days, naming from', async () => {
    const after = await refusal({ from: '2026-11-10', to: '2026-11-09' });
    expect(after.details).toEqual([{ field: 'from', message: expect.stringContaining('after') }]);
    const long = await refusal({ from: '2025-01-01', to: '2026-01-02' }); // 367 days
    expect(long.details).toEqual([{ field: 'from', message: expect.stringContaining('366') }]);
    // From in the future, to defaulting to today.
    expect((await refusal({ from: '2026-12-01' })).details.map((x) => x.field)).toEqual(['from']);
    // 366 days is fine.
    expect((await getMetrics(deps().d, { from: '2025-01-01', to: '2026-01-01' })).range.days).toBe(366);
  });

  it('refuses an overlong filter, naming it', async () => {
    expect((await refusal({ agent: 'a'.repeat(501) })).details.map((x) => x.field)).toEqual(['agent']);
  });
});
