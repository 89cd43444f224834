import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { usersCommand } from '../../local/commands/users.command.js';
import { LocalTokenVerifier } from '../../shared/adapters/jwt-token-verifier.adapter.js';
import { config } from '../../shared/runtime/config.js';
import { API_SAMPLES } from '../support/api-samples.js';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js';

let p: TestPlatform;
const previousDataDir = process.env.OUVIDOR_DATA_DIR;
beforeAll(async () => {
  p = await startTestPlatform();
  // The CLI writes where the running platform keeps its files.
  process.env.OUVIDOR_DATA_DIR = p.emulators.scratchDir;
});
afterAll(async () => {
  if (previousDataDir === undefined) delete process.env.OUVIDOR_DATA_DIR;
  else process.env.OUVIDOR_DATA_DIR = previousDataDir;
  await p?.stop();
});

/** Runs `ouvidor users ...` in this process; its exit code and what it printed. */
async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await usersCommand(argv), out };
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
}

const loginAs = (email: string, password: string) => p.post('/v1/auth/login', { email, password });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('local users: CLI, login, roles', () => {
  let adminToken: string;

  it('`users add` with a password reaches the running platform; login returns a token that works', async () => {
    expect((await cli('add', '--email', 'Ana@Example.com', '--role', 'admin', '--name', 'Ana', '--password', 'correct horse battery')).code).toBe(0);
    const journal = readFileSync(join(p.emulators.scratchDir, 'users.jsonl'), 'utf8');
    expect(journal).toContain('ana@example.com');
    expect(journal).not.toContain('correct horse battery');
    const res = await eventually(async () => {
      const r = await loginAs('ana@example.com', 'correct horse battery');
      return r.status === 200 ? r : undefined;
    });
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { token: string; user: object };
    expect(body.user).toEqual({ email: 'ana@example.com', name: 'Ana', role: 'admin' });
    expect(JSON.stringify(body)).not.toMatch(/scrypt|passwordHash/);
    expect(await new LocalTokenVerifier(config().OUVIDOR_JWT_SECRET!).verify(body.token)).toMatchObject({ sub: 'ana@example.com', roles: ['admin'] });
    adminToken = body.token;

    const accepted = (await (await p.post('/v1/feedback', { text: 'Entrega atrasou' })).json()) as { id: string };
    const read = await fetch(`${p.url}/v1/feedback/${accepted.id}`, { headers: bearer(adminToken) });
    expect(read.status).toBe(200);
  });

  it('`users add` without a password prints a generated one that signs in as an agent', async () => {
    const { code, out } = await cli('add', '--email', 'caio@example.com', '--role', 'agent');
    expect(code).toBe(0);
    const password = /Password: (\S+)/.exec(out)?.[1];
    expect(password).toBeDefined();
    const res = await eventually(async () => {
      const r = await loginAs('caio@example.com', password!);
      return r.status === 200 ? r : undefined;
    });
    expect(((await res.json()) as { user: { role: string; name: string } }).user).toEqual({ email: 'caio@example.com', name: 'caio', role: 'agent' });
  });

  it('refuses a wrong password and an unknown user with the same 401', async () => {
    const wrong = await loginAs('ana@example.com', 'wrong password');
    const unknown = await loginAs('nobody@example.com', 'wrong password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect((await p.post('/v1/auth/login', { email: 'ana@example.com' })).status).toBe(400);
  });

  it('admins list and create users (the generated password is returned once); agents get 403', async () => {
    const created = await p.post('/v1/users', API_SAMPLES['POST /v1/users'] as object, bearer(adminToken));
    expect(created.status).toBe(201);
    const { user, password } = (await created.json()) as { user: { email: string }; password: string };
    expect(user).toMatchObject({ email: 'bia@example.com', role: 'agent' });
    expect((await loginAs('bia@example.com', password)).status).toBe(200);
    expect((await p.post('/v1/users', API_SAMPLES['POST /v1/users'] as object, bearer(adminToken))).status).toBe(409);
    const invalid = await p.post('/v1/users', { email: 'x', name: 'X', role: 'root' }, bearer(adminToken));
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { details: { field: string }[] } }).error.details.map((d) => d.field).sort()).toEqual(['email', 'role']);

    const list = await fetch(`${p.url}/v1/users`, { headers: bearer(adminToken) });
    const items = ((await list.json()) as { items: { email: string }[] }).items;
    expect(items.map((u) => u.email)).toEqual(['ana@example.com', 'bia@example.com', 'caio@example.com']);
    expect(JSON.stringify(items)).not.toMatch(/scrypt|passwordHash/);

    const agent = await p.token('agent');
    expect((await fetch(`${p.url}/v1/users`, { headers: bearer(agent) })).status).toBe(403);
    expect((await p.post('/v1/users', API_SAMPLES['POST /v1/users'] as object, bearer(agent))).status).toBe(403);
    expect((await fetch(`${p.url}/v1/users`)).status).toBe(401);
  });

  it('`users list` without a running platform opens the on-disk table (after importing the journal)', async () => {
    await p.stop();
    // No platform running now: the command opens nothing locked (the test platform kept DynamoDB in memory).
    const dir = mkdtempSync(join(tmpdir(), 'ouvidor-users-'));
    process.env.OUVIDOR_DATA_DIR = dir;
    try {
      expect((await cli('add', '--email', 'dora@example.com', '--role', 'agent', '--password', 'another long one')).code).toBe(0);
      const { code, out } = await cli('list');
      expect(code).toBe(0);
      expect(out).toMatch(/^dora@example\.com\tagent\tdora\t/m);
      expect((await cli('add', '--email', 'bad', '--role', 'agent')).code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
