import { BatchGetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mergePartitions, type MergeOptions, type Partition, type Positions } from './partition-merge.js';

/**
 * Reads of the sharded feedback index partitions (`STATUS#<s>#<shard>`, `STAGE#received#<shard>`,
 * …): one Query per partition, merged in sort-key order by `mergePartitions`, each partition
 * resuming at its position. A position is the index sort key `<instant>#<id>`, from which the
 * table key of a feedback record (`FEEDBACK#<id>` / `FEEDBACK`) is derived.
 */
export interface ShardedQuery {
  readonly tableName: string;
  readonly index: string;
  readonly partitions: readonly Partition[];
  readonly order: 'asc' | 'desc';
  /** Extra key condition on the sort key, written against `#sk` (e.g. `#sk < :before`). */
  readonly sortCondition?: string;
  readonly filter?: string;
  readonly names?: Record<string, string>;
  readonly values?: Record<string, unknown>;
  /** Only these attributes (besides the keys); undefined: what the index projects. */
  readonly projection?: readonly string[];
  /** The table key of the item at a position (default: a feedback record, `FEEDBACK#<id>` / `FEEDBACK`). */
  readonly tableKeyOf?: (position: string) => { pk: string; sk: string };
}

export type IndexItem = Record<string, unknown>;

export const idOfPosition = (position: string): string => position.slice(position.lastIndexOf('#') + 1);

/** The table key and index key of the feedback record at `position` in `partition`: DynamoDB's ExclusiveStartKey. */
export function startKeyOf(index: string, partition: string, position: string, tableKeyOf?: (position: string) => { pk: string; sk: string }): Record<string, string> {
  const key = tableKeyOf ? tableKeyOf(position) : { pk: `FEEDBACK#${idOfPosition(position)}`, sk: 'FEEDBACK' };
  return { ...key, [`${index}pk`]: partition, [`${index}sk`]: position };
}

export async function queryShards<T = IndexItem>(
  doc: DynamoDBDocumentClient,
  q: ShardedQuery,
  positions: Positions,
  opts: Omit<MergeOptions<T>, 'order'> & {
    readonly map?: (item: IndexItem) => T;
    /** Completes each read's values before `accept` sees them (e.g. fetches the records back). */
    readonly enrich?: (values: T[]) => Promise<T[]>;
  },
): Promise<{ items: T[]; positions: Positions; done: boolean }> {
  const pkAttr = `${q.index}pk`;
  const skAttr = `${q.index}sk`;
  const map = opts.map ?? ((i: IndexItem) => i as T);
  const projectionNames = Object.fromEntries((q.projection ?? []).map((a, n) => [`#p${n}`, a]));
  return mergePartitions<T>(
    q.partitions,
    positions,
    async (partition, after, limit) => {
      const out = await doc.send(
        new QueryCommand({
          TableName: q.tableName,
          IndexName: q.index,
          KeyConditionExpression: `#pk = :pk${q.sortCondition ? ` AND ${q.sortCondition}` : ''}`,
          ...(q.filter && { FilterExpression: q.filter }),
          ...(q.projection && { ProjectionExpression: ['pk', 'sk', '#pk', '#sk', ...Object.keys(projectionNames)].join(', ') }),
          ExpressionAttributeNames: { '#pk': pkAttr, ...((q.sortCondition || q.projection) && { '#sk': skAttr }), ...projectionNames, ...q.names },
          ExpressionAttributeValues: { ':pk': partition.key, ...q.values },
          ScanIndexForward: q.order === 'asc',
          Limit: limit,
          ...(after && { ExclusiveStartKey: startKeyOf(q.index, partition.key, after, q.tableKeyOf) }),
        }),
      );
      const raw = out.Items ?? [];
      const values = raw.map(map);
      const enriched = opts.enrich && values.length > 0 ? await opts.enrich(values) : values;
      const items = raw.map((i, n) => ({ sk: String(i[skAttr]), value: enriched[n]! }));
      const next = out.LastEvaluatedKey?.[skAttr];
      return { items, ...(typeof next === 'string' && { next }) };
    },
    { ...opts, order: q.order },
  );
}

/** Every page of a sharded read, in order (a sweep: no cursor kept between calls). */
export async function* allOfShards<T = IndexItem>(
  doc: DynamoDBDocumentClient,
  q: ShardedQuery,
  pageSize: number,
  map?: (item: IndexItem) => T,
): AsyncGenerator<T[]> {
  let positions: Positions = {};
  for (;;) {
    const page = await queryShards<T>(doc, q, positions, { limit: pageSize, readSize: pageSize, maxReads: Math.max(40, 2 * q.partitions.length), ...(map && { map }) });
    if (page.items.length > 0) yield page.items;
    if (page.done) return;
    positions = page.positions;
  }
}

type Key = { pk: string; sk: string };
const keyString = (k: Key | IndexItem) => `${String(k.pk)}\u0000${String(k.sk)}`;
const MAX_BATCH_GET = 100;

/**
 * Fetches items back by key (indexes that project only keys or a few attributes): BatchGetItem in
 * chunks of 100, retrying what DynamoDB leaves unprocessed (with a short backoff), in the order
 * asked; a key with no item is left out.
 */
export async function batchGetByKeys(doc: DynamoDBDocumentClient, tableName: string, keys: readonly Key[]): Promise<IndexItem[]> {
  const found = new Map<string, IndexItem>();
  const unique = [...new Map(keys.map((k) => [keyString(k), { pk: k.pk, sk: k.sk }])).values()];
  for (let i = 0; i < unique.length; i += MAX_BATCH_GET) {
    let pending: Record<string, unknown>[] = unique.slice(i, i + MAX_BATCH_GET);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
      if (attempt > 10) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed; retry`);
      const out = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending } } }));
      for (const item of out.Responses?.[tableName] ?? []) found.set(keyString(item), item);
      pending = (out.UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
  }
  return keys.flatMap((k): IndexItem[] => { const item = found.get(keyString(k)); return item ? [item] : []; });
}

/** Query results (keys) fetched back whole, in the query's order. */
export const fetchBack = (doc: DynamoDBDocumentClient, tableName: string, items: readonly IndexItem[]): Promise<IndexItem[]> =>
  batchGetByKeys(doc, tableName, items.map((i) => ({ pk: String(i.pk), sk: String(i.sk) })));
