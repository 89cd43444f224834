import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** dynalite and fauxqs accept any credentials; s3rver only its own. Set as the process's credentials. */
export const EMULATOR_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' } as const;

export interface Emulators {
  readonly dynamodbEndpoint: string;
  readonly sqsEndpoint: string;
  readonly s3Endpoint: string;
  /** Where the emulators keep files: the data folder, or a temporary one. */
  readonly scratchDir: string;
  stop(): Promise<void>;
}

/**
 * dynalite (DynamoDB, on disk), s3rver (S3, on disk) and fauxqs (SQS, in memory) on a worker thread
 * (`emulators.worker.mjs`), all on free loopback ports. With no `dir`, DynamoDB stays in memory (tests).
 * The worker: a profile of the platform under load showed the store's own work (dynalite, LevelDB encoding)
 * at a fifth of the one thread everything shared; on its own thread it runs on the machine's second core.
 */
export async function startEmulators(dir: string | undefined): Promise<Emulators> {
  if (dir) mkdirSync(join(dir, 'dynamodb'), { recursive: true });
  const scratchDir = dir ?? mkdtempSync(join(tmpdir(), 'ouvidor-'));
  const s3Dir = join(scratchDir, 's3');
  mkdirSync(s3Dir, { recursive: true });
  const worker = new Worker(new URL('./emulators.worker.mjs', import.meta.url), {
    workerData: { dynamoPath: dir ? join(dir, 'dynamodb') : undefined, s3Dir, resetOnClose: !dir },
    // The worker is plain JavaScript: no TypeScript loader hooks needed there.
    execArgv: [],
  });
  const ports = await new Promise<{ dynamodbPort: number; s3Port: number; sqsEndpoint: string }>((ok, fail) => {
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`the emulators' thread exited (${code}) before it was ready`)));
    worker.once('message', (m: { type: string; dynamodbPort: number; s3Port: number; sqsEndpoint: string }) => (m.type === 'ready' ? ok(m) : fail(new Error(`unexpected ${m.type}`))));
  });
  worker.removeAllListeners('exit');
  worker.removeAllListeners('error');
  worker.on('error', (e) => console.error('[ouvidor] emulators thread failed:', e));

  return {
    dynamodbEndpoint: `http://127.0.0.1:${ports.dynamodbPort}`,
    sqsEndpoint: ports.sqsEndpoint,
    s3Endpoint: `http://127.0.0.1:${ports.s3Port}`,
    scratchDir,
    async stop() {
      const stopped = new Promise<void>((ok) => {
        worker.once('exit', () => ok());
        worker.on('message', (m: { type: string }) => m.type === 'stopped' && void worker.terminate());
      });
      worker.postMessage('stop');
      // A client holding a keep-alive connection must not keep the thread (and the LevelDB lock) alive.
      const forced = setTimeout(() => void worker.terminate(), 3000);
      await stopped;
      clearTimeout(forced);
      if (!dir) rmSync(scratchDir, { recursive: true, force: true });
    },
  };
}
