import type { BuildOptions } from 'esbuild';

/**
 * How every Lambda is bundled: one definition, read by the CDK construct (`OuvidorFunction`) and by
 * `local/bench/bundles.ts` (the bundle-size benchmark and the composition tests), so that what is
 * measured is what is deployed. No aws-cdk-lib import: the local bench and tests load it too.
 */
export const LAMBDA_BUNDLING = {
  format: 'esm',
  platform: 'node',
  target: 'node24',
  mainFields: ['module', 'main'],
  /** Defines `require` inside the ESM bundle for CommonJS dependencies that call it. */
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  minify: true,
  /** Written next to the bundle (`index.mjs.map`); loaded only with `NODE_OPTIONS=--enable-source-maps`. */
  sourceMap: true,
  sourcesContent: false,
  /** The Lambda Node.js runtime provides AWS SDK v3. */
  externalModules: ['@aws-sdk/*'],
} as const;

/** The esbuild options equivalent to what `NodejsFunction` passes to the esbuild CLI for `LAMBDA_BUNDLING`. */
export function esbuildOptionsFor(entry: string, outfile: string): BuildOptions & { outfile: string } {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: LAMBDA_BUNDLING.format,
    platform: LAMBDA_BUNDLING.platform,
    target: LAMBDA_BUNDLING.target,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    banner: { js: LAMBDA_BUNDLING.banner },
    minify: LAMBDA_BUNDLING.minify,
    sourcemap: LAMBDA_BUNDLING.sourceMap,
    sourcesContent: LAMBDA_BUNDLING.sourcesContent,
    external: [...LAMBDA_BUNDLING.externalModules],
  };
}
