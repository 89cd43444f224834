import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signLocalToken } from '../../shared/adapters/jwt-token-verifier.adapter.js';
import type { Feedback } from '../../shared/domain/feedback.schema.js';
import { jwtSecret } from '../../local/data-dir.js';
import { eventually } from '../support/platform.js';

// `npm start`'s own process, killed with SIGKILL between 202 and processing, then started again.
const dir = mkdtempSync(join(tmpdir(), 'ouvidor-kill-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });

async function start(port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/ouvidor.mjs', 'start'], {
    env: { ...process.env, PORT: String(port), OUVIDOR_DATA_DIR: dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await eventually(async () => (output.includes('Ouvidor is running') ? true : undefined), 20_000, 100).catch((e: Error) => {
    throw new Error(`${e.message}\n${output}`);
  });
  return child;
}

const killed = (c: ChildProcess) => new Promise<void>((ok) => (c.exitCode !== null ? ok() : c.once('exit', () => ok())));

describe('an accepted item survives kill -9', () => {
  it('is analyzed after a restart, and nothing else is lost', async () => {
    const port = await freePort();
    const first = await start(port, { OUVIDOR_PAUSE_PROCESSING: '1' });
    const ids: string[] = [];
    for (const text of ['O boleto veio com valor errado e o SAC não resolve.', 'Loved the new app, thanks!']) {
      const res = await fetch(`http://127.0.0.1:${port}/v1/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as { id: string }).id);
    }
    first.kill('SIGKILL');
    await killed(first);

    await start(port);
    const token = await signLocalToken(jwtSecret(dir), 'ops', ['admin']);
    for (const [i, label] of [[0, 'NEGATIVE'], [1, 'POSITIVE']] as const) {
      const fb = await eventually(async () => {
        const res = await fetch(`http://127.0.0.1:${port}/v1/feedback/${ids[i]}`, { headers: { authorization: `Bearer ${token}` } });
        const body = (await res.json()) as Feedback;
        return body.stage === 'analyzed' ? body : undefined;
      }, 10_000);
      expect(fb.sentiment?.label).toBe(label);
    }
  }, 60_000);
});
