import { spawnSync } from 'node:child_process';
import { INSTALL_HINT } from './moto-server.js';

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
