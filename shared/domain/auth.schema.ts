import * as z from 'zod';

export const RoleSchema = z.enum(['admin', 'agent']);
export type Role = z.infer<typeof RoleSchema>;

export interface Principal {
  readonly sub: string;
  readonly roles: readonly Role[];
  readonly email?: string;
}
