import { appendFileSync, existsSync, readFileSync, watch } from 'node:fs';
import { join } from 'node:path';
import { RoleSchema } from '../shared/domain/auth.schema.js';
import type { StoredUser } from '../shared/domain/user.schema.js';
import type { UserCredentials } from '../shared/ports/user-directory.port.js';

/**
 * Local users added from the command line. `ouvidor users add` cannot write the table while
 * `npm start` runs (dynalite's LevelDB is locked by the running process), so it appends one JSON
 * line per user — email, name, role, scrypt hash, timestamps; never a password — to
 * `<data dir>/users.jsonl`. The runtime imports the file at start and whenever it changes
 * (fs.watch), upserting each line into the table; a line only replaces an older record
 * (`updatedAt`), so importing twice changes nothing and the latest `users add` wins.
 */
export const USERS_JOURNAL = 'users.jsonl';

export function appendUser(dir: string, user: StoredUser): void {
  appendFileSync(join(dir, USERS_JOURNAL), `${JSON.stringify(user)}\n`, { mode: 0o600 });
}

export function readJournal(dir: string): StoredUser[] {
  const file = join(dir, USERS_JOURNAL);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => {
      if (line.trim() === '') return [];
      try {
        const u = JSON.parse(line) as Partial<StoredUser>;
        const role = RoleSchema.safeParse(u.role);
        if (typeof u.email !== 'string' || typeof u.passwordHash !== 'string' || !role.success || typeof u.createdAt !== 'string') return [];
        return [{ email: u.email, name: String(u.name ?? ''), role: role.data, createdAt: u.createdAt, updatedAt: String(u.updatedAt ?? u.createdAt), passwordHash: u.passwordHash }];
      } catch {
        return []; // a line being written, or damaged: skipped
      }
    });
}

/** Upserts every journal line; the number of records written. */
export async function importJournal(dir: string, credentials: UserCredentials): Promise<number> {
  let written = 0;
  for (const user of readJournal(dir)) if (await credentials.upsert(user)) written += 1;
  return written;
}

/** Imports again whenever the journal changes; returns the function that stops watching. */
export function watchJournal(dir: string, credentials: UserCredentials, onError: (e: unknown) => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(dir, (_event, filename) => {
    if (filename !== null && filename !== USERS_JOURNAL) return;
    clearTimeout(timer);
    timer = setTimeout(() => importJournal(dir, credentials).catch(onError), 25);
  });
  watcher.on('error', onError);
  watcher.unref();
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
