import { parseArgs } from 'node:util';
import { DynamoUserDirectory } from '../../shared/adapters/dynamo-user-directory.adapter.js';
import { scryptPasswords } from '../../shared/adapters/scrypt-password.adapter.js';
import { isOuvidorError } from '../../shared/domain/errors.js';
import { NewUserInputSchema, type User } from '../../shared/domain/user.schema.js';
import { parseOrThrow } from '../../shared/domain/validation.js';
import { dataDir } from '../data-dir.js';
import { appendUser, importJournal } from '../users-journal.js';
import { callRunningPlatform, runningPlatform, withOnDiskTable } from '../on-disk-table.js';


const USAGE = `Usage:
  ouvidor users add --email <email> --role <admin|agent> [--name <name>] [--password <password>]
  ouvidor users list
`;

/** `ouvidor users add|list`: local staff users (see local/users-journal.ts for how they reach the table). */
export async function usersCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'add') return add(rest);
  if (sub === 'list') return list();
  process.stderr.write(sub ? `ouvidor users: unknown subcommand '${sub}'\n\n${USAGE}` : USAGE);
  return 2;
}

async function add(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { email: { type: 'string' }, role: { type: 'string', default: 'agent' }, name: { type: 'string' }, password: { type: 'string' } },
  });
  let input;
  try {
    const email = values.email ?? '';
    input = parseOrThrow(NewUserInputSchema, { email, role: values.role, name: values.name ?? email.split('@')[0] ?? email }, 'user');
  } catch (e) {
    if (!isOuvidorError(e)) throw e;
    process.stderr.write(`ouvidor users add: ${e.details.map((d) => `--${d.field}: ${d.message}`).join('; ') || e.message}\n`);
    return 2;
  }
  if (values.password !== undefined && values.password.length < 8) {
    process.stderr.write('ouvidor users add: --password must have at least 8 characters\n');
    return 2;
  }
  const password = values.password ?? scryptPasswords.generate();
  const at = new Date().toISOString();
  const dir = dataDir();
  appendUser(dir, { ...input, createdAt: at, updatedAt: at, passwordHash: await scryptPasswords.hash(password) });
  const running = runningPlatform(dir);
  process.stdout.write(`Added ${input.email} (${input.role})${running ? ' to the running platform' : '; `ouvidor start` picks it up'}.\n`);
  if (values.password === undefined) process.stdout.write(`Password: ${password}\n`);
  return 0;
}

async function list(): Promise<number> {
  const dir = dataDir();
  const users = (await listFromRunningPlatform(dir)) ?? (await listFromDisk(dir));
  for (const u of users) process.stdout.write(`${u.email}\t${u.role}\t${u.name}\t${u.createdAt}\n`);
  if (users.length === 0) process.stdout.write('No users yet: ouvidor users add --email <email> --role admin\n');
  return 0;
}

async function listFromRunningPlatform(dir: string): Promise<User[] | undefined> {
  const res = await callRunningPlatform(dir, 'GET', '/v1/users');
  // No answer, or not a good one (a stale runtime.json): read the files instead.
  return res?.ok ? ((await res.json()) as { items: User[] }).items : undefined;
}

/** No platform running: open the on-disk table ourselves (after importing the journal). */
async function listFromDisk(dir: string): Promise<User[]> {
  return withOnDiskTable(dir, async (client, table) => {
    const directory = new DynamoUserDirectory(client, table, scryptPasswords);
    await importJournal(dir, directory);
    return (await directory.list()).sort((a, b) => a.email.localeCompare(b.email));
  });
}
