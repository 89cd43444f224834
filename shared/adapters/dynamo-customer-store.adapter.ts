import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CustomerProfileSchema, type CustomerProfile, type Identity } from '../domain/customer.schema.js';
import type { Feedback } from '../domain/feedback.schema.js';
import type { CustomerStore, Page } from '../ports/customer-store.port.js';
import type { UnreachableEmail } from '../domain/email-suppression.schema.js';
import { conditionalWrite, decodeCursor, encodeCursor, documentClient } from './dynamo-write.util.js';
import { fromItem } from './dynamo-feedback-store.adapter.js';
import { fetchBack } from './dynamo-sharded-query.js';

const identityKey = (i: Identity) => ({ pk: `IDENTITY#${i.kind}#${i.value}`, sk: 'IDENTITY' });
const profileKey = (id: string) => ({ pk: `CUSTOMER#${id}`, sk: 'PROFILE' });
const SET_FIELD = { email: 'emails', phone: 'phones', handle: 'handles' } as const;
/** One profile attribute per unreachable email (`UNREACHABLE#<address>` = {reason, at}): one write to set or clear, no map to create first. */
const UNREACHABLE = 'UNREACHABLE#';

export class DynamoCustomerStore implements CustomerStore {
  private readonly doc: DynamoDBDocumentClient;
  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = documentClient(client);
  }

  async findByIdentity(identity: Identity): Promise<string | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: identityKey(identity), ConsistentRead: true }));
    return out.Item?.customerId as string | undefined;
  }

  async claimIdentity(identity: Identity, customerId: string, at: string, claimedBy?: string): Promise<string> {
    return (await this.claim(identity, customerId, at, claimedBy)).owner;
  }

  claimIdentityFor(identity: Identity, customerId: string, at: string, claimedBy: string): Promise<{ owner: string; byThisItem: boolean }> {
    return this.claim(identity, customerId, at, claimedBy);
  }

  /** A conditional put first (no read before it); only a refused claim reads who owns the identity. */
  private async claim(identity: Identity, customerId: string, at: string, claimedBy?: string): Promise<{ owner: string; byThisItem: boolean }> {
    const claimed = await conditionalWrite(
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...identityKey(identity), customerId, kind: identity.kind, createdAt: at, ...(claimedBy && { claimedBy }) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    if (claimed) return { owner: customerId, byThisItem: true };
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: identityKey(identity), ConsistentRead: true }));
    const owner = out.Item?.customerId as string | undefined;
    if (!owner) throw new Error('identity claim vanished; retry');
    return { owner, byThisItem: claimedBy !== undefined && out.Item?.claimedBy === claimedBy };
  }

  async addToProfile(customerId: string, identities: readonly Identity[], name: string | undefined, at: string): Promise<void> {
    const sets = new Map<string, Set<string>>();
    for (const i of identities) sets.set(SET_FIELD[i.kind], (sets.get(SET_FIELD[i.kind]) ?? new Set()).add(i.value));
    const adds = [...sets.keys()].map((field, n) => `#s${n} :s${n}`);
    const names = Object.fromEntries([...sets.keys()].map((field, n) => [`#s${n}`, field]));
    const values = Object.fromEntries([...sets.values()].map((set, n) => [`:s${n}`, set]));
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: profileKey(customerId),
        UpdateExpression:
          `SET id = :id, createdAt = if_not_exists(createdAt, :at), updatedAt = :at` +
          (name ? ', #name = if_not_exists(#name, :name)' : '') +
          (adds.length > 0 ? ` ADD ${adds.join(', ')}` : ''),
        ExpressionAttributeNames: { ...names, ...(name && { '#name': 'name' }) },
        ExpressionAttributeValues: { ':id': customerId, ':at': at, ...values, ...(name && { ':name': name }) },
      }),
    );
  }

  async getProfile(customerId: string): Promise<CustomerProfile | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: profileKey(customerId), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const arr = (v: unknown) => (v instanceof Set ? [...v].map(String).sort() : []);
    const { emails, phones, handles, id, name, createdAt, updatedAt } = out.Item;
    const unreachable = Object.entries(out.Item)
      .filter(([k]) => k.startsWith(UNREACHABLE))
      .map(([k, v]) => ({ address: k.slice(UNREACHABLE.length), ...(v as { reason: string; at: string }) }))
      .sort((a, b) => a.address.localeCompare(b.address));
    return CustomerProfileSchema.parse({
      id, name, createdAt, updatedAt, emails: arr(emails), phones: arr(phones), handles: arr(handles),
      ...(unreachable.length > 0 && { unreachable: unreachable.map(({ address, reason, at }) => ({ address, reason, at })) }),
    });
  }

  async markEmailUnreachable(customerId: string, entry: UnreachableEmail): Promise<void> {
    await conditionalWrite(
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: profileKey(customerId),
          UpdateExpression: 'SET #u = if_not_exists(#u, :u)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#u': `${UNREACHABLE}${entry.address}` },
          ExpressionAttributeValues: { ':u': { reason: entry.reason, at: entry.at } },
        }),
      ),
    );
  }

  async clearEmailUnreachable(customerId: string, address: string): Promise<void> {
    await conditionalWrite(
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: profileKey(customerId),
          UpdateExpression: 'REMOVE #u',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#u': `${UNREACHABLE}${address}` },
        }),
      ),
    );
  }

  async listItems(customerId: string, limit: number, cursor?: string): Promise<Page<Feedback>> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerId}` },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor),
      }),
    );
    // gsi3 projects keys only: the page is fetched back by key (one BatchGetItem).
    const items = await fetchBack(this.doc, this.tableName, out.Items ?? []);
    return { items: items.map(fromItem), ...(out.LastEvaluatedKey && { cursor: encodeCursor(out.LastEvaluatedKey) }) };
  }
}
