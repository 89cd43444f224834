import * as z from 'zod';
import { RoleSchema } from './auth.schema.js';

/** Emails are user names: trimmed and lower-cased so `Ana@X.com` and `ana@x.com` are one user. */
export const UserEmailSchema = z
  .string({ error: 'email is required and must be a string' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'email must be an email address' }).max(254, 'email must be at most 254 characters'));

export const UserNameSchema = z.string().trim().min(1, 'name must not be empty').max(120, 'name must be at most 120 characters');

/** A staff member as the API shows it (never with credentials). */
export const UserSchema = z.object({
  email: UserEmailSchema,
  name: z.string().max(120),
  role: RoleSchema,
  createdAt: z.iso.datetime(),
  /** Cognito's account status (e.g. FORCE_CHANGE_PASSWORD) on AWS; absent locally. */
  status: z.string().optional(),
});
export type User = z.infer<typeof UserSchema>;

/** What `POST /v1/users` accepts. */
export const NewUserInputSchema = z
  .object({
    email: UserEmailSchema,
    name: UserNameSchema,
    role: RoleSchema,
  })
  .strict();
export type NewUserInput = z.infer<typeof NewUserInputSchema>;

/** What `POST /v1/auth/login` accepts (local runtime only). */
export const LoginInputSchema = z
  .object({
    email: z.string({ error: 'email is required and must be a string' }).trim().toLowerCase().min(3, 'email is required').max(254),
    password: z.string({ error: 'password is required and must be a string' }).min(1, 'password is required').max(1024),
  })
  .strict();
export type LoginInput = z.infer<typeof LoginInputSchema>;

/** A local user as stored: the public fields plus the scrypt hash (never logged or returned). */
export interface StoredUser extends User {
  readonly passwordHash: string;
  readonly updatedAt: string;
}

/** A user without its credentials. */
export const publicUser = (u: User): User => ({
  email: u.email,
  name: u.name,
  role: u.role,
  createdAt: u.createdAt,
  ...(u.status && { status: u.status }),
});
