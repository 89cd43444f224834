import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SuppressionSchema, type Suppression } from '../domain/email-suppression.schema.js';
import type { SuppressionStore } from '../ports/suppression-store.port.js';
import { conditionalWrite, documentClient } from './dynamo-write.util.js';

export const suppressionKey = (address: string) => ({ pk: `SUPPRESSION#${address}`, sk: 'SUPPRESSION' });

/** `SUPPRESSION#<address>` / `SUPPRESSION`: one item per unreachable address (no index). */
export class DynamoSuppressionStore implements SuppressionStore {
  private readonly doc: DynamoDBDocumentClient;
  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = documentClient(client);
  }

  async get(address: string): Promise<Suppression | undefined> {
    // Eventually consistent (half the read cost): a bounce arrives minutes after the send that caused it,
    // and a read within the second after it is recorded is the only one that could miss it.
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: suppressionKey(address) }));
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, ...rest } = out.Item;
    return SuppressionSchema.parse(rest);
  }

  async suppress(suppression: Suppression): Promise<'created' | 'exists'> {
    const item = { ...suppressionKey(suppression.address), ...SuppressionSchema.parse(suppression) };
    const created = await conditionalWrite(this.doc.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' })));
    return created ? 'created' : 'exists';
  }

  async clear(address: string): Promise<boolean> {
    const out = await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: suppressionKey(address), ReturnValues: 'ALL_OLD' }));
    return out.Attributes !== undefined;
  }
}
