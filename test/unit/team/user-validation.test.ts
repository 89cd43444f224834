import { describe, expect, it } from 'vitest';
import { createUser, listUsers, login } from '../../../shared/app/users.use-case.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import { InvalidCredentialsError } from '../../../shared/domain/user.errors.js';
import { LoginInputSchema, NewUserInputSchema, type StoredUser, type User } from '../../../shared/domain/user.schema.js';
import { parseOrThrow } from '../../../shared/domain/validation.js';
import { hashPassword, scryptPasswords } from '../../../shared/adapters/scrypt-password.adapter.js';
import type { UserDirectory } from '../../../shared/ports/user-directory.port.js';

const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).details.map((d) => d.field);
  }
  throw new Error('expected a validation error');
};

describe('user validation', () => {
  it('normalizes the email and accepts the two roles', () => {
    expect(parseOrThrow(NewUserInputSchema, { email: '  Ana@Example.COM ', name: 'Ana', role: 'admin' }, 'user')).toEqual({ email: 'ana@example.com', name: 'Ana', role: 'admin' });
  });

  it('names each field at fault', () => {
    expect(fieldsOf(() => parseOrThrow(NewUserInputSchema, { email: 'not-an-email', name: '', role: 'root' }, 'user')).sort()).toEqual(['email', 'name', 'role']);
    expect(fieldsOf(() => parseOrThrow(NewUserInputSchema, { email: 'a@b.co', name: 'A', role: 'agent', password: 'x' }, 'user'))).toEqual(['']);
    expect(fieldsOf(() => parseOrThrow(LoginInputSchema, { email: 'a@b.co' }, 'login'))).toEqual(['password']);
  });
});

describe('login use case', () => {
  const users = new Map<string, StoredUser>();
  const deps = {
    credentials: { find: async (e: string) => users.get(e), upsert: async () => true },
    passwords: scryptPasswords,
    issue: async (sub: string, roles: readonly string[]) => `token:${sub}:${roles.join(',')}`,
  };

  it('signs in with the right password (email case-insensitive) and never returns the hash', async () => {
    users.set('ana@example.com', { email: 'ana@example.com', name: 'Ana', role: 'agent', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', passwordHash: await hashPassword('s3cret-pass') });
    const out = await login(deps, { email: 'ANA@example.com', password: 's3cret-pass' });
    expect(out).toEqual({ token: 'token:ana@example.com:agent', user: { email: 'ana@example.com', name: 'Ana', role: 'agent' } });
    expect(JSON.stringify(out)).not.toContain('scrypt');
  });

  it('answers the same error for a wrong password and an unknown user', async () => {
    const wrong = await login(deps, { email: 'ana@example.com', password: 'nope' }).catch((e: unknown) => e);
    const unknown = await login(deps, { email: 'who@example.com', password: 'nope' }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(InvalidCredentialsError);
    expect(unknown).toBeInstanceOf(InvalidCredentialsError);
    expect((wrong as Error).message).toBe((unknown as Error).message);
  });
});

describe('user directory use cases', () => {
  it('lists sorted by email and creates through the directory', async () => {
    const created: User[] = [];
    const directory: UserDirectory = {
      list: async () => [{ email: 'z@x.co', name: 'Z', role: 'agent', createdAt: '2026-01-01T00:00:00.000Z' }, ...created],
      create: async (input, at) => {
        created.push({ ...input, createdAt: at });
        return { user: { ...input, createdAt: at }, password: 'generated' };
      },
    };
    const deps = { users: directory, clock: { now: () => new Date('2026-02-02T00:00:00.000Z') } };
    expect(await createUser(deps, { email: 'A@x.co', name: 'A', role: 'admin' })).toEqual({ user: { email: 'a@x.co', name: 'A', role: 'admin', createdAt: '2026-02-02T00:00:00.000Z' }, password: 'generated' });
    expect((await listUsers(deps)).items.map((u) => u.email)).toEqual(['a@x.co', 'z@x.co']);
    await expect(createUser(deps, { email: 'bad', name: 'A', role: 'admin' })).rejects.toBeInstanceOf(ValidationError);
  });
});
