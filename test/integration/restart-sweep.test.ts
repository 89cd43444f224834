import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { indexShard, INDEX_SHARDS } from '../../shared/adapters/dynamo-feedback-store.adapter.js';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js';

// The local queue lives in memory: after a stop, only the start-up sweep brings accepted items back.
const dir = mkdtempSync(join(tmpdir(), 'ouvidor-restart-'));
let p: TestPlatform | undefined;
afterAll(async () => {
  await p?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const ITEMS = 13;
const PAGE = 3;

describe('restart', () => {
  it('re-queues every received item, across shards and pages, once each; and they are then analyzed', async () => {
    p = await startTestPlatform({ dataDir: dir, pauseProcessing: true });
    const ids: string[] = [];
    for (let i = 0; i < ITEMS; i++) {
      const res = await p.post('/v1/feedback', { text: `Pedido ${i} não chegou`, customer: { email: `r${i}@example.com` } });
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as { id: string }).id);
    }
    expect(new Set(ids.map(indexShard)).size).toBeGreaterThan(1);
    expect(INDEX_SHARDS).toBeGreaterThan(1);
    await p.stop();

    // Restarted, still paused: the queue holds exactly the received items, each once.
    p = await startTestPlatform({ dataDir: dir, pauseProcessing: true, sweepPageSize: PAGE });
    const sqs = new SQSClient({ region: 'us-east-1', endpoint: p.emulators.sqsEndpoint });
    const queued: string[] = [];
    for (let i = 0; i < 20 && queued.length < ITEMS; i++) {
      const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: p.queue.url, MaxNumberOfMessages: 10, VisibilityTimeout: 120, WaitTimeSeconds: 1 }));
      queued.push(...(out.Messages ?? []).map((m) => (JSON.parse(m.Body!) as { id: string }).id));
    }
    expect([...queued].sort()).toEqual([...ids].sort());
    expect(await p.queueDepth()).toBe(ITEMS);
    await p.stop();

    // Restarted with processing: every one is analyzed.
    p = await startTestPlatform({ dataDir: dir, sweepPageSize: PAGE });
    const store = p.container.store;
    await eventually(async () => {
      const stages = await Promise.all(ids.map(async (id) => (await store.get(id))?.stage));
      return stages.every((s) => s === 'analyzed') ? true : undefined;
    }, 60_000, 250);
  }, 120_000);
});
