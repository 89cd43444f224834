import type { Role } from '../domain/auth.schema.js';
import type { NewUserInput, StoredUser, User } from '../domain/user.schema.js';

/** Staff users: Cognito on AWS, the table locally. */
export interface UserDirectory {
  list(): Promise<User[]>;
  /**
   * Creates a user with `input.role`. Locally a password is generated and returned once; on AWS
   * Cognito emails a temporary password and nothing is returned. Throws UserExistsError.
   */
  create(input: NewUserInput, at: string): Promise<{ user: User; password?: string }>;
}

/** Local credentials (the embedded runtime's own sign-in). */
export interface UserCredentials {
  find(email: string): Promise<StoredUser | undefined>;
  /** Writes the user unless the stored one is as new or newer (`updatedAt`); true when written. */
  upsert(user: StoredUser): Promise<boolean>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
  generate(): string;
}

/** Signs the bearer token a signed-in user gets. */
export type TokenIssuer = (sub: string, roles: readonly Role[]) => Promise<string>;
