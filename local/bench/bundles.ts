import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { esbuildOptionsFor } from '../../infra/lambda-bundling.js';
import { REPO_ROOT } from '../../infra/repo-root.js';

const run = promisify(execFile);

export interface BundleFigure {
  readonly name: string;
  /** The minified bundle (`index.mjs`), without the `@aws-sdk/*` packages the Lambda runtime provides. */
  readonly bytes: number;
  /** Its source map (written beside it, loaded only with `--enable-source-maps`). */
  readonly mapBytes: number;
  /** Median time to import the bundle in a fresh `node` process (module init, SDK clients included). */
  readonly initMs: number;
  /** The same for an empty module, measured alternately with the bundle: the floor on this machine now. */
  readonly emptyInitMs: number;
}

export interface BuiltBundle {
  readonly name: string;
  readonly file: string;
  readonly bytes: number;
  readonly mapBytes: number;
  readonly metafile: Metafile;
}

/** Every function under `functions/` (each `functions/<name>/<name>.handler.ts` is one Lambda). */
export function functionNames(): string[] {
  return readdirSync(join(REPO_ROOT, 'functions'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/**
 * Bundles `functions` exactly as the CDK does (`LAMBDA_BUNDLING`), in parallel, into `outDir`
 * (`<outDir>/<name>/index.mjs` and `.map`), with esbuild's metafile.
 */
export async function bundleFunctions(outDir: string, functions: readonly string[] = functionNames()): Promise<BuiltBundle[]> {
  return Promise.all(
    functions.map(async (name) => {
      const file = join(outDir, name, 'index.mjs');
      const entry = join(REPO_ROOT, 'functions', name, `${name}.handler.ts`);
      const result = await build({ ...esbuildOptionsFor(entry, file), metafile: true, logLevel: 'error', absWorkingDir: REPO_ROOT });
      return { name, file, bytes: statSync(file).size, mapBytes: statSync(`${file}.map`).size, metafile: result.metafile! };
    }),
  );
}

/** Milliseconds to import `file` in a fresh node process (what a cold start pays for module init). */
async function importMs(file: string): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, NODE_OPTIONS: '', AWS_REGION: process.env.AWS_REGION ?? 'us-east-1', POWERTOOLS_TRACE_ENABLED: 'true' } });
  return Number(stdout);
}

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Bundle sizes and module-init times per function: bundled as deployed, written to a temp folder
 * whose `node_modules` links to the repository's (so `@aws-sdk/*` resolves, as the Lambda runtime
 * provides it, and `@aws-lambda-powertools/*`, as the Powertools layer does: their bytes are not the
 * bundle's, their init time is counted), with tracing on as the CDK sets it (the tracer and
 * aws-xray-sdk-core are loaded; outside Lambda the tracer then records nothing), then imported in `runs` fresh node processes each (default 10), one at a time,
 * alternating with an empty module. Init times depend on the machine's load: compare with `emptyInitMs`.
 */
export async function measureBundles(opts: { functions?: string[]; runs?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<BundleFigure[]> {
  const runs = opts.runs ?? 10;
  const dir = mkdtempSync(join(tmpdir(), 'ouvidor-bundles-'));
  try {
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const empty = join(dir, 'empty', 'index.mjs');
    mkdirSync(join(dir, 'empty'));
    writeFileSync(empty, 'export {};\n');
    const bundles = await bundleFunctions(dir, opts.functions ?? functionNames());
    const figures: BundleFigure[] = [];
    for (const [i, b] of bundles.entries()) {
      const init: number[] = [];
      const floor: number[] = [];
      for (let r = 0; r < runs; r++) {
        init.push(await importMs(b.file));
        floor.push(await importMs(empty));
      }
      figures.push({ name: b.name, bytes: b.bytes, mapBytes: b.mapBytes, initMs: round(median(init)), emptyInitMs: round(median(floor)) });
      opts.onProgress?.(i + 1, bundles.length);
    }
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
