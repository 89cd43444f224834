import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { startFauxqs } from 'fauxqs';

const require = createRequire(import.meta.url);

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

const listen = (server: Server): Promise<number> =>
  new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok((server.address() as AddressInfo).port));
  });

/**
 * dynalite (DynamoDB, on disk), fauxqs (SQS, in memory) and s3rver (S3, on disk), in this
 * process, on free loopback ports. With no `dir`, DynamoDB stays in memory (tests).
 */
export async function startEmulators(dir: string | undefined): Promise<Emulators> {
  const dynalite = require('dynalite') as (o: object) => Server;
  const S3rver = require('s3rver') as new (o: object) => { run(): Promise<AddressInfo>; close(): Promise<void> };

  if (dir) mkdirSync(join(dir, 'dynamodb'), { recursive: true });
  const ddb = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(dir && { path: join(dir, 'dynamodb') }) });
  const ddbPort = await listen(ddb);

  const sqs = await startFauxqs({ port: 0, logger: false, host: '127.0.0.1' });

  const scratchDir = dir ?? mkdtempSync(join(tmpdir(), 'ouvidor-'));
  const s3Dir = join(scratchDir, 's3');
  mkdirSync(s3Dir, { recursive: true });
  const s3 = new S3rver({ port: 0, address: '127.0.0.1', directory: s3Dir, silent: true, resetOnClose: !dir });
  const s3Address = await s3.run();

  return {
    dynamodbEndpoint: `http://127.0.0.1:${ddbPort}`,
    sqsEndpoint: sqs.address,
    s3Endpoint: `http://127.0.0.1:${s3Address.port}`,
    scratchDir,
    async stop() {
      await Promise.allSettled([
        new Promise<void>((ok) => ddb.close(() => ok())),
        sqs.stop(),
        s3.close(),
      ]);
      if (!dir) rmSync(scratchDir, { recursive: true, force: true });
    },
  };
}
