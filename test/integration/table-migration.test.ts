import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { feedbackItem, indexShard } from '../../shared/adapters/dynamo-feedback-store.adapter.js';
import type { Feedback } from '../../shared/domain/feedback.schema.js';
import { EMULATOR_CREDENTIALS, startEmulators } from '../../local/emulators.js';
import { tableDefinition } from '../../local/table-migration.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

// A data folder from before gsi5: the table lacks the index and its items lack the keys.
const dir = mkdtempSync(join(tmpdir(), 'ouvidor-migration-'));
let p: TestPlatform | undefined;
afterAll(async () => {
  await p?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const old: Feedback = {
  id: '01HZZZZZZZZZZZZZZZZZZZZZZZ', channel: 'api', receivedAt: '2029-06-01T10:00:00.000Z', customer: { email: 'old@example.com' },
  text: 'Uma reclamação de antes da migração', language: 'pt', sentiment: { label: 'NEGATIVE', scores: { Positive: 0, Negative: 1, Neutral: 0, Mixed: 0 } },
  category: 'complaint', keyPhrases: [], status: 'open', priority: 'high', labels: ['legacy'], source: { provider: 'api' }, stage: 'analyzed',
  sweeps: 0, version: 2, createdAt: '2029-06-01T10:00:00.000Z', updatedAt: '2029-06-01T10:00:00.000Z',
};

describe('an existing local table without the priority index', () => {
  it('gets the index at start-up, and its items appear in the priority sort', async () => {
    const emulators = await startEmulators(dir);
    const client = new DynamoDBClient({ region: 'us-east-1', endpoint: emulators.dynamodbEndpoint, credentials: { accessKeyId: EMULATOR_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: EMULATOR_CREDENTIALS.AWS_SECRET_ACCESS_KEY } });
    const current = tableDefinition('ouvidor');
    await client.send(new CreateTableCommand({
      ...current,
      AttributeDefinitions: current.AttributeDefinitions!.filter((a) => !a.AttributeName!.startsWith('gsi5')),
      GlobalSecondaryIndexes: current.GlobalSecondaryIndexes!.filter((g) => g.IndexName !== 'gsi5'),
    }));
    const { gsi5pk: _pk, gsi5sk: _sk, ...legacyItem } = feedbackItem(old);
    await DynamoDBDocumentClient.from(client).send(new PutCommand({ TableName: 'ouvidor', Item: legacyItem }));
    await DynamoDBDocumentClient.from(client).send(new PutCommand({ TableName: 'ouvidor', Item: { pk: 'CUSTOMER#X', sk: 'PROFILE', id: 'X', emails: new Set(['old@example.com']) } }));
    await emulators.stop();

    p = await startTestPlatform({ dataDir: dir, pauseProcessing: true });
    const table = (await p.container.store.get(old.id))!;
    expect(table).toMatchObject({ id: old.id, labels: ['legacy'], version: 2 });
    const clients = new DynamoDBClient({ region: 'us-east-1', endpoint: p.emulators.dynamodbEndpoint });
    const described = await clients.send(new DescribeTableCommand({ TableName: 'ouvidor' }));
    expect(described.Table!.GlobalSecondaryIndexes!.map((g) => g.IndexName).sort()).toEqual(['gsi1', 'gsi2', 'gsi3', 'gsi4', 'gsi5']);
    const res = await p.get('/v1/feedback?sort=priority', 'agent');
    expect(((await res.json()) as { items: Feedback[] }).items.map((f) => f.id)).toEqual([old.id]);
    expect((await p.get('/v1/feedback', 'agent')).status).toBe(200);
    expect(await p.tableCount()).toBeGreaterThanOrEqual(2);
    await p.stop();
    // A second start finds nothing to migrate.
    p = await startTestPlatform({ dataDir: dir, pauseProcessing: true });
    expect(((await (await p.get('/v1/feedback?sort=priority', 'agent')).json()) as { items: Feedback[] }).items).toHaveLength(1);
  }, 60_000);
});

// A data folder from before the shards and projections: every index ALL, one unsharded partition per status.
const dir2 = mkdtempSync(join(tmpdir(), 'ouvidor-migration-shards-'));
afterAll(() => rmSync(dir2, { recursive: true, force: true }));

describe('an existing local table with unsharded keys and ALL projections', () => {
  it('is rebuilt with the current projections, its items re-keyed onto their shards, and listed as before', async () => {
    const emulators = await startEmulators(dir2);
    const client = new DynamoDBClient({ region: 'us-east-1', endpoint: emulators.dynamodbEndpoint, credentials: { accessKeyId: EMULATOR_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: EMULATOR_CREDENTIALS.AWS_SECRET_ACCESS_KEY } });
    const current = tableDefinition('ouvidor');
    await client.send(new CreateTableCommand({ ...current, GlobalSecondaryIndexes: current.GlobalSecondaryIndexes!.map((g) => ({ ...g, Projection: { ProjectionType: 'ALL' } })) }));
    const at = `${old.receivedAt}#${old.id}`;
    const { gsi1pk: _1, gsi5pk: _5, ...rest } = feedbackItem(old);
    const doc = DynamoDBDocumentClient.from(client);
    await doc.send(new PutCommand({ TableName: 'ouvidor', Item: { ...rest, gsi1pk: 'STATUS#open', gsi1sk: at, gsi5pk: 'PRIORITY#open#1', gsi5sk: at } }));
    await doc.send(new PutCommand({ TableName: 'ouvidor', Item: { pk: 'USER#old@example.com', sk: 'USER', gsi1pk: 'USER', gsi1sk: 'old@example.com', email: 'old@example.com', name: 'Old', role: 'agent', createdAt: old.createdAt, updatedAt: old.createdAt, passwordHash: 'x' } }));
    await emulators.stop();

    const q = await startTestPlatform({ dataDir: dir2, pauseProcessing: true });
    try {
      const described = await new DynamoDBClient({ region: 'us-east-1', endpoint: q.emulators.dynamodbEndpoint }).send(new DescribeTableCommand({ TableName: 'ouvidor' }));
      for (const def of current.GlobalSecondaryIndexes!) {
        const g = described.Table!.GlobalSecondaryIndexes!.find((x) => x.IndexName === def.IndexName)!;
        expect(g.Projection?.ProjectionType, def.IndexName).toBe(def.Projection!.ProjectionType);
      }
      const stored = await DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', endpoint: q.emulators.dynamodbEndpoint }))
        .send(new GetCommand({ TableName: 'ouvidor', Key: { pk: `FEEDBACK#${old.id}`, sk: 'FEEDBACK' } }));
      expect(stored.Item).toMatchObject({ gsi1pk: `STATUS#open#${indexShard(old.id)}`, gsi5pk: `PRIORITY#open#1#${indexShard(old.id)}` });
      for (const query of ['', 'sort=priority', 'status=open&label=legacy']) {
        const res = await q.get(`/v1/feedback?${query}`, 'agent');
        expect(((await res.json()) as { items: Feedback[] }).items.map((f) => [f.id, f.text]), query).toEqual([[old.id, old.text]]);
      }
      // Overloaded gsi1 records are fetched back whole.
      const users = (await (await q.get('/v1/users', 'admin')).json()) as { items?: Array<{ email: string; name: string }> } | Array<{ email: string; name: string }>;
      expect(JSON.stringify(users)).toContain('"name":"Old"');
    } finally {
      await q.stop();
    }
  }, 60_000);
});
