import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRun } from '../../local/bench/verify.js';
import { startEmulators, type Emulators } from '../../local/emulators.js';
import { ensureTable } from '../../local/provision.js';

const run = promisify(execFile);

describe('ouvidor bench --json (a small run)', () => {
  it('prints every figure, and every accepted item was processed once', async () => {
    const { stdout } = await run(
      process.execPath,
      ['bin/ouvidor.mjs', 'bench', '--json', '--quiet', '--only', 'raw,e2e,ops,steady,analyzer,restart', '--items', '24', '--concurrency', '4', '--steady-rate', '10', '--steady-seconds', '1', '--ops-items', '4', '--restart-items', '12'],
      { env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR' }, maxBuffer: 10 * 1024 * 1024 },
    );
    const r = JSON.parse(stdout) as Record<string, unknown> & { storeOpsPerItem: { reads: number; writes: number; writeUnits: number }; machine: Record<string, unknown> };
    expect(Object.keys(r)).toEqual(expect.arrayContaining([
      'rawStoreWritesPerSec', 'e2eItemsPerSec', 'ratio', 'acceptP50Ms', 'acceptP99Ms', 'readableP99Ms', 'storeOpsPerItem',
      'analyzerDocsPerSec', 'restartCatchUpSec', 'lost', 'doubled', 'items', 'concurrency', 'date', 'machine', 'bundles',
    ]));
    expect(r.bundles).toBeNull(); // that phase was not selected (its figures are tested in test/unit/compose/bundles.test.ts)
    expect(r).toMatchObject({ items: 24, concurrency: 4, lost: 0, doubled: 0, refused: 0, problems: [] });
    for (const k of ['rawStoreWritesPerSec', 'e2eItemsPerSec', 'ratio', 'acceptP50Ms', 'acceptP99Ms', 'readableP99Ms', 'analyzerDocsPerSec', 'restartCatchUpSec']) {
      expect(r[k], k).toBeGreaterThan(0);
    }
    expect(r.acceptP99Ms as number).toBeGreaterThanOrEqual(r.acceptP50Ms as number);
    // Every item is written at least once (the pipeline may read nothing: the record travels with the
    // message and the event); write units are at least the writes.
    expect(r.storeOpsPerItem.writes).toBeGreaterThanOrEqual(1);
    expect(r.storeOpsPerItem.writeUnits).toBeGreaterThanOrEqual(r.storeOpsPerItem.writes);
    expect(r.machine).toMatchObject({ cpus: expect.any(Number), node: process.version });
  }, 300_000);

  it('refuses an unknown phase', async () => {
    await expect(run(process.execPath, ['bin/ouvidor.mjs', 'bench', '--only', 'e2e,nope'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('unknown phase nope') });
  });
});

describe('the verification', () => {
  let emulators: Emulators;
  let client: DynamoDBClient;
  const table = 'bench-verify';
  beforeAll(async () => {
    emulators = await startEmulators(undefined);
    client = new DynamoDBClient({ region: 'us-east-1', endpoint: emulators.dynamodbEndpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    await ensureTable(client, table);
  });
  afterAll(async () => {
    client?.destroy();
    await emulators?.stop();
  });

  const item = (id: string, n: number, stage: string) =>
    client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: `FEEDBACK#${id}` }, sk: { S: 'FEEDBACK' }, id: { S: id }, stage: { S: stage }, metadata: { M: { bench: { S: 'run-1' }, n: { N: String(n) } } } } }));

  it('counts what is missing, unprocessed, stored twice, acknowledged twice or miscounted, and says what', async () => {
    await item('A0', 0, 'analyzed');
    await item('A1', 1, 'analyzed');
    await item('A1bis', 1, 'analyzed'); // the same request stored under two ids
    await item('A2', 2, 'received'); // never analyzed
    await item('A4', 4, 'analyzed');
    await client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'FEEDBACK#A4' }, sk: { S: 'ACTION#analyzed:startSla' }, status: { S: 'failed' } } }));
    for (const m of ['1', '2']) await client.send(new PutItemCommand({ TableName: table, Item: { pk: { S: `OUTBOX#m${m}` }, sk: { S: 'OUTBOX' }, kind: { S: 'customer' }, feedbackId: { S: 'A0' } } }));
    const accepted = new Map([[0, 'A0'], [1, 'A1'], [2, 'A2'], [3, 'A3'], [4, 'A4']]);
    const v = await verifyRun({ client, table, run: 'run-1', accepted, metricsItems: async () => 4 });
    // lost: A3 missing, A2 not analyzed, A4 with a failed action; doubled: #1 twice, A0 acknowledged twice.
    expect(v).toMatchObject({ lost: 3, doubled: 2, analyzed: 4, metricsItems: 4 });
    expect(v.problems.join('\n')).toMatch(/1 accepted but not stored: #3 A3/);
    expect(v.problems.join('\n')).toMatch(/1 sent more than one customer message: A0 \(2\)/);
    expect((await verifyRun({ client, table, run: 'run-1', accepted: new Map([[0, 'A0']]), metricsItems: async () => 6 })).doubled).toBe(1 + 2);
  });
});
