import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOuvidorApp } from '../../../infra/ouvidor-app.factory.js';
import { REPO_ROOT } from '../../../infra/repo-root.js';
import { BUNDLE_ALL, cdkJsonContext } from '../../infra/ouvidor-app.fixture.js';
import { INSTALL_HINT } from './moto-server.js';
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

export interface LintFinding {
  readonly level: string;
  readonly rule: string;
  readonly message: string;
  readonly file: string;
  readonly path: readonly (string | number)[];
}

/**
 * cfn-lint 1.x does not know `Fn::GetStackOutput` (the intrinsic CDK's cross-stack references use
 * when stacks share a region) and reports E6101 "... is not of type 'string'" where an output's
 * value is one. Exactly that finding is allowed: rule E6101, the value being one such intrinsic.
 */
export function isGetStackOutputFalsePositive(f: LintFinding): boolean {
  return f.rule === 'E6101' && /^\{'Fn::GetStackOutput': \{.*\}\} is not of type 'string'$/.test(f.message);
}

export function lint(files: readonly string[]): LintFinding[] {
  const run = spawnSync('cfn-lint', ['--format', 'json', '--', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`cfn-lint could not run (${run.error.message}): ${INSTALL_HINT}`);
  // Exit codes are bit flags (2 errors, 4 warnings, 8 informational); 1 is a crash.
  if (run.status === 1 || !run.stdout.trim().startsWith('[')) throw new Error(`cfn-lint failed: ${run.stderr || run.stdout}`);
  const raw = JSON.parse(run.stdout) as Array<{ Level: string; Rule: { Id: string }; Message: string; Filename: string; Location: { Path: (string | number)[] } }>;
  return raw.map((x) => ({ level: x.Level, rule: x.Rule.Id, message: x.Message, file: x.Filename, path: x.Location.Path }));
}
