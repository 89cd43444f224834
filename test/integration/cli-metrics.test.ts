import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/adapters/dynamo-write.util.js';
import { config } from '../../shared/runtime/config.js';
import { awsClients } from '../../local/container.js';
import { cellKey, metricsDay, type Counters } from '../../shared/domain/metrics/metrics-counters.js';
import { DEFAULT_SERVICE_STANDARDS } from '../../shared/domain/sla/service-standards.schema.js';
import { RUNTIME_FILE } from '../../local/on-disk-table.js';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'ouvidor-metrics-cli-'));
let p: TestPlatform | undefined;
afterAll(async () => {
  await p?.stop();
  rmSync(dir, { recursive: true, force: true });
});
const ouvidor = (...args: string[]) => run(process.execPath, ['bin/ouvidor.mjs', ...args], { env: { ...process.env, OUVIDOR_DATA_DIR: dir } });
const today = () => metricsDay(new Date(), DEFAULT_SERVICE_STANDARDS.timezone);

async function snapshot(platform: TestPlatform): Promise<Record<string, Counters>> {
  const { rows } = await platform.container.metrics.readDays([today()]);
  const out: Record<string, Counters> = {};
  for (const r of rows) {
    const c = (out[cellKey(r.cell)] ??= {});
    for (const [k, v] of Object.entries(r.counters)) c[k] = (c[k] ?? 0) + v;
  }
  return out;
}

describe('ouvidor metrics rebuild', () => {
  it('rebuilds through a running platform, on the files when none runs, and by itself after a crash', async () => {
    p = await startTestPlatform({ dataDir: dir });
    for (const text of ['Entrega atrasada de novo, que absurdo', 'Great service, thanks!']) expect((await p.post('/v1/feedback', { text })).status).toBe(202);
    const before = await eventually(async () => {
      await p!.tableStream.idle();
      const s = await snapshot(p!);
      return Object.values(s).reduce((n, c) => n + (c.items ?? 0), 0) === 2 ? s : undefined;
    }, 15_000);

    // A platform runs: the command asks it (the table's files are locked).
    writeFileSync(join(dir, RUNTIME_FILE), JSON.stringify({ url: p.url }));
    const viaPlatform = await ouvidor('metrics', 'rebuild');
    expect(viaPlatform.stdout).toMatch(/^Rebuilt \d+ aggregate items over 1 days from \d+ sources \(2 contributing\)/);
    expect(await snapshot(p)).toEqual(before);

    // Simulate a crash that lost stream records: an aggregate item disappears and the marker file stays.
    const [row] = (await p.container.metrics.readDays([today()])).rows;
    const doc = documentClient(awsClients(config()).dynamodb);
    const out = await doc.send(
      new QueryCommand({ TableName: config().OUVIDOR_TABLE_NAME, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `METRICS#${today()}` } }),
    );
    const victim = (out.Items ?? []).find((i) => i.cell === cellKey(row!.cell))!;
    await doc.send(new DeleteCommand({ TableName: config().OUVIDOR_TABLE_NAME, Key: { pk: victim.pk, sk: victim.sk } }));
    expect(await snapshot(p)).not.toEqual(before);
    await p.stop();
    p = undefined;
    rmSync(join(dir, RUNTIME_FILE));

    // No platform: the command opens the files itself.
    const onDisk = await ouvidor('metrics', 'rebuild');
    expect(onDisk.stdout).toMatch(/\(2 contributing\)/);
    p = await startTestPlatform({ dataDir: dir });
    expect(await snapshot(p)).toEqual(before);

    // Lose an aggregate again, leave the stream's marker file as a crash would: the next start rebuilds.
    await p.container.metrics.replaceAll([], []);
    expect(await snapshot(p)).toEqual({});
    await p.stop();
    writeFileSync(join(dir, 'metrics-stream.pending'), 'crashed');
    p = await startTestPlatform({ dataDir: dir });
    expect(await snapshot(p)).toEqual(before);
    await p.tableStream.idle();
    expect(existsSync(join(dir, 'metrics-stream.pending'))).toBe(false);
  }, 90_000);

  it('explains its usage', async () => {
    await expect(ouvidor('metrics')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('ouvidor metrics rebuild') });
  });
});
