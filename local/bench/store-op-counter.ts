import { GetItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TABLE_INDEXES, TABLE_KEYS, type IndexDefinition } from '../../shared/adapters/dynamo-table.definition.js';

/** What the application asked of the store: requests (a BatchWriteItem is one), and DynamoDB's capacity units. */
export interface StoreOps {
  readonly reads: number;
  readonly writes: number;
  /** Write units as DynamoDB on-demand bills them: the table and every index entry written (only with `units`). */
  readonly writeUnits: number;
  /** Write units spent on index entries (part of `writeUnits`). */
  readonly indexWriteUnits: number;
  /** Read units, as the store reports them (`ReturnConsumedCapacity`). */
  readonly readUnits: number;
  /** Requests per command name, e.g. `{ PutItemCommand: 2, QueryCommand: 1 }`. */
  readonly byCommand: Readonly<Record<string, number>>;
}

export interface StoreOpCounter {
  snapshot(): StoreOps;
  reset(): void;
  /** Stops counting (the middleware stays in the stack, inert). */
  detach(): void;
}

export interface StoreOpCounterOptions {
  readonly tableName: string;
  /**
   * Also count write units. Each write's item is read before and after (through `imageReader`, a client
   * that is not counted), so this slows the store: count units on a sample, operations on everything.
   */
  readonly units?: { readonly imageReader: DynamoDBClient };
  readonly indexes?: readonly IndexDefinition[];
}

const READS = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand', 'ScanCommand', 'TransactGetItemsCommand']);
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

type Image = Record<string, AttributeValue>;
type Keys = { pk: string; sk: string };

/**
 * A counting middleware on the store client (the bench's `storeOpsPerItem`, and tests that bound what
 * an item costs). Every request the application sends is counted whether it succeeds or not (a refused
 * conditional write is billed too). Write units follow DynamoDB's rules: the table pays
 * ceil(max(old, new item size) / 1 KB) (a delete, the old size); each index pays ceil(projected size /
 * 1 KB) for an entry put or deleted, both when the item's index keys change, and one entry write when
 * a projected attribute changes under the same keys — nothing when no projected attribute changed.
 */
export function attachStoreOpCounter(client: DynamoDBClient, opts: StoreOpCounterOptions): StoreOpCounter {
  const indexes = opts.indexes ?? TABLE_INDEXES;
  let active = true;
  let totals = empty();

  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      const input = (args as { input: Record<string, unknown> }).input;
      if (!active || (input.TableName !== undefined && input.TableName !== opts.tableName && !input.RequestItems)) return next(args);
      const isRead = READS.has(command);
      const isWrite = WRITES.has(command);
      if (!isRead && !isWrite) return next(args);
      totals.byCommand[command] = (totals.byCommand[command] ?? 0) + 1;
      if (isRead) {
        totals.reads++;
        if (input.ReturnConsumedCapacity === undefined) input.ReturnConsumedCapacity = 'TOTAL';
        const out = await next(args);
        totals.readUnits += consumedOf((out as { output?: { ConsumedCapacity?: unknown } }).output?.ConsumedCapacity);
        return out;
      }
      totals.writes++;
      if (!opts.units) return next(args);
      const keys = writtenKeys(command, input, opts.tableName);
      const before = await Promise.all(keys.map((k) => readImage(opts.units!.imageReader, opts.tableName, k)));
      try {
        return await next(args);
      } finally {
        const after = await Promise.all(keys.map((k) => readImage(opts.units!.imageReader, opts.tableName, k)));
        keys.forEach((_, i) => {
          const { table, index } = writeUnits(before[i], after[i], indexes);
          totals.writeUnits += table + index;
          totals.indexWriteUnits += index;
        });
      }
    },
    { step: 'initialize', name: 'ouvidorStoreOpCounter', priority: 'high' },
  );

  return {
    snapshot: () => ({ ...totals, byCommand: { ...totals.byCommand } }),
    reset: () => {
      totals = empty();
    },
    detach: () => {
      active = false;
    },
  };
}

function empty(): { reads: number; writes: number; writeUnits: number; indexWriteUnits: number; readUnits: number; byCommand: Record<string, number> } {
  return { reads: 0, writes: 0, writeUnits: 0, indexWriteUnits: 0, readUnits: 0, byCommand: {} };
}

function consumedOf(c: unknown): number {
  const list = Array.isArray(c) ? c : c ? [c] : [];
  return list.reduce((sum: number, x) => sum + (Number((x as { CapacityUnits?: number }).CapacityUnits) || 0), 0);
}

/** Key attributes may arrive marshalled (the base client) or plain (the document client's input). */
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof (v as { S?: unknown } | undefined)?.S === 'string' ? (v as { S: string }).S : undefined;

function keysOf(o: unknown): Keys | undefined {
  const r = (o ?? {}) as Record<string, unknown>;
  const pk = str(r[TABLE_KEYS.partitionKey]);
  const sk = str(r[TABLE_KEYS.sortKey]);
  return pk !== undefined && sk !== undefined ? { pk, sk } : undefined;
}

function writtenKeys(command: string, input: Record<string, unknown>, tableName: string): Keys[] {
  const found: (Keys | undefined)[] = [];
  if (command === 'PutItemCommand') found.push(keysOf(input.Item));
  else if (command === 'UpdateItemCommand' || command === 'DeleteItemCommand') found.push(keysOf(input.Key));
  else if (command === 'BatchWriteItemCommand') {
    const requests = ((input.RequestItems as Record<string, unknown[]> | undefined)?.[tableName] ?? []) as { PutRequest?: { Item?: unknown }; DeleteRequest?: { Key?: unknown } }[];
    for (const r of requests) found.push(keysOf(r.PutRequest?.Item ?? r.DeleteRequest?.Key));
  } else if (command === 'TransactWriteItemsCommand') {
    for (const t of (input.TransactItems ?? []) as Record<string, { Item?: unknown; Key?: unknown } | undefined>[]) {
      const op = t.Put ?? t.Update ?? t.Delete;
      if (op) found.push(keysOf(op.Item ?? op.Key));
    }
  }
  return found.filter((k): k is Keys => k !== undefined);
}

async function readImage(reader: DynamoDBClient, tableName: string, keys: Keys): Promise<Image | undefined> {
  const out = await reader.send(new GetItemCommand({ TableName: tableName, Key: { [TABLE_KEYS.partitionKey]: { S: keys.pk }, [TABLE_KEYS.sortKey]: { S: keys.sk } }, ConsistentRead: true }));
  return out.Item;
}

/** DynamoDB's item size: attribute names plus values (numbers approximated by their digits). */
export function itemSize(item: Image): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueSize(value), 0);
}

function valueSize(v: AttributeValue): number {
  if (v.S !== undefined) return Buffer.byteLength(v.S);
  if (v.N !== undefined) return numberSize(v.N);
  if (v.B !== undefined) return v.B.byteLength;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS) return v.SS.reduce((s, x) => s + Buffer.byteLength(x), 0);
  if (v.NS) return v.NS.reduce((s, x) => s + numberSize(x), 0);
  if (v.BS) return v.BS.reduce((s, x) => s + x.byteLength, 0);
  if (v.L) return 3 + v.L.reduce((s, x) => s + 1 + valueSize(x), 0);
  if (v.M) return 3 + Object.entries(v.M).reduce((s, [k, x]) => s + 1 + Buffer.byteLength(k) + valueSize(x), 0);
  return 0;
}

const numberSize = (n: string): number => Math.ceil(n.replace(/^-|\.|e.*$/gi, '').replace(/^0+/, '').length / 2) + 1;

const units = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));

function inIndex(img: Image | undefined, idx: IndexDefinition): img is Image {
  return img !== undefined && img[idx.partitionKey]?.S !== undefined && img[idx.sortKey]?.S !== undefined;
}

function projected(img: Image, idx: IndexDefinition): Image {
  if (idx.projection === 'ALL') return img;
  const names = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, idx.partitionKey, idx.sortKey, ...(idx.projection === 'INCLUDE' ? (idx.nonKeyAttributes ?? []) : [])];
  return Object.fromEntries(names.filter((n) => img[n] !== undefined).map((n) => [n, img[n]!]));
}

const same = (a: Image, b: Image): boolean => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
const sorted = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' && !(v instanceof Uint8Array) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v;

/** The write units one item's change costs: the table's and its indexes'. */
export function writeUnits(before: Image | undefined, after: Image | undefined, indexes: readonly IndexDefinition[] = TABLE_INDEXES): { table: number; index: number } {
  const table = units(Math.max(before ? itemSize(before) : 0, after ? itemSize(after) : 0));
  let index = 0;
  for (const idx of indexes) {
    const was = inIndex(before, idx) ? projected(before!, idx) : undefined;
    const now = inIndex(after, idx) ? projected(after!, idx) : undefined;
    if (!was && !now) continue;
    if (!was) index += units(itemSize(now!));
    else if (!now) index += units(itemSize(was));
    else if (was[idx.partitionKey]!.S !== now[idx.partitionKey]!.S || was[idx.sortKey]!.S !== now[idx.sortKey]!.S) index += units(itemSize(was)) + units(itemSize(now));
    else if (!same(was, now)) index += units(itemSize(now));
  }
  return { table, index };
}
