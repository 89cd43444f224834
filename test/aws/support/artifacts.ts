import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOuvidorApp } from '../../../infra/ouvidor-app.factory.js';
import { REPO_ROOT } from '../../../infra/repo-root.js';
import { BUNDLE_ALL, cdkJsonContext } from '../../infra/ouvidor-app.fixture.js';
import type { CfnTemplate, SynthStack } from './template-resolver.js';

export interface Synthesized {
  readonly outdir: string;
  readonly stacks: readonly SynthStack[];
  readonly templateFiles: readonly string[];
}

/**
 * Synthesizes the app as `cdk synth` does (cdk.json's context, the default stage, every function
 * bundled by esbuild, asset metadata on) into a fresh folder under the repository (gitignored
 * `.rehearsal-*`): the bundles keep `@aws-sdk/*` external, as the Lambda runtime provides it, and
 * an ES module finds it only in a `node_modules` above it (NODE_PATH does not apply to `import`).
 */
export function synthesize(): Synthesized {
  const outdir = mkdtempSync(join(REPO_ROOT, '.rehearsal-'));
  const built = createOuvidorApp({
    outdir,
    context: { ...cdkJsonContext(), ...BUNDLE_ALL, 'aws:cdk:enable-asset-metadata': true },
  });
  built.app.synth();
  return readAssembly(outdir);
}

/** The stacks of a synthesized cloud assembly (its manifest, templates and asset folders). */
export function readAssembly(outdir: string): Synthesized {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
    artifacts: Record<string, { type: string; properties?: { templateFile?: string; stackName?: string } }>;
  };
  const stacks = Object.entries(manifest.artifacts)
    .filter(([, a]) => a.type === 'aws:cloudformation:stack')
    .map(([id, a]) => ({
      id,
      stackName: a.properties?.stackName ?? id,
      templateFile: join(outdir, a.properties!.templateFile!),
    }));
  return {
    outdir,
    templateFiles: stacks.map((s) => s.templateFile),
    stacks: stacks.map((s) => ({ id: s.id, stackName: s.stackName, template: JSON.parse(readFileSync(s.templateFile, 'utf8')) as CfnTemplate })),
  };
}
