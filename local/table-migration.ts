import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  UpdateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { feedbackItem, fromItem } from '../shared/adapters/dynamo-feedback-store.adapter.js';
import { TABLE_ATTRIBUTES, TABLE_INDEXES, TABLE_KEYS, TABLE_LAYOUT_VERSION, type IndexDefinition } from '../shared/adapters/dynamo-table.definition.js';

/**
 * Local tables made by an earlier version lack the indexes added since, or have them with another
 * projection, and their feedback records carry older index keys (before the shards). DynamoDB adds
 * a GSI with UpdateTable; dynalite accepts the call but ignores it, and neither changes an index's
 * projection in place, so then the table is rebuilt: copied to `<name>-migrating` (the new
 * definition), re-created, copied back. Either way, feedback records are re-written so they carry
 * the current index keys, and `META#layout` records the key layout they follow
 * (`TABLE_LAYOUT_VERSION`): a table at an older layout is re-keyed in place. Local only: it scans
 * the whole table, once.
 */
const LAYOUT_KEY = { pk: 'META#layout', sk: 'META' } as const;

export async function tableLayout(client: DynamoDBClient, tableName: string): Promise<number> {
  const out = await DynamoDBDocumentClient.from(client).send(new GetCommand({ TableName: tableName, Key: LAYOUT_KEY, ConsistentRead: true }));
  return typeof out.Item?.version === 'number' ? out.Item.version : 1;
}

export async function recordLayout(client: DynamoDBClient, tableName: string): Promise<void> {
  await DynamoDBDocumentClient.from(client).send(new PutCommand({ TableName: tableName, Item: { ...LAYOUT_KEY, version: TABLE_LAYOUT_VERSION } }));
}

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

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/** Indexes that exist with another projection than the definition's (changing one means re-creating it). */
export const changedIndexes = (t: TableDescription): IndexDefinition[] =>
  TABLE_INDEXES.filter((i) => {
    const g = (t.GlobalSecondaryIndexes ?? []).find((x) => x.IndexName === i.name);
    if (!g) return false;
    const type = g.Projection?.ProjectionType ?? 'ALL';
    return type !== i.projection || (i.projection === 'INCLUDE' && !sameSet(g.Projection?.NonKeyAttributes ?? [], i.nonKeyAttributes ?? []));
  });

const outdated = (t: TableDescription) => missingIndexes(t).length > 0 || changedIndexes(t).length > 0;

/** An item with the index keys the current layout gives it (feedback records; others as they are). */
function rekeyed(item: Record<string, unknown>): Record<string, unknown> {
  if (item.sk === 'FEEDBACK' && String(item.pk).startsWith('FEEDBACK#')) return feedbackItem(fromItem(item));
  return item;
}

/** Copies every item, giving feedback records their current index keys (BatchWriteItem, 25 a call). */
async function copyItems(client: DynamoDBClient, from: string, to: string): Promise<number> {
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  let start: Record<string, unknown> | undefined;
  let n = 0;
  do {
    const page = await doc.send(new ScanCommand({ TableName: from, ExclusiveStartKey: start }));
    const items = (page.Items ?? []).map(rekeyed);
    for (let i = 0; i < items.length; i += 25) {
      let requests: Record<string, unknown>[] = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 20) throw new Error('the table refused writes while migrating; start again');
        if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * attempt));
        const out = await doc.send(new BatchWriteCommand({ RequestItems: { [to]: requests as never } }));
        requests = (out.UnprocessedItems?.[to] as Record<string, unknown>[] | undefined) ?? [];
      }
    }
    n += items.length;
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
  await recordLayout(client, tableName);
  await client.send(new DeleteTableCommand({ TableName: temp }));
}

/**
 * Brings `table` to the current definition and key layout: adds the indexes it lacks, re-creates
 * those whose projection changed (through a rebuild), re-keys the feedback records. Returns what
 * was done (empty: nothing).
 */
export async function migrateTable(client: DynamoDBClient, tableName: string, table: TableDescription): Promise<string[]> {
  const missing = missingIndexes(table);
  const changed = changedIndexes(table);
  if (missing.length === 0 && changed.length === 0) {
    if ((await tableLayout(client, tableName)) >= TABLE_LAYOUT_VERSION) return [];
    await copyItems(client, tableName, tableName);
    await recordLayout(client, tableName);
    return [`layout v${TABLE_LAYOUT_VERSION}`];
  }
  const done = [...missing.map((i) => i.name), ...changed.map((i) => `${i.name} (projection)`)];
  if (changed.length === 0) {
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
    if (!outdated(after)) {
      await copyItems(client, tableName, tableName);
      await recordLayout(client, tableName);
      return done;
    }
  }
  const temp = `${tableName}-migrating`;
  if (await describe(client, temp)) await client.send(new DeleteTableCommand({ TableName: temp }));
  await client.send(new CreateTableCommand(tableDefinition(temp)));
  await waitActive(client, temp);
  await copyItems(client, tableName, temp);
  await recreate(client, tableName, temp);
  return done;
}

/** A rebuild interrupted after the original was deleted: finish it from the copy. */
export async function resumeInterruptedMigration(client: DynamoDBClient, tableName: string): Promise<boolean> {
  const temp = `${tableName}-migrating`;
  const copy = await describe(client, temp);
  if (!copy) return false;
  const original = await describe(client, tableName);
  if (original && outdated(original)) {
    // Interrupted while copying to the temporary table: the original is whole; start again.
    await client.send(new DeleteTableCommand({ TableName: temp }));
    return false;
  }
  await recreate(client, tableName, temp);
  return true;
}
