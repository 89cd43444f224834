import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoUserDirectory } from '../../../shared/adapters/cognito-user-directory.adapter.js';
import { UserExistsError } from '../../../shared/domain/user.errors.js';

const cognito = mockClient(CognitoIdentityProviderClient);
const directory = new CognitoUserDirectory(new CognitoIdentityProviderClient({ region: 'us-east-1' }), 'us-east-1_pool');
const created = new Date('2026-03-01T12:00:00.000Z');

beforeEach(() => cognito.reset());

describe('CognitoUserDirectory', () => {
  it('lists the pool users (every page) with their role from the groups, skipping users in neither group', async () => {
    cognito
      .on(ListUsersCommand, { PaginationToken: undefined })
      .resolves({ Users: [{ Username: 'u-1', UserCreateDate: created, UserStatus: 'CONFIRMED', Attributes: [{ Name: 'email', Value: 'Ana@X.co' }, { Name: 'name', Value: 'Ana' }] }], PaginationToken: 'p2' })
      .on(ListUsersCommand, { PaginationToken: 'p2' })
      .resolves({ Users: [{ Username: 'u-2', UserCreateDate: created, Attributes: [{ Name: 'email', Value: 'bia@x.co' }] }, { Username: 'u-3', Attributes: [] }] });
    cognito
      .on(AdminListGroupsForUserCommand, { Username: 'u-1' })
      .resolves({ Groups: [{ GroupName: 'agent' }, { GroupName: 'admin' }] })
      .on(AdminListGroupsForUserCommand, { Username: 'u-2' })
      .resolves({ Groups: [{ GroupName: 'agent' }] })
      .on(AdminListGroupsForUserCommand, { Username: 'u-3' })
      .resolves({ Groups: [] });
    expect(await directory.list()).toEqual([
      { email: 'ana@x.co', name: 'Ana', role: 'admin', createdAt: created.toISOString(), status: 'CONFIRMED' },
      { email: 'bia@x.co', name: '', role: 'agent', createdAt: created.toISOString() },
    ]);
    expect(cognito.commandCalls(ListUsersCommand)[0]?.args[0].input).toMatchObject({ UserPoolId: 'us-east-1_pool' });
  });

  it('creates the user (email invitation) and adds it to its role group', async () => {
    cognito.on(AdminCreateUserCommand).resolves({ User: { Username: 'sub-123', UserCreateDate: created, UserStatus: 'FORCE_CHANGE_PASSWORD' } });
    cognito.on(AdminAddUserToGroupCommand).resolves({});
    const out = await directory.create({ email: 'bia@x.co', name: 'Bia', role: 'agent' }, created.toISOString());
    expect(out).toEqual({ user: { email: 'bia@x.co', name: 'Bia', role: 'agent', createdAt: created.toISOString(), status: 'FORCE_CHANGE_PASSWORD' } });
    expect(cognito.commandCalls(AdminCreateUserCommand)[0]?.args[0].input).toMatchObject({
      UserPoolId: 'us-east-1_pool',
      Username: 'bia@x.co',
      DesiredDeliveryMediums: ['EMAIL'],
      UserAttributes: expect.arrayContaining([{ Name: 'email', Value: 'bia@x.co' }, { Name: 'email_verified', Value: 'true' }, { Name: 'name', Value: 'Bia' }]),
    });
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)[0]?.args[0].input).toEqual({ UserPoolId: 'us-east-1_pool', Username: 'sub-123', GroupName: 'agent' });
  });

  it('maps an existing user name to 409', async () => {
    cognito.on(AdminCreateUserCommand).rejects(new UsernameExistsException({ message: 'exists', $metadata: {} }));
    await expect(directory.create({ email: 'bia@x.co', name: 'Bia', role: 'agent' }, created.toISOString())).rejects.toBeInstanceOf(UserExistsError);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
  });
});
