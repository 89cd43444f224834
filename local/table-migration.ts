import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  UpdateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { feedbackItem, fromItem } from '../shared/adapters/dynamo-feedback-store.adapter.js';
import { TABLE_ATTRIBUTES, TABLE_INDEXES, TABLE_KEYS, type IndexDefinition } from '../shared/adapters/dynamo-table.definition.js';

/**
 * Local tables made by an earlier version lack the indexes added since. DynamoDB adds a GSI with
 * UpdateTable; dynalite accepts the call but ignores it, so when the index is still missing the
 * table is rebuilt: copied to `<name>-migrating` (the new definition), re-created, copied back.
 * Either way, feedback records are re-written so they carry the new index keys. Local only: it
 * scans the whole table, once.
 */

const gsi = (i: IndexDefinition) => ({
  IndexName: i.name,
  KeySchema: [
    { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
    { AttributeName: i.sortKey, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: i.projection, ...(i.projection === 'INCLUDE' && { NonKeyAttributes: [...(i.nonKeyAttributes ?? [])] }) },
});

export const tableDefinition = (tableName: string): CreateTableCommandInput => ({
  TableName: tableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: TABLE_ATTRIBUTES.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
  KeySchema: [
    { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
    { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
  ],
  GlobalSecondaryIndexes: TABLE_INDEXES.map(gsi),
});

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (e) {
    if ((e as Error).name === 'ResourceNotFoundException') return undefined;
    throw e;
  }
}

const missingIndexes = (t: TableDescription) => TABLE_INDEXES.filter((i) => !(t.GlobalSecondaryIndexes ?? []).some((g) => g.IndexName === i.name));

/** Copies every item, giving feedback records their current index keys. */
async function copyItems(client: DynamoDBClient, from: string, to: string): Promise<number> {
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  let start: Record<string, unknown> | undefined;
  let n = 0;
  do {
    const page = await doc.send(new ScanCommand({ TableName: from, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      const rekeyed = item.sk === 'FEEDBACK' && String(item.pk).startsWith('FEEDBACK#') ? feedbackItem(fromItem(item)) : item;
      await doc.send(new PutCommand({ TableName: to, Item: rekeyed }));
      n++;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return n;
}

export async function waitActive(client: DynamoDBClient, tableName: string): Promise<TableDescription> {
  for (let i = 0; i < 600; i++) {
    const t = await describe(client, tableName);
    if (t && t.TableStatus === 'ACTIVE' && (t.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === undefined || g.IndexStatus === 'ACTIVE')) return t;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`table ${tableName} did not become active`);
}

async function recreate(client: DynamoDBClient, tableName: string, temp: string): Promise<void> {
  if (await describe(client, tableName)) await client.send(new DeleteTableCommand({ TableName: tableName }));
  for (let i = 0; i < 600 && (await describe(client, tableName)); i++) await new Promise((r) => setTimeout(r, 100));
  await client.send(new CreateTableCommand(tableDefinition(tableName)));
  await waitActive(client, tableName);
  await copyItems(client, temp, tableName);
  await client.send(new DeleteTableCommand({ TableName: temp }));
}

/** Adds the indexes `table` lacks; returns their names (none: nothing was done). */
export async function migrateTable(client: DynamoDBClient, tableName: string, table: TableDescription): Promise<string[]> {
  const missing = missingIndexes(table);
  if (missing.length === 0) return [];
  try {
    // DynamoDB: one new index per UpdateTable call.
    for (const index of missing) {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: [index.partitionKey, index.sortKey].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
          GlobalSecondaryIndexUpdates: [{ Create: gsi(index) }],
        }),
      );
      await waitActive(client, tableName);
    }
  } catch {
    // An emulator that cannot add indexes (dynalite asks for throughput, then ignores them): rebuild.
  }
  const after = await waitActive(client, tableName);
  if (missingIndexes(after).length === 0) {
    await copyItems(client, tableName, tableName);
    return missing.map((i) => i.name);
  }
  const temp = `${tableName}-migrating`;
  if (await describe(client, temp)) await client.send(new DeleteTableCommand({ TableName: temp }));
  await client.send(new CreateTableCommand(tableDefinition(temp)));
  await waitActive(client, temp);
  await copyItems(client, tableName, temp);
  await recreate(client, tableName, temp);
  return missing.map((i) => i.name);
}

/** A rebuild interrupted after the original was deleted: finish it from the copy. */
export async function resumeInterruptedMigration(client: DynamoDBClient, tableName: string): Promise<boolean> {
  const temp = `${tableName}-migrating`;
  const copy = await describe(client, temp);
  if (!copy) return false;
  const original = await describe(client, tableName);
  if (original && missingIndexes(original).length > 0) {
    // Interrupted while copying to the temporary table: the original is whole; start again.
    await client.send(new DeleteTableCommand({ TableName: temp }));
    return false;
  }
  await recreate(client, tableName, temp);
  return true;
}
