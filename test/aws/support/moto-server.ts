import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** How to get the rehearsal's two Python tools (what `.ci/run` checks for). */
export const INSTALL_HINT = "install them with: python3.11 -m pip install 'moto[server]==5.2.1' 'cfn-lint==1.51.*'";

export interface MotoServer {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** A free loopback port (the OS picks it; closed again before moto binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** `moto_server` on a free loopback port, for one run; `stop` kills the process it started. */
export async function startMoto(): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  let spawnError: Error | undefined;
  child.once('error', (e) => (spawnError = e));
  child.stderr?.on('data', (d: Buffer) => {
    log = (log + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Bounded: up to 300 polls of its API (moto starts in 1-3 s on an idle machine).
  for (let i = 0; i < 300; i++) {
    if (spawnError) throw new Error(`moto_server could not start (${spawnError.message}): ${INSTALL_HINT}`);
    if (child.exitCode !== null) throw new Error(`moto_server exited (${child.exitCode}): ${log}`);
    try {
      if ((await fetch(`${endpoint}/moto-api/`)).ok) {
        return {
          endpoint,
          stop: async () => {
            if (child.exitCode === null) child.kill('SIGTERM');
            await exited;
          },
        };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new Error(`moto_server did not answer on ${endpoint}: ${log}`);
}
