import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { OutboxRecordSchema, type OutboxRecord } from '../domain/workflow-records.schema.js';
import type { Page } from '../ports/customer-store.port.js';
import type { ConfigStore, OutboxStore, RecognitionStore, StoredConfig } from '../ports/workflow-store.port.js';
import { conditionalWrite, decodeCursor, encodeCursor, documentClient, queryAll } from './dynamo-write.util.js';

const KEYS = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi3pk', 'gsi3sk'];
const strip = (item: Record<string, unknown>) => Object.fromEntries(Object.entries(item).filter(([k]) => !KEYS.includes(k)));

/**
 * The stored outbox record (also written in a workflow run's batch). An item's messages live in its
 * partition (`FEEDBACK#<id>` / `OUTBOX#<id>`: listed per item without an index); others (none yet)
 * under `OUTBOX#<id>`. All are on gsi1 (`OUTBOX`), newest first. Records written before keep their
 * `OUTBOX#<id>` keys and the per-item gsi3 entry, which listing still reads.
 */
export function outboxItem(m: OutboxRecord): Record<string, unknown> {
  const keys = m.feedbackId ? { pk: `FEEDBACK#${m.feedbackId}`, sk: `OUTBOX#${m.id}` } : { pk: `OUTBOX#${m.id}`, sk: 'OUTBOX' };
  return { ...keys, ...m, gsi1pk: 'OUTBOX', gsi1sk: `${m.at}#${m.id}` };
}

/** A kudos (`KUDOS#<agent>`) or collection (`COLLECTION#<name>`) entry (also written in a workflow run's batch). */
export const recognitionItem = (partition: string, feedbackId: string, at: string): Record<string, unknown> => ({
  pk: partition, sk: `FEEDBACK#${feedbackId}`, feedbackId, at, gsi1pk: partition, gsi1sk: `${at}#${feedbackId}`,
});
export const kudosPartition = (agentId: string) => `KUDOS#${agentId}`;
export const collectionPartition = (collection: string) => `COLLECTION#${collection}`;

/**
 * Outbox: `OUTBOX#<id>`; listed newest first through gsi1 (`OUTBOX`) and, per item, through gsi3
 * (`OUTBOX#<feedbackId>`).
 */
export class DynamoOutboxStore implements OutboxStore {
  private readonly doc: DynamoDBDocumentClient;
  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = documentClient(client);
  }
  async record(m: OutboxRecord): Promise<void> {
    await conditionalWrite(this.doc.send(new PutCommand({ TableName: this.tableName, Item: outboxItem(m), ConditionExpression: 'attribute_not_exists(pk)' })));
  }
  async list(q: { feedbackId?: string; limit: number; cursor?: string }): Promise<Page<OutboxRecord>> {
    if (q.feedbackId) return this.listForItem(q.feedbackId, q.limit, q.cursor);
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :v',
        ExpressionAttributeValues: { ':v': 'OUTBOX' },
        ScanIndexForward: false,
        Limit: q.limit,
        ExclusiveStartKey: decodeCursor(q.cursor),
      }),
    );
    return { items: (out.Items ?? []).map((i) => OutboxRecordSchema.parse(strip(i))), ...(out.LastEvaluatedKey && { cursor: encodeCursor(out.LastEvaluatedKey) }) };
  }

  /** One item's messages (a handful): its partition, plus records from before (gsi3); newest first, paged by position. */
  private async listForItem(feedbackId: string, limit: number, cursor?: string): Promise<Page<OutboxRecord>> {
    const [own, earlier] = await Promise.all([
      queryAll(this.doc, { TableName: this.tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :o)', ExpressionAttributeValues: { ':pk': `FEEDBACK#${feedbackId}`, ':o': 'OUTBOX#' }, ConsistentRead: true }),
      queryAll(this.doc, { TableName: this.tableName, IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :v', ExpressionAttributeValues: { ':v': `OUTBOX#${feedbackId}` } }),
    ]);
    const byId = new Map<string, OutboxRecord>();
    for (const i of [...own, ...earlier]) {
      const r = OutboxRecordSchema.parse(strip(i));
      if (!byId.has(r.id)) byId.set(r.id, r);
    }
    const all = [...byId.values()].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
    const from = Number(decodeCursor(cursor)?.offset ?? 0) || 0;
    const items = all.slice(from, from + limit);
    return { items, ...(from + limit < all.length && { cursor: encodeCursor({ offset: from + limit }) }) };
  }
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
          Item: recognitionItem(partition, feedbackId, at),
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
    return this.add(kudosPartition(agentId), feedbackId, at);
  }
  async listKudos(agentId: string, limit: number) {
    return (await this.list(`KUDOS#${agentId}`, limit)).items;
  }
  addToCollection(collection: string, feedbackId: string, at: string) {
    return this.add(collectionPartition(collection), feedbackId, at);
  }
  listCollection(collection: string, limit: number, cursor?: string) {
    return this.list(`COLLECTION#${collection}`, limit, cursor);
  }
}

/** The documents every item's pipeline reads (rules, service standards): cached per process. */
export const CACHED_CONFIGS: ReadonlySet<string> = new Set(['rules', 'service-standards']);
/** How long a process keeps a cached document: an admin's change reaches other processes within this. */
export const CONFIG_CACHE_TTL_MS = 30_000;

export interface ConfigCacheOptions {
  readonly ttlMs?: number;
  /** Milliseconds now (tests inject a clock). */
  readonly now?: () => number;
}

/**
 * Configuration documents (`CONFIG#<name>`), versioned; counters (`COUNTER#<name>`). The rules and
 * the service standards are read for every item: they are cached for `CONFIG_CACHE_TTL_MS` (a write
 * through this store refreshes its own cache at once; other processes see it when theirs expires).
 */
export class DynamoConfigStore implements ConfigStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly cache = new Map<string, { at: number; value: Promise<StoredConfig | undefined> }>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  constructor(client: DynamoDBClient, private readonly tableName: string, cache: ConfigCacheOptions = {}) {
    this.doc = documentClient(client);
    this.ttlMs = cache.ttlMs ?? CONFIG_CACHE_TTL_MS;
    this.now = cache.now ?? Date.now;
  }
  get(name: string, opts: { fresh?: boolean } = {}): Promise<StoredConfig | undefined> {
    if (opts.fresh || !CACHED_CONFIGS.has(name) || this.ttlMs <= 0) return this.read(name);
    const hit = this.cache.get(name);
    const now = this.now();
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const value = this.read(name);
    this.cache.set(name, { at: now, value });
    // A failed read is not cached.
    value.catch(() => this.cache.get(name)?.value === value && this.cache.delete(name));
    return value;
  }
  private async read(name: string): Promise<StoredConfig | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: `CONFIG#${name}`, sk: 'CONFIG' }, ConsistentRead: true }));
    if (!out.Item) return undefined;
    return { value: JSON.parse(String(out.Item.document)) as unknown, version: Number(out.Item.version), updatedAt: String(out.Item.updatedAt), ...(out.Item.updatedBy && { updatedBy: String(out.Item.updatedBy) }) };
  }
  async put(name: string, value: unknown, expectedVersion: number, at: string, by: string): Promise<boolean> {
    const wrote = await conditionalWrite(
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
    this.cache.delete(name);
    return wrote;
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
