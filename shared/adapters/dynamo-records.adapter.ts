import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { OutboxRecordSchema, type OutboxRecord } from '../domain/workflow-records.schema.js';
import type { Page } from '../ports/customer-store.port.js';
import type { ConfigStore, OutboxStore, RecognitionStore, StoredConfig } from '../ports/workflow-store.port.js';
import { conditionalWrite, decodeCursor, encodeCursor, documentClient } from './dynamo-write.util.js';
import { fetchBack, idOfPosition, queryShards } from './dynamo-sharded-query.js';
import { indexShard, outboxIndexPk, SHARD_NUMBERS } from './dynamo-feedback-store.adapter.js';
import type { Positions } from './partition-merge.js';

const KEYS = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi3pk', 'gsi3sk'];
const strip = (item: Record<string, unknown>) => Object.fromEntries(Object.entries(item).filter(([k]) => !KEYS.includes(k)));

/**
 * Outbox: `OUTBOX#<id>`; listed newest first through the gsi1 shards (`OUTBOX#<n>`) and, per item, through gsi3
 * (`OUTBOX#<feedbackId>`).
 */
export class DynamoOutboxStore implements OutboxStore {
  private readonly doc: DynamoDBDocumentClient;
  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = documentClient(client);
  }
  async record(m: OutboxRecord): Promise<void> {
    const at = `${m.at}#${m.id}`;
    await conditionalWrite(
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `OUTBOX#${m.id}`, sk: 'OUTBOX', ...m, gsi1pk: outboxIndexPk(indexShard(m.id)), gsi1sk: at, ...(m.feedbackId && { gsi3pk: `OUTBOX#${m.feedbackId}`, gsi3sk: at }) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }
  async list(q: { feedbackId?: string; limit: number; cursor?: string }): Promise<Page<OutboxRecord>> {
    if (!q.feedbackId) return listAllOutbox(this.doc, this.tableName, q);
    const [index, key, value] = ['gsi3', 'gsi3pk', `OUTBOX#${q.feedbackId}`];
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: `${key} = :v`,
        ExpressionAttributeValues: { ':v': value },
        ScanIndexForward: false,
        Limit: q.limit,
        ExclusiveStartKey: decodeCursor(q.cursor),
      }),
    );
    // Both indexes project only what the inbox reads: the page is fetched back by key.
    const items = await fetchBack(this.doc, this.tableName, out.Items ?? []);
    return { items: items.map((i) => OutboxRecordSchema.parse(strip(i))), ...(out.LastEvaluatedKey && { cursor: encodeCursor(out.LastEvaluatedKey) }) };
  }
}

/** The outbox of every item: the gsi1 shards `OUTBOX#<n>`, merged newest first; the cursor holds each shard's position. */
async function listAllOutbox(doc: DynamoDBDocumentClient, tableName: string, q: { limit: number; cursor?: string }): Promise<Page<OutboxRecord>> {
  const positions = (decodeCursor(q.cursor) ?? {}) as Positions;
  const page = await queryShards(
    doc,
    { tableName, index: 'gsi1', partitions: SHARD_NUMBERS.map((n) => ({ key: outboxIndexPk(n), group: 0 })), order: 'desc', tableKeyOf: (pos) => ({ pk: `OUTBOX#${idOfPosition(pos)}`, sk: 'OUTBOX' }) },
    positions,
    { limit: q.limit, readSize: Math.min(100, q.limit + 1), maxReads: 40 },
  );
  const items = await fetchBack(doc, tableName, page.items);
  return { items: items.map((i) => OutboxRecordSchema.parse(strip(i))), ...(!page.done && { cursor: encodeCursor(page.positions) }) };
}

/** Kudos (`KUDOS#<agent>`) and collections (`COLLECTION#<name>`): one item per feedback, listed newest first via gsi1. */
export class DynamoRecognitionStore implements RecognitionStore {
  private readonly doc: DynamoDBDocumentClient;
  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = documentClient(client);
  }
  private async add(partition: string, feedbackId: string, at: string): Promise<void> {
    await conditionalWrite(
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: partition, sk: `FEEDBACK#${feedbackId}`, feedbackId, at, gsi1pk: partition, gsi1sk: `${at}#${feedbackId}` },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }
  private async list(partition: string, limit: number, cursor?: string): Promise<Page<{ feedbackId: string; at: string }>> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': partition },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor),
      }),
    );
    return {
      items: (out.Items ?? []).map((i) => ({ feedbackId: String(i.feedbackId), at: String(i.at) })),
      ...(out.LastEvaluatedKey && { cursor: encodeCursor(out.LastEvaluatedKey) }),
    };
  }
  recordKudos(agentId: string, feedbackId: string, at: string) {
    return this.add(`KUDOS#${agentId}`, feedbackId, at);
  }
  async listKudos(agentId: string, limit: number) {
    return (await this.list(`KUDOS#${agentId}`, limit)).items;
  }
  addToCollection(collection: string, feedbackId: string, at: string) {
    return this.add(`COLLECTION#${collection}`, feedbackId, at);
  }
  listCollection(collection: string, limit: number, cursor?: string) {
    return this.list(`COLLECTION#${collection}`, limit, cursor);
  }
}

/** Configuration documents (`CONFIG#<name>`), versioned; counters (`COUNTER#<name>`). */
export class DynamoConfigStore implements ConfigStore {
  private readonly doc: DynamoDBDocumentClient;
  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = documentClient(client);
  }
  async get(name: string): Promise<StoredConfig | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: `CONFIG#${name}`, sk: 'CONFIG' }, ConsistentRead: true }));
    if (!out.Item) return undefined;
    return { value: JSON.parse(String(out.Item.document)) as unknown, version: Number(out.Item.version), updatedAt: String(out.Item.updatedAt), ...(out.Item.updatedBy && { updatedBy: String(out.Item.updatedBy) }) };
  }
  put(name: string, value: unknown, expectedVersion: number, at: string, by: string): Promise<boolean> {
    return conditionalWrite(
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          // Stored as a JSON string: documents nest deeper and vary more than attributes should.
          Item: { pk: `CONFIG#${name}`, sk: 'CONFIG', document: JSON.stringify(value), version: expectedVersion + 1, updatedAt: at, updatedBy: by },
          ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
          ...(expectedVersion !== 0 && { ExpressionAttributeValues: { ':v': expectedVersion } }),
        }),
      ),
    );
  }
  async nextCounter(name: string): Promise<number> {
    const out = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: `COUNTER#${name}`, sk: 'COUNTER' },
        UpdateExpression: 'ADD #n :one',
        ExpressionAttributeNames: { '#n': 'n' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.n ?? 1);
  }
}
