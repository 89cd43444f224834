import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { signLocalToken } from '../shared/adapters/jwt-token-verifier.adapter.js';
import { jwtSecret } from './data-dir.js';
import { EMULATOR_CREDENTIALS } from './emulators.js';
import { ensureTable } from './provision.js';

/** Written by `ouvidor start` while it runs: where the running platform answers. */
export const RUNTIME_FILE = 'runtime.json';

/** The URL of the platform running on this data folder, if its runtime file says one runs. */
export function runningPlatform(dir: string): string | undefined {
  const file = join(dir, RUNTIME_FILE);
  if (!existsSync(file)) return undefined;
  try {
    return String((JSON.parse(readFileSync(file, 'utf8')) as { url?: string }).url);
  } catch {
    return undefined;
  }
}

/**
 * Calls the running platform as a short-lived local admin; undefined when none answers (a stale
 * runtime file, or no platform): the caller then works on the files itself.
 */
export async function callRunningPlatform(dir: string, method: string, path: string, opts: { body?: unknown; timeoutMs?: number } = {}): Promise<Response | undefined> {
  const url = runningPlatform(dir);
  if (!url) return undefined;
  try {
    const token = await signLocalToken(jwtSecret(dir), 'ouvidor-cli', ['admin'], 600);
    return await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(opts.body !== undefined && { 'content-type': 'application/json' }) },
      ...(opts.body !== undefined && { body: JSON.stringify(opts.body) }),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 3000),
    });
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') throw error; // it answers, slowly: do not open the files behind its back
    return undefined;
  }
}

/**
 * Opens the data folder's DynamoDB table (dynalite on its LevelDB files) when no platform holds
 * the lock, runs `work` with a client, and closes it.
 */
export async function withOnDiskTable<T>(dir: string, work: (client: DynamoDBClient, table: string) => Promise<T>): Promise<T> {
  const require = createRequire(import.meta.url);
  const dynalite = require('dynalite') as (o: object) => Server;
  const server = dynalite({ createTableMs: 0, path: join(dir, 'dynamodb') });
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', () => ok()));
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials: { accessKeyId: EMULATOR_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: EMULATOR_CREDENTIALS.AWS_SECRET_ACCESS_KEY },
  });
  try {
    const table = process.env.OUVIDOR_TABLE_NAME ?? 'ouvidor';
    await ensureTable(client, table);
    return await work(client, table);
  } finally {
    client.destroy();
    await new Promise<void>((ok) => server.close(() => ok()));
  }
}
