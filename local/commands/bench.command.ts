import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PHASES, type Phase } from '../bench/bench-phases.js';
import { formatBench, saveUnder } from '../bench/bench-report.js';

const USAGE = `Usage:
  ouvidor bench [--items 2000] [--concurrency 32] [--only raw,e2e,ops,steady,analyzer,restart,bundles]
                [--steady-rate 50] [--steady-seconds 20] [--ops-items 50] [--restart-items <items>] [--bundle-runs 10]
                [--json] [--save] [--quiet]
      runs the local platform (real adapters, a fresh temporary data folder) and measures it;
      --json prints one JSON object; --save writes it under "bench" in docs/benchmarks.json.
      Exits 1 when an accepted item was lost or processed twice, or a POST was refused.
`;

const SAVE_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'benchmarks.json');

const whole = (name: string, raw: string | undefined, fallback: number, min = 1): number => {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new RangeError(`--${name} must be a whole number ≥ ${min}`);
  return Number(raw);
};

/** `ouvidor bench`: see docs/benchmarks.md. */
export async function benchCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        items: { type: 'string' }, concurrency: { type: 'string' }, only: { type: 'string' },
        'steady-rate': { type: 'string' }, 'bundle-runs': { type: 'string' }, 'steady-seconds': { type: 'string' }, 'ops-items': { type: 'string' }, 'restart-items': { type: 'string' },
        json: { type: 'boolean' }, save: { type: 'boolean' }, quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    process.stderr.write(`ouvidor bench: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  let opts;
  try {
    const phases = values.only ? values.only.split(',').map((p) => p.trim()) : [...PHASES];
    const unknown = phases.filter((p) => !(PHASES as readonly string[]).includes(p));
    if (unknown.length > 0) throw new RangeError(`--only: unknown phase ${unknown.join(', ')} (phases: ${PHASES.join(', ')})`);
    const items = whole('items', values.items, 2000);
    opts = {
      items,
      concurrency: whole('concurrency', values.concurrency, 32),
      steadyRate: whole('steady-rate', values['steady-rate'], 50),
      steadySeconds: whole('steady-seconds', values['steady-seconds'], 20),
      opsItems: whole('ops-items', values['ops-items'], Math.min(50, items)),
      restartItems: whole('restart-items', values['restart-items'], items),
      bundleRuns: whole('bundle-runs', values['bundle-runs'], 10),
      phases: new Set(phases as Phase[]),
      progress: { silent: values.quiet === true },
    };
  } catch (e) {
    process.stderr.write(`ouvidor bench: ${(e as Error).message}\n`);
    return 2;
  }
  // The functions' logger reads its level when first imported: quiet it before the platform loads (LOG_LEVEL overrides).
  process.env.POWERTOOLS_LOG_LEVEL ??= process.env.LOG_LEVEL ?? 'WARN';
  const { runBench } = await import('../bench/bench.js');
  // Interrupted: exit through 'exit', where the temporary data folders are removed.
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
  const result = await runBench(opts);
  process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : formatBench(result));
  if (values.save) {
    saveUnder(SAVE_FILE, 'bench', result);
    process.stderr.write(`ouvidor bench: saved under "bench" in ${SAVE_FILE}\n`);
  }
  if (result.lost > 0 || result.doubled > 0 || result.refused > 0) {
    process.stderr.write(`ouvidor bench: FAILED — ${result.lost} lost, ${result.doubled} doubled, ${result.refused} refused:\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return 1;
  }
  return 0;
}
