import { ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface Verification {
  /** Accepted items missing, not analyzed, with workflow actions not done, or not counted by the metrics. */
  readonly lost: number;
  /** Items stored twice, acknowledged twice, or counted twice by the metrics. */
  readonly doubled: number;
  /** What went wrong, a few examples each (empty when both are 0). */
  readonly problems: string[];
  readonly analyzed: number;
  readonly metricsItems: number;
}

export interface VerifyInput {
  readonly client: DynamoDBClient;
  readonly table: string;
  /** The bench run's tag (`metadata.bench`) and the ids the API accepted, by request number. */
  readonly run: string;
  readonly accepted: ReadonlyMap<number, string>;
  /** The metrics report's `totals.items` over the days the items were received. */
  readonly metricsItems: () => Promise<number>;
}

type Row = Record<string, AttributeValue>;

/**
 * Once, after the timing: reads the whole table (a parallel Scan, the bench's only full read) and
 * checks that every accepted item is stored once and analyzed, its workflow actions are done, no
 * item got two customer messages (the acknowledgement is sent once), and the metrics aggregates
 * count every analyzed item of the table once.
 */
export async function verifyRun(input: VerifyInput): Promise<Verification> {
  const rows = await scanAll(input.client, input.table);
  const idsByN = new Map<number, string[]>();
  const stageOf = new Map<string, string>();
  const unfinished = new Map<string, string[]>();
  const customerMessages = new Map<string, number>();
  let analyzedInTable = 0;
  for (const r of rows) {
    const pk = r.pk?.S ?? '';
    const sk = r.sk?.S ?? '';
    if (pk.startsWith('FEEDBACK#') && sk === 'FEEDBACK') {
      if (r.stage?.S === 'analyzed') analyzedInTable++;
      const meta = r.metadata?.M;
      if (meta?.bench?.S !== input.run) continue;
      const n = Number(meta.n?.N);
      const id = r.id?.S ?? pk.slice('FEEDBACK#'.length);
      idsByN.set(n, [...(idsByN.get(n) ?? []), id]);
      stageOf.set(id, r.stage?.S ?? '?');
    } else if (pk.startsWith('FEEDBACK#') && sk.startsWith('ACTION#') && r.status?.S !== 'done') {
      const id = pk.slice('FEEDBACK#'.length);
      unfinished.set(id, [...(unfinished.get(id) ?? []), `${sk.slice('ACTION#'.length)}=${r.status?.S}`]);
    } else if (pk.startsWith('OUTBOX#') && r.kind?.S === 'customer' && r.feedbackId?.S) {
      customerMessages.set(r.feedbackId.S, (customerMessages.get(r.feedbackId.S) ?? 0) + 1);
    }
  }

  const problems: string[] = [];
  const note = (kind: string, list: string[]) => {
    if (list.length > 0) problems.push(`${list.length} ${kind}: ${list.slice(0, 5).join(', ')}${list.length > 5 ? ', ...' : ''}`);
  };
  const missing: string[] = [];
  const notAnalyzed: string[] = [];
  const notDone: string[] = [];
  const stored: string[] = [];
  for (const [n, id] of input.accepted) {
    const ids = idsByN.get(n) ?? [];
    if (!ids.includes(id)) missing.push(`#${n} ${id}`);
    else if (stageOf.get(id) !== 'analyzed') notAnalyzed.push(`${id} (${stageOf.get(id)})`);
    else if (unfinished.has(id)) notDone.push(`${id} (${unfinished.get(id)!.join(' ')})`);
    if (ids.length > 1) stored.push(`#${n}: ${ids.join(' ')}`);
  }
  const acked = [...input.accepted.values()].filter((id) => (customerMessages.get(id) ?? 0) > 1).map((id) => `${id} (${customerMessages.get(id)})`);
  const metricsItems = await input.metricsItems();
  note('accepted but not stored', missing);
  note('stored but not analyzed', notAnalyzed);
  note('analyzed with workflow actions not done', notDone);
  note('stored more than once', stored);
  note('sent more than one customer message', acked);
  if (metricsItems !== analyzedInTable) problems.push(`the metrics count ${metricsItems} items, the table holds ${analyzedInTable} analyzed`);
  return {
    lost: missing.length + notAnalyzed.length + notDone.length + Math.max(0, analyzedInTable - metricsItems),
    doubled: stored.length + acked.length + Math.max(0, metricsItems - analyzedInTable),
    problems,
    analyzed: analyzedInTable,
    metricsItems,
  };
}

async function scanAll(client: DynamoDBClient, table: string, segments = 4): Promise<Row[]> {
  const parts = await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      const rows: Row[] = [];
      let start: Row | undefined;
      do {
        const out = await client.send(
          new ScanCommand({
            TableName: table, Segment: segment, TotalSegments: segments, ExclusiveStartKey: start,
            ProjectionExpression: 'pk, sk, id, stage, metadata, #kind, feedbackId, #status',
            ExpressionAttributeNames: { '#kind': 'kind', '#status': 'status' },
          }),
        );
        rows.push(...(out.Items ?? []));
        start = out.LastEvaluatedKey;
      } while (start);
      return rows;
    }),
  );
  return parts.flat();
}
