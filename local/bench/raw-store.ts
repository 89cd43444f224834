import { DynamoDBClient, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../provision.js';
import { closedLoop } from './http-load.js';

/**
 * What the embedded store alone sustains: conditional puts (`attribute_not_exists(pk)`) of records
 * shaped and sized like a received feedback item (its stage index keys included), straight into
 * dynalite, `concurrency` at a time — into a table of their own with the same keys and indexes,
 * so the platform's sweeper never sees them.
 */
export async function rawStoreWritesPerSec(endpoint: string, opts: { writes: number; concurrency: number; texts: readonly string[]; credentials: { accessKeyId: string; secretAccessKey: string } }): Promise<number> {
  const client = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: opts.credentials });
  const table = `ouvidor-bench-raw-${Date.now()}`;
  try {
    await ensureTable(client, table);
    const now = new Date().toISOString();
    const put = (i: number) => client.send(new PutItemCommand({ TableName: table, Item: receivedLike(i, now, opts.texts[i % opts.texts.length] ?? ''), ConditionExpression: 'attribute_not_exists(pk)' }));
    // Warm-up (connections, the SDK's first-call set-up), not timed.
    await closedLoop(opts.concurrency * 2, opts.concurrency, (i) => put(opts.writes + i));
    const started = performance.now();
    const results = await closedLoop(opts.writes, opts.concurrency, put);
    const seconds = (performance.now() - started) / 1000;
    const failed = results.filter((r) => !r.ok);
    if (failed.length > 0) throw new Error(`raw store writes: ${failed.length} of ${opts.writes} failed (${failed[0]!.error})`);
    return opts.writes / seconds;
  } finally {
    client.destroy();
  }
}

const s = (v: string): AttributeValue => ({ S: v });

function receivedLike(i: number, now: string, text: string): Record<string, AttributeValue> {
  const id = `RAW${String(i).padStart(23, '0')}`;
  return {
    pk: s(`FEEDBACK#${id}`), sk: s('FEEDBACK'), gsi4pk: s('STAGE#received'), gsi4sk: s(`${now}#${id}`),
    id: s(id), channel: s('web'), receivedAt: s(now), text: s(text),
    customer: { M: { email: s(`customer.${i}@example.com`), name: s('Bench Customer') } },
    keyPhrases: { L: [] }, labels: { L: [] }, status: s('new'), priority: s('normal'), stage: s('received'),
    source: { M: { provider: s('web') } }, metadata: { M: { bench: s('raw'), n: { N: String(i) } } },
    sweeps: { N: '0' }, version: { N: '1' }, createdAt: s(now), updatedAt: s(now),
  };
}
