import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { CannedReplySchema, type CannedReply, type CannedReplyLocale } from '../domain/canned-reply.schema.js';
import type { CannedReplyStore } from '../ports/canned-reply-store.port.js';
import { conditionalWrite, documentClient, queryAll } from './dynamo-write.util.js';
import { fetchBack } from './dynamo-sharded-query.js';

const KEYS = ['pk', 'sk', 'gsi1pk', 'gsi1sk'];
const key = (id: string) => ({ pk: `CANNED#${id}`, sk: 'CANNED' });
const fromItem = (i: Record<string, unknown>) => CannedReplySchema.parse(Object.fromEntries(Object.entries(i).filter(([k]) => !KEYS.includes(k))));

/** Canned replies: `CANNED#<id>` / `CANNED`, listed through gsi1 `CANNED` sorted by `<locale>#<title>#<id>`. */
export class DynamoCannedReplyStore implements CannedReplyStore {
  private readonly doc: DynamoDBDocumentClient;
  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = documentClient(client);
  }

  async list(locale?: CannedReplyLocale): Promise<CannedReply[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: locale ? 'gsi1pk = :p AND begins_with(gsi1sk, :l)' : 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': 'CANNED', ...(locale && { ':l': `${locale}#` }) },
    });
    // gsi1 projects only the inbox's attributes: the replies are fetched back by key.
    return (await fetchBack(this.doc, this.tableName, items)).map(fromItem);
  }

  async get(id: string): Promise<CannedReply | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key(id), ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : undefined;
  }

  put(reply: CannedReply, expectedVersion: number): Promise<boolean> {
    return conditionalWrite(
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key(reply.id), gsi1pk: 'CANNED', gsi1sk: `${reply.locale}#${reply.title.toLowerCase()}#${reply.id}`, ...reply },
          ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
          ...(expectedVersion !== 0 && { ExpressionAttributeValues: { ':v': expectedVersion } }),
        }),
      ),
    );
  }

  delete(id: string): Promise<boolean> {
    return conditionalWrite(this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: key(id), ConditionExpression: 'attribute_exists(pk)' })));
  }

  claimSeeding(at: string): Promise<boolean> {
    return conditionalWrite(
      this.doc.send(new PutCommand({ TableName: this.tableName, Item: { pk: 'CANNED_SEEDED', sk: 'CANNED_SEEDED', at }, ConditionExpression: 'attribute_not_exists(pk)' })),
    );
  }
}
