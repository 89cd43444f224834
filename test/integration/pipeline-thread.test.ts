import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feedback } from '../../shared/domain/feedback.schema.js';
import type { OutboxRecord } from '../../shared/domain/workflow-records.schema.js';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js';

// `npm start` runs the queue consumers on their own thread (local/pipeline-thread.ts): the same
// items, workflows and metrics as on one thread, with the table stream observing both threads' writes.
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ pipelineThread: true });
}, 60_000);
afterAll(() => p?.stop());

const texts = [
  { text: 'Comprei uma geladeira e a entrega atrasou duas semanas. Ninguém responde no SAC.', customer: { email: 'ana@example.com', name: 'Ana' } },
  { text: 'The parcel arrived broken and nobody answers my emails. Terrible service.', customer: { email: 'joe@example.com', name: 'Joe' } },
  { text: 'Atendimento excelente, a Carla resolveu tudo em minutos. Obrigado!' },
  { text: 'How do I change the delivery address of my order?' },
  { text: 'Cobraram duas vezes no meu cartão, quero o estorno.', customer: { email: 'bia@example.com' } },
];

describe('the pipeline on its own thread', () => {
  it('analyzes every item, runs its workflows once and counts it once in the metrics', async () => {
    const before = ((await (await p.get('/v1/metrics', 'agent')).json()) as { totals: { items: number } }).totals.items;
    const ids: string[] = [];
    for (const body of texts) ids.push(((await (await p.post('/v1/feedback', body)).json()) as { id: string }).id);
    await eventually(async () => ((await p.quiet()) ? true : undefined), 30_000, 100);
    for (const id of ids) {
      const fb = (await (await p.get(`/v1/feedback/${id}`, 'agent')).json()) as Feedback;
      expect(fb.stage).toBe('analyzed');
    }
    // The complaints with an address got one acknowledgement each (the workflow queue, consumed on the thread).
    for (const id of [ids[0]!, ids[1]!, ids[4]!]) {
      const sent = ((await (await p.get(`/v1/outbox?feedbackId=${id}`, 'agent')).json()) as { items: OutboxRecord[] }).items;
      expect(sent.filter((m) => m.kind === 'customer')).toHaveLength(1);
    }
    // Every write of the thread reached the stream on the main thread: each item counted once.
    await p.tableStream.idle();
    const after = (await (await p.get('/v1/metrics', 'agent')).json()) as { totals: { items: number; sentiment: Record<string, number> } };
    expect(after.totals.items - before).toBe(texts.length);
    expect(after.totals.sentiment['NEGATIVE']).toBeGreaterThanOrEqual(3);
    expect(p.pipeline).toBeDefined();
    expect(await p.pipeline!.pending()).toBe(0);
  });
});
