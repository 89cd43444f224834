import { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand, UpdateItemCommand, DeleteItemCommand, BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexDefinition } from '../../shared/adapters/dynamo-table.definition.js';
import { attachStoreOpCounter, itemSize, writeUnits, type StoreOpCounter } from '../../local/bench/store-op-counter.js';
import { startEmulators, type Emulators } from '../../local/emulators.js';
import { ensureTable } from '../../local/provision.js';

const TABLE = 'counted';
let emulators: Emulators;
let client: DynamoDBClient;
let counter: StoreOpCounter;

const newClient = () => new DynamoDBClient({ region: 'us-east-1', endpoint: emulators.dynamodbEndpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });

beforeAll(async () => {
  emulators = await startEmulators(undefined);
  client = newClient();
  await ensureTable(client, TABLE);
  // Fixed projections (gsi1/gsi3 ALL, gsi4 KEYS_ONLY), so the arithmetic below does not follow the table's definition.
  counter = attachStoreOpCounter(client, { tableName: TABLE, units: { imageReader: newClient() }, indexes: FIXED_INDEXES });
});
afterAll(async () => {
  client?.destroy();
  await emulators?.stop();
});

const text = (bytes: number) => 'x'.repeat(bytes);
const FIXED_INDEXES: IndexDefinition[] = [
  { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'ALL' },
  { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projection: 'ALL' },
  { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', projection: 'KEYS_ONLY' },
];

describe('the store operation counter', () => {
  it('counts requests and bills write units for the table and the indexes an item is in', async () => {
    counter.reset();
    // 1.5 KB item on gsi1 (ALL) and gsi4 (KEYS_ONLY): table 2 + gsi1 2 + gsi4 1.
    await client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'FEEDBACK#1' }, sk: { S: 'FEEDBACK' }, gsi1pk: { S: 'STATUS#new' }, gsi1sk: { S: 'a#1' }, gsi4pk: { S: 'STAGE#received' }, gsi4sk: { S: 'a#1' }, text: { S: text(1500) } } }));
    expect(counter.snapshot()).toMatchObject({ reads: 0, writes: 1, writeUnits: 5, indexWriteUnits: 3 });

    // Leaving gsi4 (delete 1) and changing a non-key attribute seen by gsi1 (ALL: rewrite 2), table 2.
    await client.send(new UpdateItemCommand({ TableName: TABLE, Key: { pk: { S: 'FEEDBACK#1' }, sk: { S: 'FEEDBACK' } }, UpdateExpression: 'SET #t = :t REMOVE gsi4pk, gsi4sk', ExpressionAttributeNames: { '#t': 'text' }, ExpressionAttributeValues: { ':t': { S: text(1400) } } }));
    expect(counter.snapshot()).toMatchObject({ writes: 2, writeUnits: 10, indexWriteUnits: 6 });

    // Moving gsi1 partitions: delete + put there.
    await client.send(new UpdateItemCommand({ TableName: TABLE, Key: { pk: { S: 'FEEDBACK#1' }, sk: { S: 'FEEDBACK' } }, UpdateExpression: 'SET gsi1pk = :s', ExpressionAttributeValues: { ':s': { S: 'STATUS#open' } } }));
    expect(counter.snapshot()).toMatchObject({ writes: 3, writeUnits: 16, indexWriteUnits: 10 });

    // A refused conditional write is billed for the table, writes no index.
    await expect(client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'FEEDBACK#1' }, sk: { S: 'FEEDBACK' } }, ConditionExpression: 'attribute_not_exists(pk)' }))).rejects.toThrow();
    expect(counter.snapshot()).toMatchObject({ writes: 4, writeUnits: 18, indexWriteUnits: 10 });

    await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'FEEDBACK#1' }, sk: { S: 'FEEDBACK' } }, ConsistentRead: true }));
    await client.send(new QueryCommand({ TableName: TABLE, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :s', ExpressionAttributeValues: { ':s': { S: 'STATUS#open' } } }));
    const s = counter.snapshot();
    expect(s).toMatchObject({ reads: 2, writes: 4, byCommand: { PutItemCommand: 2, UpdateItemCommand: 2, GetItemCommand: 1, QueryCommand: 1 } });
    expect(s.readUnits).toBeGreaterThan(0);
  });

  it('counts a batch write as one request and bills each item in it', async () => {
    counter.reset();
    await client.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: [
      { PutRequest: { Item: { pk: { S: 'OUTBOX#1' }, sk: { S: 'OUTBOX' }, body: { S: text(100) } } } },
      { PutRequest: { Item: { pk: { S: 'OUTBOX#2' }, sk: { S: 'OUTBOX' }, gsi3pk: { S: 'OUTBOX#fb' }, gsi3sk: { S: 'x' }, body: { S: text(100) } } } },
    ] } }));
    expect(counter.snapshot()).toMatchObject({ writes: 1, writeUnits: 3, indexWriteUnits: 1 });
    await client.send(new DeleteItemCommand({ TableName: TABLE, Key: { pk: { S: 'OUTBOX#2' }, sk: { S: 'OUTBOX' } } }));
    expect(counter.snapshot()).toMatchObject({ writes: 2, writeUnits: 5, indexWriteUnits: 2 });
  });

  it('stops counting once detached', async () => {
    const other = newClient();
    const c = attachStoreOpCounter(other, { tableName: TABLE });
    await other.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'none' }, sk: { S: 'none' } } }));
    c.detach();
    await other.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'none' }, sk: { S: 'none' } } }));
    expect(c.snapshot()).toMatchObject({ reads: 1, writes: 0, writeUnits: 0 });
    other.destroy();
  });
});

describe('write units with the table\'s own index projections', () => {
  it('bills a feedback record\'s list entries at 1 WU and rewrites them only when a listed attribute changes', async () => {
    const own = newClient();
    const c = attachStoreOpCounter(own, { tableName: TABLE, units: { imageReader: newClient() } });
    const key = { pk: { S: 'FEEDBACK#2' }, sk: { S: 'FEEDBACK' } };
    // 2.5 KB of text: table 3; gsi1 and gsi5 entries (list attributes only) 1 each.
    await own.send(new PutItemCommand({ TableName: TABLE, Item: { ...key, gsi1pk: { S: 'STATUS#new#0' }, gsi1sk: { S: 'a#2' }, gsi5pk: { S: 'PRIORITY#new#2#0' }, gsi5sk: { S: 'a#2' }, status: { S: 'new' }, labels: { L: [] }, text: { S: text(2500) }, version: { N: '2' } } }));
    expect(c.snapshot()).toMatchObject({ writes: 1, writeUnits: 5, indexWriteUnits: 2 });
    // A new version and text: no index entry rewritten.
    await own.send(new UpdateItemCommand({ TableName: TABLE, Key: key, UpdateExpression: 'SET #t = :t, version = :v', ExpressionAttributeNames: { '#t': 'text' }, ExpressionAttributeValues: { ':t': { S: text(2400) }, ':v': { N: '3' } } }));
    expect(c.snapshot()).toMatchObject({ writes: 2, writeUnits: 8, indexWriteUnits: 2 });
    // A label: both list entries rewritten, 1 WU each.
    await own.send(new UpdateItemCommand({ TableName: TABLE, Key: key, UpdateExpression: 'SET labels = :l', ExpressionAttributeValues: { ':l': { L: [{ S: 'vip' }] } } }));
    expect(c.snapshot()).toMatchObject({ writes: 3, writeUnits: 13, indexWriteUnits: 4 });
    c.detach();
    own.destroy();
  });
});

describe('write units', () => {
  const include: IndexDefinition = { name: 'g', partitionKey: 'gp', sortKey: 'gs', projection: 'INCLUDE', nonKeyAttributes: ['status'] };
  const base = { pk: { S: 'A' }, sk: { S: 'B' }, gp: { S: 'P' }, gs: { S: 'S' }, status: { S: 'new' }, text: { S: 'hello' } };

  it('writes an INCLUDE index only when one of its attributes changes', () => {
    expect(writeUnits(base, { ...base, text: { S: 'changed' } }, [include])).toEqual({ table: 1, index: 0 });
    expect(writeUnits(base, { ...base, status: { S: 'open' } }, [include])).toEqual({ table: 1, index: 1 });
    expect(writeUnits(undefined, base, [include])).toEqual({ table: 1, index: 1 });
    expect(writeUnits(base, undefined, [include])).toEqual({ table: 1, index: 1 });
  });

  it('sizes items as DynamoDB does: names and values', () => {
    expect(itemSize({ ab: { S: 'héllo' } })).toBe(2 + 6);
    expect(itemSize({ n: { N: '12345' } })).toBe(1 + 4);
    expect(itemSize({ l: { L: [{ S: 'a' }, { BOOL: true }] } })).toBe(1 + 3 + 2 + 2);
  });
});
