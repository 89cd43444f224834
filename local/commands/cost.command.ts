import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { resolveAssumptions, type BenchmarksFile, type CostAssumptions } from '../cost/cost-assumptions.js';
import { computeCost, type CostReport } from '../cost/cost-model.js';
import { readCloudAssembly, synthTemplates } from '../cost/cdk-templates.js';
import { loadPricing } from '../cost/pricing.schema.js';
import { readTemplates } from '../cost/template-facts.js';

const USAGE = `Usage: ouvidor cost [--json] [--cdk-out <dir>] [-c key=value]... [--region us-east-1|sa-east-1]
                    [--monthly-items N] [--ops-reads N] [--ops-writes N] [--write-units N]
                    [--cascade-share 0..1] [--comprehend-units N] [--emails-per-item N]
                    [--storage-months N] [--stream-records N] [--email-share 0..1] [--benchmarks <file>]

Cost per million items of the deployment as synthesized (the CDK app, offline; or the templates in
--cdk-out), from the list prices in config/aws-pricing.json, the measured figures in
docs/benchmarks.json and the stated assumptions. --json prints {usdPerMillion, components, assumptions}.
`;

const NUMBER_OPTIONS: Record<string, keyof CostAssumptions> = {
  'monthly-items': 'monthlyItems',
  'ops-reads': 'reads',
  'ops-writes': 'writes',
  'write-units': 'writeUnits',
  'cascade-share': 'cascadeShare',
  'comprehend-units': 'comprehendUnitsPerItem',
  'emails-per-item': 'emailsPerItem',
  'storage-months': 'storageMonths',
  'stream-records': 'streamRecordsPerItem',
  'email-share': 'emailChannelShare',
};

function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      'cdk-out': { type: 'string' },
      context: { type: 'string', short: 'c', multiple: true },
      region: { type: 'string' },
      benchmarks: { type: 'string' },
      ...Object.fromEntries(Object.keys(NUMBER_OPTIONS).map((k) => [k, { type: 'string' as const }])),
    },
  });
  const overrides: Partial<Record<keyof CostAssumptions, unknown>> = {};
  for (const [flag, key] of Object.entries(NUMBER_OPTIONS)) {
    const raw = (values as Record<string, unknown>)[flag];
    if (raw === undefined) continue;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0 || ((key === 'cascadeShare' || key === 'emailChannelShare') && n > 1) || (key === 'monthlyItems' && n <= 0)) throw new Error(`--${flag} must be a ${key === 'cascadeShare' || key === 'emailChannelShare' ? 'number in 0..1' : 'non-negative number'}, got ${String(raw)}`);
    overrides[key] = n;
  }
  if (values.region !== undefined) overrides.region = values.region;
  const context = Object.fromEntries(
    (values.context ?? []).map((kv) => {
      const at = kv.indexOf('=');
      if (at <= 0) throw new Error(`-c expects key=value, got ${kv}`);
      return [kv.slice(0, at), kv.slice(at + 1)];
    }),
  );
  return { values, overrides: overrides as Partial<CostAssumptions>, context };
}

function readBenchmarks(file: string): BenchmarksFile | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchmarksFile) : undefined;
}

/** A table on stdout: components by cost, then the assumptions. */
export function formatReport(report: CostReport): string {
  const rows = [...report.components].sort((a, b) => b.usdPerMillion - a.usdPerMillion);
  const width = Math.max(...rows.map((r) => r.component.length));
  const money = (x: number): string => `$${x.toFixed(2)}`.padStart(9);
  const lines = [
    `Cost per million items (${report.region}, list prices): ${money(report.usdPerMillion).trim()}`,
    '',
    ...rows.map((r) => `${money(r.usdPerMillion)}  ${r.component.padEnd(width)}  ${r.basis}`),
    '',
    'Assumptions:',
    ...report.assumptions.map((a) => `  ${a.key} = ${JSON.stringify(a.value)} (${a.basis}): ${a.note}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** `ouvidor cost`: see USAGE. */
export async function costCommand(argv: string[]): Promise<number> {
  const { values, overrides, context } = parseOptions(argv);
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const started = Date.now();
  let templates;
  if (values['cdk-out']) templates = readCloudAssembly(values['cdk-out']);
  else {
    process.stderr.write('Synthesizing the CDK app offline (about 30-60 s)...\n');
    templates = await synthTemplates(context);
    process.stderr.write(`Synthesized in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
  }
  const benchmarksFile = values.benchmarks ?? new URL('../../docs/benchmarks.json', import.meta.url).pathname;
  const { assumptions, stated } = resolveAssumptions(readBenchmarks(benchmarksFile), overrides);
  const report = computeCost(readTemplates(templates), loadPricing(), assumptions, stated);
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return 0;
}
