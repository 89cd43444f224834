import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The local data folder: `OUVIDOR_DATA_DIR`, else `./.ouvidor` (never committed). */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = resolve(env.OUVIDOR_DATA_DIR ?? '.ouvidor');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * The HS256 secret that signs local tokens, created on first use. Exclusive create, so that a
 * `token` command racing a first `start` still ends with one secret that both read.
 */
export function jwtSecret(dir: string): string {
  return localSecret(dir, 'jwt-secret');
}

/** A random secret kept in the data folder under `name`, created on first use. */
export function localSecret(dir: string, name: string): string {
  const file = join(dir, name);
  try {
    writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return readFileSync(file, 'utf8').trim();
}
