// Builds the support console (Preact SPA) and the embeddable widget (one IIFE file) into console/dist.
// `npm run build:console` (also run by `prepare` on npm install/ci); `--if-missing` skips when both exist.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type InlineConfig } from 'vite';

export const CONSOLE_ROOT = fileURLToPath(new URL('.', import.meta.url));
export const CONSOLE_DIST = join(CONSOLE_ROOT, 'dist');

const jsx = { oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } } } as Partial<InlineConfig>;

/** The console app: index.html + hashed assets under /assets. */
export const consoleConfig: InlineConfig = {
  root: CONSOLE_ROOT,
  configFile: false,
  logLevel: 'warn',
  base: '/',
  publicDir: false,
  ...jsx,
  build: { outDir: CONSOLE_DIST, emptyOutDir: true, target: 'es2020', sourcemap: false, assetsInlineLimit: 0 },
};

/** The widget: dist/widget.js, a single self-contained IIFE (no imports, styles inside its shadow root). */
export const widgetConfig: InlineConfig = {
  root: CONSOLE_ROOT,
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  build: {
    outDir: CONSOLE_DIST,
    emptyOutDir: false,
    target: 'es2019',
    minify: true,
    lib: { entry: join(CONSOLE_ROOT, 'widget/widget.ts'), name: 'OuvidorWidget', formats: ['iife'], fileName: () => 'widget.js' },
  },
};

export async function buildConsole(opts: { ifMissing?: boolean } = {}): Promise<boolean> {
  if (opts.ifMissing && existsSync(join(CONSOLE_DIST, 'index.html')) && existsSync(join(CONSOLE_DIST, 'widget.js'))) return false;
  await build(consoleConfig);
  await build(widgetConfig);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = await buildConsole({ ifMissing: process.argv.includes('--if-missing') });
  process.stdout.write(built ? `console built into ${CONSOLE_DIST}\n` : '');
}
