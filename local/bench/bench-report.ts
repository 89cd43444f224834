import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { BenchResult } from './bench.js';

const fmt = (v: number | null | undefined, unit = ''): string => (v === null || v === undefined || Number.isNaN(v) ? '-' : `${v.toLocaleString('en-US')}${unit}`);

/** The table `ouvidor bench` prints: each figure, its value and what it means. */
export function formatBench(r: BenchResult, targets = true): string {
  const t = (s: string) => (targets ? s : '');
  const ops = r.storeOpsPerItem;
  const rows: [string, string, string][] = [
    ['rawStoreWritesPerSec', fmt(r.rawStoreWritesPerSec), 'conditional puts/s straight into the embedded store'],
    ['e2eItemsPerSec', fmt(r.e2eItemsPerSec), `items/s accepted → analyzed → workflows → metrics${t(' (target ≥ 150)')}`],
    ['ratio', fmt(r.ratio), 'e2e / raw'],
    ['acceptP50Ms', fmt(r.acceptP50Ms, ' ms'), `POST latency at a steady ${r.steady?.rate ?? 50}/s`],
    ['acceptP99Ms', fmt(r.acceptP99Ms, ' ms'), `same, p99${t(' (target ≤ 100 ms)')}`],
    ['readableP99Ms', fmt(r.readableP99Ms, ' ms'), '202 → GET shows it analyzed, p99'],
    ['storeOpsPerItem', ops ? `${ops.reads} R / ${ops.writes} W / ${ops.writeUnits} WU` : '-', `per item, counted on ${ops?.sample ?? '-'} items${t(' (target ≤ 12 ops, ≤ 20 WU)')}`],
    ['analyzerDocsPerSec', fmt(r.analyzerDocsPerSec), 'offline engine, per CPU-second on one core'],
    ['restartCatchUpSec', fmt(r.restartCatchUpSec, ' s'), `pending items done after a restart${t(' (target ≤ 60 s for 2,000)')}`],
    ['lost', String(r.lost), 'accepted items not processed (must be 0)'],
    ['doubled', String(r.doubled), 'items stored, acknowledged or counted twice (must be 0)'],
    ['refused', String(r.refused), 'POSTs answered with an error (not accepted; should be 0)'],
  ];
  if (r.bundles) {
    const figures = Object.values(r.bundles);
    const largest = Math.max(...figures.map((f) => f.bytes));
    const slowest = Math.max(...figures.map((f) => f.initMs));
    const floor = Math.max(...figures.map((f) => f.emptyInitMs));
    rows.splice(rows.length - 3, 0, ['bundles', `≤ ${Math.round(largest / 1024)} KB, init ≤ ${slowest} ms`, `${figures.length} functions; an empty module inits in ${floor} ms${t(' (targets ≤ 300 KB, ≤ 250 ms)')}`]);
  }
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  const head = `ouvidor bench — ${r.items} items at concurrency ${r.concurrency}, ${r.date}\n${r.machine.model} × ${r.machine.cpus}, Node ${r.machine.node}\n\n`;
  const body = rows.map(([k, v, d]) => `  ${k.padEnd(w0)}  ${v.padStart(w1)}  ${d}`).join('\n');
  const byCommand = ops ? `\n\n  store operations per item by command: ${Object.entries(ops.byCommand).map(([k, v]) => `${k.replace(/Command$/, '')} ${v}`).join(', ')}` : '';
  const errors = r.platformErrors.count > 0 ? `\n\n  the platform reported ${r.platformErrors.count} errors meanwhile (retried by its own rules), e.g. ${r.platformErrors.examples.join(' | ')}` : '';
  const problems = r.problems.length > 0 ? `\n\nPROBLEMS:\n${r.problems.map((p) => `  - ${p}`).join('\n')}` : '';
  return `${head}${body}${byCommand}${errors}${problems}\n`;
}

/** Writes the result under `key` of the JSON file, keeping its other keys (another bench writes `analyzer`). */
export function saveUnder(file: string, key: string, value: unknown): void {
  const current = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(file, `${JSON.stringify({ ...current, [key]: value }, null, 2)}\n`);
}
