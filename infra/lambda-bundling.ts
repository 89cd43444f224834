import { readFileSync } from 'node:fs';
import type { BuildOptions } from 'esbuild';
import { REPO_ROOT } from './repo-root.js';

/**
 * The Powertools for AWS Lambda (TypeScript) version every `@aws-lambda-powertools/*` dependency is
 * pinned to (package.json): the functions load these packages from the official Powertools layer of
 * that same version, whose ARN the public SSM parameter below names in every commercial region.
 */
export const POWERTOOLS_VERSION: string = (() => {
  const pkg = JSON.parse(readFileSync(`${REPO_ROOT}package.json`, 'utf8')) as { dependencies?: Record<string, string> };
  const versions = new Set(Object.entries(pkg.dependencies ?? {}).filter(([name]) => name.startsWith('@aws-lambda-powertools/')).map(([, v]) => v));
  if (versions.size !== 1) throw new Error(`every @aws-lambda-powertools/* dependency must be pinned to one version (the layer's), found ${[...versions].join(', ') || 'none'}`);
  return [...versions][0]!;
})();
/** Public SSM parameter holding the ARN of the Powertools TypeScript layer of POWERTOOLS_VERSION in the stack's region. */
export const POWERTOOLS_LAYER_PARAMETER = `/aws/service/powertools/typescript/generic/all/${POWERTOOLS_VERSION}`;

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
  /**
   * The Lambda Node.js runtime provides AWS SDK v3; the Powertools layer (POWERTOOLS_LAYER_PARAMETER)
   * provides Powertools (logger, metrics, batch, parameters, and the tracer with aws-xray-sdk-core).
   */
  externalModules: ['@aws-sdk/*', '@aws-lambda-powertools/*'],
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
