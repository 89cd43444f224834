import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { costCommand } from '../../../local/commands/cost.command.js';
import { readTemplates, schedulePerMonth, type CfnTemplate } from '../../../local/cost/template-facts.js';

const FIXTURE = new URL('../../fixtures/cost/Small.template.json', import.meta.url);
const template = JSON.parse(readFileSync(FIXTURE, 'utf8')) as CfnTemplate;

describe('reading the templates', () => {
  const facts = readTemplates([template]);

  it("each Ouvidor function's memory, architecture, timeout, tracing, log retention and environment; CDK helpers left out", () => {
    expect(Object.keys(facts.functions).sort()).toEqual(['ingest-web', 'process-feedback', 'record-metrics', 'run-workflows', 'sla-sweeper', 'sweep-received']);
    expect(facts.functions['process-feedback']).toMatchObject({
      memoryMb: 1024, architecture: 'arm64', timeoutS: 30, tracing: true, logRetentionDays: 14,
      environment: { OUVIDOR_ANALYZER: 'cascade', OUVIDOR_CASCADE_ESCALATE: 'sentiment' },
    });
    expect(facts.functions['run-workflows']).toMatchObject({ architecture: 'x86_64', tracing: false });
    expect(facts.functions['run-workflows']?.logRetentionDays).toBeUndefined();
  });

  it('triggers: queue and stream batches, schedules, event-bus rules and API routes', () => {
    expect(facts.batchTriggers).toEqual({
      'process-feedback': { source: 'sqs', batchSize: 10, windowS: 5 },
      'record-metrics': { source: 'dynamodb-stream', batchSize: 100, windowS: 0 },
    });
    expect(facts.schedules.map((s) => [s.function, s.via, Math.round(s.perMonth)])).toEqual([['sweep-received', 'events-rule', 8760], ['sla-sweeper', 'scheduler', 43800]]);
    expect(facts.busTargets).toEqual({ 'run-workflows': ['feedback.analyzed', 'feedback.resolved'] });
    expect(facts.api).toEqual({ type: 'http', accessLogs: true, routes: { 'POST /v1/feedback': 'ingest-web' } });
  });

  it('the originals lifecycle, alarms (a metric-math alarm per metric read), dashboards, secrets and the table', () => {
    expect(facts.originalsRetentionDays).toBe(90);
    expect(facts.alarmMetrics).toBe(3);
    expect(facts.dashboards).toBe(1);
    expect(facts.secrets).toBe(1);
    expect(facts.table).toEqual({ pitr: true, stream: true, indexes: 2, allProjectionIndexes: 1 });
  });

  it('schedule expressions', () => {
    const month = (365 / 12) * 24 * 60;
    expect(schedulePerMonth('rate(1 minute)')).toBeCloseTo(month, 6);
    expect(schedulePerMonth('rate(2 hours)')).toBeCloseTo(month / 120, 6);
    expect(schedulePerMonth('cron(0/15 * * * ? *)')).toBeCloseTo(4 * 24 * (365 / 12), 6);
    expect(schedulePerMonth('cron(0 8 * * ? *)')).toBeCloseTo(365 / 12, 6);
    expect(() => schedulePerMonth('at(2026-01-01T00:00:00)')).toThrow(/unsupported/);
  });
});

describe('ouvidor cost --json', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints {usdPerMillion, components, assumptions} from a cloud assembly and a benchmarks file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ouvidor-cost-test-'));
    writeFileSync(join(dir, 'Small.template.json'), JSON.stringify(template));
    const bench = join(dir, 'benchmarks.json');
    writeFileSync(bench, JSON.stringify({ bench: { date: '2026-12-04', storeOpsPerItem: { reads: 5, writes: 9, writeUnits: 18 } }, analyzer: { cascadeShare: 0.2 } }));
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));

    expect(await costCommand(['--json', '--cdk-out', dir, '--benchmarks', bench, '--region', 'us-east-1', '--monthly-items', '2000000'])).toBe(0);
    const report = JSON.parse(out) as { usdPerMillion: number; components: Array<Record<string, unknown>>; assumptions: Array<Record<string, unknown>> };
    expect(report.usdPerMillion).toBeGreaterThan(0);
    expect(report.components.length).toBeGreaterThanOrEqual(12);
    for (const c of report.components) expect(Object.keys(c).sort()).toEqual(['basis', 'component', 'service', 'usdPerMillion']);
    const byKey = Object.fromEntries(report.assumptions.map((a) => [a.key, a]));
    expect(byKey['writeUnits']).toMatchObject({ value: 18, basis: 'measured' });
    expect(byKey['cascadeShare']).toMatchObject({ value: 0.2, basis: 'measured' });
    expect(byKey['monthlyItems']).toMatchObject({ value: 2_000_000, basis: 'option' });
    expect(byKey['emailsPerItem']).toMatchObject({ basis: 'default' });
    expect(report.usdPerMillion).toBeCloseTo(report.components.reduce((s, c) => s + (c['usdPerMillion'] as number), 0), 2);
  });

  it('rejects an out-of-range option, naming it', async () => {
    await expect(costCommand(['--cdk-out', '/nonexistent', '--cascade-share', '2'])).rejects.toThrow(/--cascade-share must be a number in 0..1/);
  });
});
