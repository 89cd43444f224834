import type { Role } from '../domain/auth.schema.js';
import { InvalidCredentialsError } from '../domain/user.errors.js';
import { LoginInputSchema, NewUserInputSchema, type User } from '../domain/user.schema.js';
import { parseOrThrow } from '../domain/validation.js';
import type { Clock } from '../ports/clock.port.js';
import type { PasswordHasher, TokenIssuer, UserCredentials, UserDirectory } from '../ports/user-directory.port.js';

export interface LoginDeps {
  readonly credentials: UserCredentials;
  readonly passwords: PasswordHasher;
  readonly issue: TokenIssuer;
}

let dummyHash: Promise<string> | undefined;

/**
 * Local sign-in: `{email, password}` → a bearer token (sub = email, the user's role). An unknown
 * user and a wrong password get the same 401, and both cost one scrypt verification.
 */
export async function login(deps: LoginDeps, body: unknown): Promise<{ token: string; user: { email: string; name: string; role: Role } }> {
  const input = parseOrThrow(LoginInputSchema, body, 'login');
  const user = await deps.credentials.find(input.email);
  dummyHash ??= deps.passwords.hash(deps.passwords.generate());
  const ok = await deps.passwords.verify(input.password, user?.passwordHash ?? (await dummyHash));
  if (!user || !ok) throw new InvalidCredentialsError();
  const token = await deps.issue(user.email, [user.role]);
  return { token, user: { email: user.email, name: user.name, role: user.role } };
}

export interface UsersDeps {
  readonly users: UserDirectory;
  readonly clock: Clock;
}

export async function listUsers(deps: UsersDeps): Promise<{ items: User[] }> {
  const items = await deps.users.list();
  return { items: items.sort((a, b) => a.email.localeCompare(b.email)) };
}

/** Creates a staff user; locally the answer carries the generated password, once. */
export async function createUser(deps: UsersDeps, body: unknown): Promise<{ user: User; password?: string }> {
  const input = parseOrThrow(NewUserInputSchema, body, 'user');
  return deps.users.create(input, deps.clock.now().toISOString());
}
