import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachStoreOpCounter, type StoreOpCounter, type StoreOps } from '../../local/bench/store-op-counter.js';
import { DynamoActionLog } from '../../shared/adapters/dynamo-workflow-store.adapter.js';
import { config } from '../../shared/runtime/config.js';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js';

// What the pipeline's part of one item costs at the store (ingest, processor, customer link,
// workflows with their records): counted by the store-op counter on the runtime's client, with the
// table stream (the metrics' part) stopped. Operations and write units are deterministic counts.
let p: TestPlatform;
let counter: StoreOpCounter;
let log: DynamoActionLog;
beforeAll(async () => {
  p = await startTestPlatform({ sweepIntervalMs: 3_600_000, slaSweepIntervalMs: 3_600_000 });
  const reader = new DynamoDBClient({ region: 'us-east-1', endpoint: config().OUVIDOR_DYNAMODB_ENDPOINT });
  log = new DynamoActionLog(reader, config().OUVIDOR_TABLE_NAME);
  // Steady state: the rules and standards are cached after the first item.
  await costOf({ text: 'Produto ótimo, recomendo!', customer: { email: 'warm@example.com' } }, 2);
  await p.tableStream.stop();
  counter = attachStoreOpCounter(p.dynamodb, { tableName: config().OUVIDOR_TABLE_NAME, units: { imageReader: reader } });
}, 60_000);
afterAll(() => p?.stop());

/** Posts one item and waits until its workflow run has ended (every planned action done). */
async function costOf(body: object, actions: number): Promise<StoreOps & { id: string }> {
  counter?.reset();
  const res = await p.post('/v1/feedback', body);
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  await eventually(async () => {
    const records = await log.list(id);
    return records.length === actions && records.every((r) => r.status === 'done') ? records : undefined;
  }, 15_000);
  // Let the run's last write land before reading the counter.
  await new Promise((r) => setTimeout(r, 200));
  return { ...(counter?.snapshot() ?? ({} as StoreOps)), id };
}

const describeOps = (o: StoreOps) => `${o.reads} reads, ${o.writes} writes, ${o.writeUnits} WU (${o.indexWriteUnits} index) ${JSON.stringify(o.byCommand)}`;

describe("the pipeline's store operations per item", () => {
  it('a complaint from a new email customer (acknowledged, priority high, SLA started, team notified): at most 8 operations', async () => {
    const ops = await costOf({ text: 'A entrega atrasou duas semanas e ninguém responde meus e-mails.', customer: { email: 'nova@example.com' } }, 4);
    console.info('complaint, new customer:', describeOps(ops));
    expect(ops.reads + ops.writes).toBeLessThanOrEqual(8);
    // The one read: is the address unreachable (an SES bounce or complaint) before the acknowledgement is sent.
    expect(ops.reads).toBe(1);
    expect(ops.byCommand['GetItemCommand']).toBe(1);
  });

  it('a complaint from a returning customer costs no more', async () => {
    const ops = await costOf({ text: 'The app crashes every time I try to pay. Very frustrating.', customer: { email: 'nova@example.com' } }, 4);
    console.info('complaint, returning customer:', describeOps(ops));
    expect(ops.reads + ops.writes).toBeLessThanOrEqual(8);
  });

  it('praise (kudos and the praise feed; no thank-you under the default acknowledgement policy) and a question (round-robin assignment)', async () => {
    const praise = await costOf({ text: 'Maria Oliveira was wonderful, she solved my problem in minutes. Thank you!', customer: { email: 'joe@example.com' } }, 2);
    console.info('praise, new customer:', describeOps(praise));
    expect(praise.reads + praise.writes).toBeLessThanOrEqual(8);
    const question = await costOf({ text: 'How do I change my delivery address?', customer: { email: 'ask@example.com' } }, 4);
    console.info('question, new customer:', describeOps(question));
    // One more: the team's round-robin counter.
    expect(question.reads + question.writes).toBeLessThanOrEqual(9);
  });
});
