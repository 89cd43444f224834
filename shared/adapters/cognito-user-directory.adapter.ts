import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminListGroupsForUserCommand,
  ListUsersCommand,
  type CognitoIdentityProviderClient,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { RoleSchema, type Role } from '../domain/auth.schema.js';
import { UserExistsError } from '../domain/user.errors.js';
import type { NewUserInput, User } from '../domain/user.schema.js';
import type { UserDirectory } from '../ports/user-directory.port.js';

/** The IAM actions this adapter calls (granted on the user pool's ARN only). */
export const COGNITO_USER_ADMIN_ACTIONS = [
  'cognito-idp:ListUsers',
  'cognito-idp:AdminListGroupsForUser',
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminAddUserToGroup',
] as const;

const attr = (u: UserType, name: string) => u.Attributes?.find((a) => a.Name === name)?.Value;

/** Staff users in the Cognito user pool; the pool's groups (`admin`, `agent`) are the roles. */
export class CognitoUserDirectory implements UserDirectory {
  constructor(private readonly client: CognitoIdentityProviderClient, private readonly userPoolId: string) {}

  async list(): Promise<User[]> {
    const users: User[] = [];
    let token: string | undefined;
    do {
      const out = await this.client.send(new ListUsersCommand({ UserPoolId: this.userPoolId, PaginationToken: token, Limit: 60 }));
      for (const u of out.Users ?? []) {
        const role = await this.roleOf(u.Username ?? '');
        if (!role) continue; // not staff of this app
        users.push({
          email: (attr(u, 'email') ?? u.Username ?? '').toLowerCase(),
          name: attr(u, 'name') ?? '',
          role,
          createdAt: (u.UserCreateDate ?? new Date(0)).toISOString(),
          ...(u.UserStatus && { status: u.UserStatus }),
        });
      }
      token = out.PaginationToken;
    } while (token);
    return users;
  }

  async create(input: NewUserInput, at: string): Promise<{ user: User }> {
    try {
      const out = await this.client.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: input.email,
          UserAttributes: [
            { Name: 'email', Value: input.email },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: input.name },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
      await this.client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: out.User?.Username ?? input.email, GroupName: input.role }));
      return {
        user: { ...input, createdAt: (out.User?.UserCreateDate ?? new Date(at)).toISOString(), ...(out.User?.UserStatus && { status: out.User.UserStatus }) },
      };
    } catch (e) {
      if ((e as { name?: string }).name === 'UsernameExistsException') throw new UserExistsError(input.email, { cause: e });
      throw e;
    }
  }

  /** The highest role among the user's groups (admin over agent); undefined when in neither. */
  private async roleOf(username: string): Promise<Role | undefined> {
    const out = await this.client.send(new AdminListGroupsForUserCommand({ UserPoolId: this.userPoolId, Username: username }));
    const roles = (out.Groups ?? []).flatMap((g) => {
      const r = RoleSchema.safeParse(g.GroupName);
      return r.success ? [r.data] : [];
    });
    return roles.includes('admin') ? 'admin' : roles[0];
  }
}
