import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { handler as recordMetricsHandler } from '../../functions/record-metrics/record-metrics.handler.js';
import { rebuildMetrics } from '../../shared/app/rebuild-metrics.use-case.js';
import type { Feedback } from '../../shared/domain/feedback.schema.js';
import { cellKey, daysBetween, metricsDay, type Counters } from '../../shared/domain/metrics/metrics-counters.js';
import { DEFAULT_SERVICE_STANDARDS } from '../../shared/domain/sla/service-standards.schema.js';
import { lambdaContext } from '../../local/lambda-context.js';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(async () => {
  await p?.stop();
});

const tz = DEFAULT_SERVICE_STANDARDS.timezone;
const days = () => {
  const today = metricsDay(new Date(), tz);
  const d = new Date(`${today}T12:00:00Z`);
  const shift = (n: number) => new Date(d.getTime() + n * 86_400_000).toISOString().slice(0, 10);
  return daysBetween(shift(-1), shift(1));
};

/** The aggregates as a report sees them: counters summed per (day, cell) over the shards, zeros dropped. */
async function snapshot(): Promise<Record<string, Counters>> {
  const { rows } = await p.container.metrics.readDays(days());
  const out: Record<string, Counters> = {};
  for (const r of rows) {
    const key = `${r.day}|${cellKey(r.cell)}`;
    const c = (out[key] ??= {});
    for (const [k, v] of Object.entries(r.counters)) c[k] = (c[k] ?? 0) + v;
  }
  for (const [key, c] of Object.entries(out)) {
    for (const [k, v] of Object.entries(c)) if (v === 0) delete c[k];
    if (Object.keys(c).length === 0) delete out[key];
  }
  return out;
}

const sum = (snap: Record<string, Counters>, counter: string) => Object.values(snap).reduce((n, c) => n + (c[counter] ?? 0), 0);

/** Waits until the workflows and the stream have settled: the aggregates stop moving. */
async function settled(): Promise<Record<string, Counters>> {
  return eventually(
    async () => {
      await p.tableStream.idle();
      const a = await snapshot();
      await new Promise((ok) => setTimeout(ok, 800));
      await p.tableStream.idle();
      const b = await snapshot();
      return JSON.stringify(a) === JSON.stringify(b) ? b : undefined;
    },
    20_000,
    100,
  );
}

/** The answer's own reconciliation has run (so the later reassignment is what moves it). */
const settledOnce = () => p.tableStream.idle();

async function accepted(body: object): Promise<string> {
  const res = await p.post('/v1/feedback', body);
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

const item = async (id: string) => (await (await p.get(`/v1/feedback/${id}`, 'agent')).json()) as Feedback & { item?: Feedback };
const analyzed = (id: string) =>
  eventually(async () => {
    const body = await item(id);
    const fb = body.item ?? body;
    return fb.stage === 'analyzed' ? fb : undefined;
  }, 10_000);

async function authed(method: string, path: string, body: object, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${p.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await p.token('agent', 'ana')}`, ...headers },
    body: JSON.stringify(body),
  });
}

/** PATCH at the item's latest version: the workflows may still be changing it (409), then read again. */
const patch = (id: string, changes: object) =>
  eventually(async () => {
    const fb = await analyzed(id);
    const res = await authed('PATCH', `/v1/feedback/${id}`, changes, { 'if-match': String(fb.version) });
    if (res.status === 409) return undefined;
    return res.status;
  }, 10_000);

describe('metrics aggregates', () => {
  it('follow every change once, survive redelivery, and equal a rebuild from the items', async () => {
    const complaint = await accepted({ text: 'O pedido chegou quebrado e ninguém responde. Péssimo atendimento!', customer: { email: 'carla@example.com', name: 'Carla' } });
    const praise = await accepted({ text: 'Amazing support, Bruno solved my problem in minutes. Thank you!', customer: { email: 'dan@example.com' }, language: 'en' });
    const question = await accepted({ text: 'Como faço para trocar o endereço de entrega?', customer: { email: 'edu@example.com' } });
    for (const id of [complaint, praise, question]) await analyzed(id);

    // An agent answers the complaint, resolves the question, and an NPS survey about the complaint is answered.
    expect((await authed('POST', `/v1/feedback/${complaint}/replies`, { text: 'Olá Carla, já enviamos outro.' })).status).toBe(201);
    expect(await patch(question, { status: 'resolved', assignee: 'ana' })).toBe(200);
    const survey = (await (await authed('POST', '/v1/surveys', { type: 'nps', feedbackId: complaint })).json()) as { id: string; token: string };
    expect((await fetch(`${p.url}/v1/surveys/${survey.token}?score=9`)).status).toBe(200);
    // Once answered, the complaint is reassigned: its survey and answer follow it to the new agent.
    await eventually(async () => ((await p.container.surveys.get(survey.id))?.feedbackItemId ? true : undefined));
    await settledOnce();
    expect(await patch(complaint, { assignee: 'bia' })).toBe(200);

    const incremental = await settled();
    const items = await eventually(async () => {
      const n = await p.feedbackCount();
      return n >= 4 ? n : undefined;
    });
    expect(sum(incremental, 'items')).toBe(items);
    expect(sum(incremental, 'nps.promoter')).toBe(1);
    // Ours, and the CSAT survey the csat-after-resolution rule sends when the question is resolved.
    expect(sum(incremental, 'survey.sent')).toBe(2);
    expect(sum(incremental, 'survey.answered')).toBe(1);
    expect(sum(incremental, 'status.resolved')).toBe(1);
    expect(sum(incremental, 'handled')).toBe(2);
    const bia = Object.entries(incremental).filter(([key]) => key.endsWith('|bia'));
    expect(bia.map(([key]) => key.split('|')[1])).toEqual(expect.arrayContaining(['api', 'survey']));
    expect(bia.reduce((n, [, c]) => n + (c['nps.promoter'] ?? 0) + (c['survey.sent'] ?? 0), 0)).toBe(2);
    expect(Object.values(incremental).flatMap((c) => Object.keys(c)).filter((k) => k.startsWith('frt.business.'))).toHaveLength(1);

    // The stream delivers at least once: every record delivered again — the whole history at once, in
    // halves (a bisected batch), one by one — changes nothing.
    const records = p.tableStream.recentRecords();
    expect(records.filter((r) => r.dynamodb?.NewImage && r.dynamodb?.OldImage).length).toBeGreaterThan(3);
    const batches: DynamoDBStreamEvent[] = [
      { Records: records },
      { Records: records.slice(0, records.length >> 1) },
      { Records: records.slice(records.length >> 1) },
      ...records.map((r) => ({ Records: [r] })),
    ];
    for (const event of batches) expect(await recordMetricsHandler(event, lambdaContext('record-metrics', 60_000))).toEqual({ batchItemFailures: [] });
    expect(await snapshot()).toEqual(incremental);

    // Rebuilt from the items, the aggregates are the same.
    const summary = await rebuildMetrics(p.container);
    expect(summary.contributing).toBeGreaterThanOrEqual(items + 1);
    expect(await snapshot()).toEqual(incremental);

    // And they keep following changes after a rebuild (ledgers reset consistently).
    expect(await patch(praise, { status: 'closed' })).toBe(200);
    const after = await settled();
    expect(sum(after, 'status.closed')).toBe(1);
    expect(sum(after, 'items')).toBe(items);
    await rebuildMetrics(p.container);
    expect(await snapshot()).toEqual(after);
  }, 60_000);
});
