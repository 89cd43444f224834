import { fork, type ChildProcess } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Synthesized } from './artifacts.js';
import type { SynthStack, TemplateResolver } from './template-resolver.js';

const RUNNER = fileURLToPath(new URL('./lambda-runner.mjs', import.meta.url));

export interface FunctionSpec {
  readonly logicalId: string;
  readonly assetDir: string;
  readonly handler: string;
  readonly environment: Record<string, string>;
  readonly memory: number;
  readonly timeout: number;
}

/** The function whose logical id is `<prefix><8 hex>` (CDK's hash suffix), with its bundle and resolved environment. */
export function functionSpec(built: Synthesized, resolver: TemplateResolver, stack: SynthStack, prefix: string): FunctionSpec {
  const matches = Object.entries(stack.template.Resources).filter(
    ([id, r]) => r.Type === 'AWS::Lambda::Function' && new RegExp(`^${prefix}[0-9A-F]{8}$`).test(id),
  );
  if (matches.length !== 1) throw new Error(`${stack.id}: ${matches.length} functions match ${prefix}`);
  return specOf(built, resolver, stack, matches[0]![0]);
}

export function specOf(built: Synthesized, resolver: TemplateResolver, stack: SynthStack, logicalId: string): FunctionSpec {
  const r = stack.template.Resources[logicalId]!;
  const assetPath = r.Metadata?.['aws:asset:path'];
  if (typeof assetPath !== 'string') throw new Error(`${logicalId} has no aws:asset:path metadata`);
  const p = r.Properties ?? {};
  const variables = ((p['Environment'] as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<string, unknown>;
  return {
    logicalId,
    assetDir: isAbsolute(assetPath) ? assetPath : join(built.outdir, assetPath),
    handler: String(p['Handler']),
    environment: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, resolver.str(stack, v)])),
    memory: Number(p['MemorySize'] ?? 128),
    timeout: Number(p['Timeout'] ?? 3),
  };
}

export interface LambdaProcess {
  invoke<T = unknown>(event: unknown): Promise<T>;
  stop(): Promise<void>;
  /** What the function printed (its logs and EMF lines), for a failing assertion's message. */
  output(): string;
}

/**
 * One Node process per function, reused across invocations like a warm Lambda sandbox: the
 * environment is only the template's variables plus what the Lambda runtime and the moto
 * endpoint add (nothing of the test's own environment leaks in).
 */
export async function startFunction(spec: FunctionSpec, runtimeEnv: Record<string, string>, execArgv: string[] = []): Promise<LambdaProcess> {
  const env = {
    ...spec.environment,
    ...runtimeEnv,
    AWS_LAMBDA_FUNCTION_NAME: spec.logicalId,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memory),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    LAMBDA_TASK_ROOT: spec.assetDir,
    _HANDLER: spec.handler,
    TZ: ':UTC',
  };
  const child: ChildProcess = fork(RUNNER, [spec.assetDir, spec.handler, spec.logicalId, String(spec.memory), String(spec.timeout)], {
    env,
    execArgv,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let out = '';
  const keep = (d: Buffer): void => {
    out = (out + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${spec.logicalId} exited during init (${code}): ${out}`)));
    child.once('message', () => resolve());
  });
  child.on('message', (m: { id?: number; result?: unknown; error?: { message: string; stack?: string } }) => {
    const waiter = m.id === undefined ? undefined : pending.get(m.id);
    if (!waiter) return;
    pending.delete(m.id!);
    if (m.error) waiter.reject(Object.assign(new Error(`${spec.logicalId}: ${m.error.message}`), { stack: m.error.stack }));
    else waiter.resolve(m.result);
  });
  child.on('exit', (code) => {
    for (const w of pending.values()) w.reject(new Error(`${spec.logicalId} exited (${code}): ${out}`));
    pending.clear();
  });
  return {
    invoke: <T>(event: unknown) =>
      new Promise<T>((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, event });
      }),
    stop: async () => {
      if (child.exitCode !== null) return;
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      await gone;
    },
    output: () => out,
  };
}
