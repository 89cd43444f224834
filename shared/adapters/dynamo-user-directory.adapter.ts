import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { RoleSchema } from '../domain/auth.schema.js';
import { UserExistsError } from '../domain/user.errors.js';
import { publicUser, type NewUserInput, type StoredUser, type User } from '../domain/user.schema.js';
import type { PasswordHasher, UserCredentials, UserDirectory } from '../ports/user-directory.port.js';
import { conditionalWrite, documentClient, queryAll } from './dynamo-write.util.js';
import { fetchBack } from './dynamo-sharded-query.js';

const key = (email: string) => ({ pk: `USER#${email}`, sk: 'USER' });

const fromItem = (i: Record<string, unknown>): StoredUser => ({
  email: String(i.email),
  name: String(i.name ?? ''),
  role: RoleSchema.parse(i.role),
  createdAt: String(i.createdAt),
  updatedAt: String(i.updatedAt ?? i.createdAt),
  passwordHash: String(i.passwordHash),
});

/**
 * Local users (`USER#<email>` / `USER`, listed through gsi1 `USER` sorted by email). The
 * password hash never leaves this adapter except through `find` (the login use case).
 */
export class DynamoUserDirectory implements UserDirectory, UserCredentials {
  private readonly doc: DynamoDBDocumentClient;
  constructor(client: DynamoDBClient, private readonly tableName: string, private readonly passwords: PasswordHasher) {
    this.doc = documentClient(client);
  }

  async list(): Promise<User[]> {
    const items = await queryAll(this.doc, { TableName: this.tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': 'USER' } });
    // gsi1 projects only the inbox's attributes: the users are fetched back by key.
    return (await fetchBack(this.doc, this.tableName, items)).map((i) => publicUser(fromItem(i)));
  }

  async create(input: NewUserInput, at: string): Promise<{ user: User; password: string }> {
    const password = this.passwords.generate();
    const user: StoredUser = { ...input, createdAt: at, updatedAt: at, passwordHash: await this.passwords.hash(password) };
    const written = await conditionalWrite(
      this.doc.send(new PutCommand({ TableName: this.tableName, Item: this.item(user), ConditionExpression: 'attribute_not_exists(pk)' })),
    );
    if (!written) throw new UserExistsError(input.email);
    return { user: publicUser(user), password };
  }

  async find(email: string): Promise<StoredUser | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key(email), ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : undefined;
  }

  upsert(user: StoredUser): Promise<boolean> {
    return conditionalWrite(
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.item(user),
          ConditionExpression: 'attribute_not_exists(pk) OR updatedAt < :at',
          ExpressionAttributeValues: { ':at': user.updatedAt },
        }),
      ),
    );
  }

  private item(u: StoredUser) {
    return { ...key(u.email), gsi1pk: 'USER', gsi1sk: u.email, email: u.email, name: u.name, role: u.role, createdAt: u.createdAt, updatedAt: u.updatedAt, passwordHash: u.passwordHash };
  }
}
