import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, QueryCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { cellKey, parseCellKey, type Counters, type MetricsRow } from '../domain/metrics/metrics-counters.js';
import type { MetricsContribution, MetricsDelta } from '../domain/metrics/metrics-contribution.js';
import type { MetricsLedger, MetricsStore, PendingRevision } from '../ports/metrics-store.port.js';
import { conditionalWrite, documentClient, queryAll } from './dynamo-write.util.js';

/**
 * The metrics aggregates and ledgers in the single table:
 * - `METRICS#<day>` / `<cell key>#<shard>`: `day`, `cell`, the counters as top-level numbers, and
 *   `applied` (string set of the markers of the deltas already added: the exactly-once guard).
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
  for (const [k, v] of Object.entries(item)) if (!NOT_COUNTERS.has(k) && typeof v === 'number' && v !== 0) counters[k] = v;
  return counters;
}

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
          for (const item of out.Items ?? []) rows.push({ day, cell: parseCellKey(String(item.cell)), counters: countersOf(item) });
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

  async applyDelta(delta: MetricsDelta, marker: string): Promise<void> {
    const names: Record<string, string> = { '#applied': 'applied', '#day': 'day', '#cell': 'cell' };
    const values: Record<string, unknown> = { ':marker': marker, ':markers': new Set([marker]), ':day': delta.day, ':cell': cellKey(delta.cell) };
    const adds = Object.entries(delta.counters).map(([name, value], i) => {
      names[`#c${i}`] = name;
      values[`:c${i}`] = value;
      return `#c${i} :c${i}`;
    });
    // Applied already (a retry after a crash, or a concurrent reconciler): the condition keeps it counted once.
    await conditionalWrite(
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: aggregateKey(delta),
          UpdateExpression: `SET #day = :day, #cell = :cell ADD ${[...adds, '#applied :markers'].join(', ')}`,
          ConditionExpression: 'NOT contains(#applied, :marker)',
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

  async replaceAll(rows: readonly MetricsDelta[], ledgers: readonly MetricsLedger[]): Promise<void> {
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
      ...rows.map((r) => ({ ...aggregateKey(r), day: r.day, cell: cellKey(r.cell), ...r.counters })),
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
