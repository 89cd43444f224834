/**
 * Bundle size and module init per function, bundled exactly as the CDK deploys them.
 *
 *   npm run bench:bundles -- [--runs 10] [--functions get-feedback,ingest-web] [--json]
 *
 * Targets (issue #11): every bundle ≤ 300 KB, median init ≤ 250 ms. Init times depend on the
 * machine's load: read them next to the empty module's (`empty ms`), measured the same way.
 */
import { measureBundles } from '../local/bench/bundles.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const json = process.argv.includes('--json');
const runs = Number(arg('runs') ?? 10);
const functions = arg('functions')?.split(',').filter(Boolean);

const progress = (done: number, total: number): void => {
  if (json) return;
  if (process.stderr.isTTY) {
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} functions`);
    if (done === total) process.stderr.write('\n');
  } else {
    process.stderr.write(`measured ${done}/${total} functions\n`);
  }
};

if (!json) process.stderr.write(`bundling ${functions?.length ?? 'every'} function(s), then ${runs} fresh node processes each…\n`);
const figures = await measureBundles({ ...(functions && { functions }), runs, onProgress: progress });
if (json) {
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
} else {
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  const rows = figures.map((f) => [f.name, kb(f.bytes), kb(f.mapBytes), f.initMs.toFixed(0), f.emptyInitMs.toFixed(0), f.bytes <= 300 * 1024 && f.initMs <= 250 ? 'ok' : 'OVER']);
  const head = ['function', 'bundle', 'map', 'init ms', 'empty ms', '≤300KB/≤250ms'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  console.log(`\nmedian of ${runs} fresh node processes per function (node ${process.version}); init includes the @aws-sdk clients loaded from node_modules`);
}
