import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, QueryCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SLOT_PREFIX, slotName } from '../domain/metrics/metrics-changes.js';
import { cellKey, parseCellKey, type Counters, type MetricsCell, type MetricsRow } from '../domain/metrics/metrics-counters.js';
import type { MetricsContribution, MetricsDelta } from '../domain/metrics/metrics-contribution.js';
import type { AggregateRow, MetricsLedger, MetricsStore, PendingRevision, RevisionGuard } from '../ports/metrics-store.port.js';
import { conditionalWrite, documentClient, queryAll } from './dynamo-write.util.js';

/**
 * The metrics aggregates and ledgers in the single table:
 * - `METRICS#<day>` / `<cell key>#<shard>`: the counters as top-level numbers, and one slot per
 *   source summed into it (`~<hash of the source id>`: the highest revision applied, the exactly-once
 *   guard). Items written before slots may still hold `day`, `cell` and an `applied` marker set.
 * - `MLEDGER#<source id>` / `MLEDGER`: `rev`, `contribution`, `pending` (see the port).
 * - `MREL#<item id>` / `<source id>`: a source credited through that item (see `linkRelated`).
 * A day's aggregates are one Query (all cells and shards), whatever the number of items.
 */
export const METRICS_PK_PREFIX = 'METRICS#';
export const LEDGER_PK_PREFIX = 'MLEDGER#';
/** `MREL#<item id>` / `<source id>`: the sources credited through that item (their cell follows its team and agent). */
export const RELATED_PK_PREFIX = 'MREL#';
const LEDGER_SK = 'MLEDGER';
const NOT_COUNTERS = new Set(['pk', 'sk', 'day', 'cell', 'applied']);
const READ_CONCURRENCY = 8;

const dayPk = (day: string) => `${METRICS_PK_PREFIX}${day}`;
const ledgerKey = (sourceId: string) => ({ pk: `${LEDGER_PK_PREFIX}${sourceId}`, sk: LEDGER_SK });
const aggregateKey = (d: Pick<MetricsDelta, 'day' | 'cell' | 'shard'>) => ({ pk: dayPk(d.day), sk: `${cellKey(d.cell)}#${d.shard}` });

function countersOf(item: Record<string, unknown>): Counters {
  const counters: Counters = {};
  for (const [k, v] of Object.entries(item)) if (!NOT_COUNTERS.has(k) && !k.startsWith(SLOT_PREFIX) && typeof v === 'number' && v !== 0) counters[k] = v;
  return counters;
}

/** The cell of an aggregate item, from its sort key `<cell key>#<shard>` (a cell key never holds `#`). */
const cellOfItem = (item: Record<string, unknown>): MetricsCell => parseCellKey(typeof item.cell === 'string' ? item.cell : String(item.sk).slice(0, String(item.sk).lastIndexOf('#')));

export class DynamoMetricsStore implements MetricsStore {
  private readonly doc: DynamoDBDocumentClient;
  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = documentClient(client);
  }

  async readDays(days: readonly string[]): Promise<{ rows: MetricsRow[]; reads: number }> {
    const rows: MetricsRow[] = [];
    let reads = 0;
    const queue = [...days];
    const worker = async () => {
      for (let day = queue.shift(); day !== undefined; day = queue.shift()) {
        let start: Record<string, unknown> | undefined;
        do {
          const out = await this.doc.send(
            new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': dayPk(day) }, ExclusiveStartKey: start }),
          );
          reads += 1;
          for (const item of out.Items ?? []) rows.push({ day, cell: cellOfItem(item), counters: countersOf(item) });
          start = out.LastEvaluatedKey;
        } while (start);
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, days.length) }, worker));
    rows.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    return { rows, reads };
  }

  async getLedger(sourceId: string): Promise<MetricsLedger | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: ledgerKey(sourceId), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const { rev, contribution, pending } = out.Item as { rev?: number; contribution?: MetricsContribution; pending?: PendingRevision };
    return { sourceId, rev: rev ?? 0, ...(contribution && { contribution }), ...(pending && { pending }) };
  }

  async beginRevision(sourceId: string, rev: number, pending: PendingRevision): Promise<boolean> {
    return conditionalWrite(
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: ledgerKey(sourceId),
          UpdateExpression: 'SET #pending = :pending, #rev = if_not_exists(#rev, :zero)',
          ConditionExpression: rev === 0 ? 'attribute_not_exists(pk)' : '#rev = :rev AND attribute_not_exists(#pending)',
          ExpressionAttributeNames: { '#pending': 'pending', '#rev': 'rev' },
          ExpressionAttributeValues: { ':pending': pending, ':zero': 0, ...(rev !== 0 && { ':rev': rev }) },
        }),
      ),
    );
  }

  async applyDelta(delta: MetricsDelta, guard: RevisionGuard): Promise<boolean> {
    const names: Record<string, string> = { '#slot': slotName(guard.sourceId) };
    const values: Record<string, unknown> = { ':rev': guard.rev };
    const adds = Object.entries(delta.counters).map(([name, value], i) => {
      names[`#c${i}`] = name;
      values[`:c${i}`] = value;
      return `#c${i} :c${i}`;
    });
    // The source's slot says which of its revisions this item already holds: a redelivered stream
    // record, a retried batch or a late run finds its revision (or a later one) there and adds nothing.
    // The day and cell are the item's keys (not repeated as attributes: the item stays small).
    return conditionalWrite(
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: aggregateKey(delta),
          UpdateExpression: `SET #slot = :rev ADD ${adds.join(', ')}`,
          ConditionExpression: 'attribute_not_exists(#slot) OR #slot < :rev',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      ),
    );
  }

  async commitRevision(sourceId: string, pending: PendingRevision): Promise<boolean> {
    const set = pending.contribution ? 'SET #rev = :rev, #contribution = :contribution REMOVE #pending' : 'SET #rev = :rev REMOVE #pending, #contribution';
    return conditionalWrite(
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: ledgerKey(sourceId),
          UpdateExpression: set,
          ConditionExpression: '#pending.#rev = :rev',
          ExpressionAttributeNames: { '#rev': 'rev', '#pending': 'pending', '#contribution': 'contribution' },
          ExpressionAttributeValues: { ':rev': pending.rev, ...(pending.contribution && { ':contribution': pending.contribution }) },
        }),
      ),
    );
  }

  async replaceAll(rows: readonly AggregateRow[], ledgers: readonly MetricsLedger[]): Promise<void> {
    const stale: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      // Rebuild only: a full read of the table for the aggregate and ledger keys (nothing else scans).
      const out = await this.doc.send(
        new ScanCommand({
          TableName: this.tableName,
          ProjectionExpression: 'pk, sk',
          FilterExpression: 'begins_with(pk, :m) OR begins_with(pk, :l)',
          ExpressionAttributeValues: { ':m': METRICS_PK_PREFIX, ':l': LEDGER_PK_PREFIX },
          ExclusiveStartKey: start,
        }),
      );
      stale.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    await this.batch(stale.map((Key) => ({ DeleteRequest: { Key } })));
    const puts = [
      ...rows.map((r) => ({ ...aggregateKey(r), ...r.counters, ...Object.fromEntries(Object.entries(r.slots).map(([id, rev]) => [slotName(id), rev])) })),
      ...ledgers.map((l) => ({ ...ledgerKey(l.sourceId), rev: l.rev, ...(l.contribution && { contribution: l.contribution }) })),
    ];
    await this.batch(puts.map((Item) => ({ PutRequest: { Item } })));
  }

  async linkRelated(links: readonly { relatedId: string; sourceId: string }[]): Promise<void> {
    const unique = new Map(links.map((l) => [`${l.relatedId}\n${l.sourceId}`, l]));
    await this.batch([...unique.values()].map((l) => ({ PutRequest: { Item: { pk: `${RELATED_PK_PREFIX}${l.relatedId}`, sk: l.sourceId } } })));
  }

  async relatedSources(relatedId: string): Promise<string[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `${RELATED_PK_PREFIX}${relatedId}` },
      ProjectionExpression: 'sk',
    });
    return items.map((i) => String(i.sk));
  }

  private async batch(requests: Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < requests.length; i += 25) {
      let pending: Record<string, unknown>[] = requests.slice(i, i + 25);
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await new Promise((ok) => setTimeout(ok, Math.min(2000, 50 * 2 ** attempt)));
        if (attempt > 10) throw new Error(`batch write left ${pending.length} unprocessed items`);
        const out = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending as never } }));
        pending = (out.UnprocessedItems?.[this.tableName] ?? []) as Record<string, unknown>[];
      }
    }
  }
}
