import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feedback } from '../../shared/domain/feedback.schema.js';
import { DEFAULT_SERVICE_STANDARDS } from '../../shared/domain/sla/service-standards.schema.js';
import { startSla } from '../../shared/domain/sla/sla-clock.js';
import type { OutboxRecord, TimelineEntry } from '../../shared/domain/workflow-records.schema.js';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { quietItems } from '../support/triage-items.js';

// PATCH, replies, notes and bulk through the running platform (the workflows listen on the local bus).
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ pauseProcessing: true });
}, 30_000);
afterAll(() => p?.stop());

type Details = Feedback & { timeline: TimelineEntry[]; messages: Array<{ direction: string; from?: string; text: string }> };
const onClock = (fb: Feedback): Feedback => ({ ...fb, sla: startSla(DEFAULT_SERVICE_STANDARDS, { at: fb.receivedAt, priority: fb.priority, channel: fb.channel }) });
const one = async (customer: Feedback['customer'] = { email: 'rita@example.com', name: 'Rita' }) =>
  (await quietItems(p.container, [{ text: 'Meu pedido não chegou, preciso de ajuda.', customer, edit: onClock }], Date.now() - 3_600_000))[0]!;
const send = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}, role: 'agent' | 'admin' | 'none' = 'agent') =>
  fetch(`${p.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await p.token(role, 'ana')}`, ...headers },
    body: JSON.stringify(body),
  });
const patch = (id: string, body: object, version?: number) => send('PATCH', `/v1/feedback/${id}`, body, version === undefined ? {} : { 'if-match': `"${version}"` });
const details = async (id: string) => (await (await p.get(`/v1/feedback/${id}`, 'agent')).json()) as Details;
const outbox = async (id: string) => ((await (await p.get(`/v1/outbox?feedbackId=${id}`, 'agent')).json()) as { items: OutboxRecord[] }).items;

describe('PATCH /v1/feedback/{id}', () => {
  it('changes status, priority, assignee and labels under If-Match, with timeline entries by the agent', async () => {
    const fb = await one();
    const res = await patch(fb.id, { status: 'open', priority: 'high', assignee: 'ana', labels: { add: ['vip', 'entrega'] } }, fb.version);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${fb.version + 1}"`);
    const saved = (await res.json()) as Feedback;
    expect(saved).toMatchObject({ status: 'open', priority: 'high', assignee: 'ana', labels: ['vip', 'entrega'], version: fb.version + 1 });
    expect(saved.sla!.policy.priority).toBe('high');
    const again = await patch(fb.id, { assignee: null, labels: { remove: ['vip'] }, version: saved.version });
    expect(again.status).toBe(200);
    expect(await again.json()).not.toHaveProperty('assignee');
    const timeline = (await details(fb.id)).timeline.filter((e) => e.actor === 'agent:ana');
    expect(timeline.map((e) => e.type).sort()).toEqual(['assigned', 'assigned', 'labels-added', 'labels-removed', 'priority-changed', 'status-changed']);
    expect(timeline.find((e) => e.type === 'status-changed')!.detail).toEqual({ from: 'new', to: 'open' });
  });

  it('answers 409 with the current version on a stale one, 428 without any, 400 for a transition not allowed', async () => {
    const fb = await one();
    expect((await patch(fb.id, { status: 'closed' }, fb.version)).status).toBe(200);
    const stale = await patch(fb.id, { priority: 'low' }, fb.version);
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ currentVersion: fb.version + 1, error: { code: 'version_conflict' } });
    expect((await patch(fb.id, { priority: 'low' })).status).toBe(428);
    const bad = await patch(fb.id, { status: 'pending' }, fb.version + 1);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'transition_not_allowed', details: [{ field: 'status' }] } });
    expect((await patch(fb.id, { status: 'open' }, fb.version + 1)).status).toBe(200);
    expect((await patch(fb.id, { priority: 'urgentissimo' }, fb.version + 2)).status).toBe(400);
  });

  it('pauses the resolution clock while pending, resumes it after, and refuses items not analyzed (409)', async () => {
    const fb = await one();
    const pending = (await (await patch(fb.id, { status: 'pending' }, fb.version)).json()) as Feedback;
    expect(pending.sla!.pausedAt).toBeDefined();
    const open = (await (await patch(fb.id, { status: 'open' }, pending.version)).json()) as Feedback;
    expect(open.sla!.pausedAt).toBeUndefined();
    expect(open.sla!.resolutionDueAt >= fb.sla!.resolutionDueAt).toBe(true);
    const received = (await p.post('/v1/feedback', { text: 'Ainda não analisado' }).then((r) => r.json())) as { id: string };
    expect((await patch(received.id, { status: 'open' }, 1)).status).toBe(409);
    expect((await patch('01HZZZZZZZZZZZZZZZZZZZZZZZ', { status: 'open' }, 1)).status).toBe(404);
  });

  it('on resolution stops the clocks, publishes feedback.resolved and the workflows send the CSAT survey', async () => {
    const fb = await one({ email: 'leo@example.com', name: 'Leo' });
    const published: string[] = [];
    const bus = p.container.bus as unknown as { subscribe: (f: (e: { id: string }) => Promise<void>) => () => void };
    const stop = bus.subscribe(async (e) => void published.push(e.id));
    const res = await patch(fb.id, { status: 'resolved' }, fb.version);
    const resolved = (await res.json()) as Feedback;
    expect(resolved.sla!.resolvedAt).toBeDefined();
    const sent = await eventually(async () => {
      const s = await outbox(fb.id);
      return s.some((m) => m.template === 'survey-invite') ? s : undefined;
    }, 4000);
    expect(sent.find((m) => m.template === 'survey-invite')).toMatchObject({ to: 'leo@example.com', kind: 'customer' });
    expect(published).toContain(`feedback.resolved:${fb.id}:v${resolved.version}`);
    stop();
    // Not on the due index any more.
    const due = (await (await p.get('/v1/feedback?sort=due&status=resolved', 'agent')).json()) as { items: Feedback[] };
    expect(due.items.map((f) => f.id)).not.toContain(fb.id);
  });

  it('needs a token (401) with the agent or admin role (403)', async () => {
    const fb = await one();
    expect((await fetch(`${p.url}/v1/feedback/${fb.id}`, { method: 'PATCH', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(401);
    expect((await send('PATCH', `/v1/feedback/${fb.id}`, { status: 'open' }, { 'if-match': '1' }, 'none')).status).toBe(403);
    for (const path of ['/bulk', `/${fb.id}/replies`, `/${fb.id}/notes`]) {
      expect((await send('POST', `/v1/feedback${path}`, {}, {}, 'none')).status).toBe(403);
      expect((await fetch(`${p.url}/v1/feedback${path}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(401);
    }
  });
});

describe('POST /v1/feedback/{id}/replies', () => {
  it('sends through the channel, records it everywhere, stops the first-response clock and opens the item', async () => {
    const fb = await one({ email: 'bea@example.com', name: 'Bea' });
    const res = await send('POST', `/v1/feedback/${fb.id}/replies`, { text: 'Olá Bea, seu pedido sai amanhã.', cannedReplyId: 'shipping' });
    expect(res.status).toBe(201);
    const { outboxId, status } = (await res.json()) as { outboxId: string; status: string };
    expect(status).toBe('outbox-only');
    expect(await outbox(fb.id)).toEqual([expect.objectContaining({ id: outboxId, to: 'bea@example.com', channel: 'email', text: 'Olá Bea, seu pedido sai amanhã.', kind: 'customer' })]);
    const d = await details(fb.id);
    expect(d.status).toBe('open');
    expect(d.sla!.firstRespondedAt).toBeDefined();
    expect(d.messages).toEqual([expect.objectContaining({ direction: 'outbound', from: 'agent:ana', text: 'Olá Bea, seu pedido sai amanhã.' })]);
    expect(d.timeline.filter((e) => e.actor === 'agent:ana').map((e) => e.type).sort()).toEqual(['message-sent', 'status-changed']);
  });

  it('sends a retried reply (same Idempotency-Key) once, answering the first result', async () => {
    const fb = await one({ email: 'caio@example.com', name: 'Caio' });
    const headers = { 'idempotency-key': 'reply-7f3a' };
    const first = await send('POST', `/v1/feedback/${fb.id}/replies`, { text: 'Já estornamos.' }, headers);
    const again = await send('POST', `/v1/feedback/${fb.id}/replies`, { text: 'Já estornamos.' }, headers);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(await again.json()).toEqual(await first.json());
    expect(await outbox(fb.id)).toHaveLength(1);
    expect((await send('POST', `/v1/feedback/${fb.id}/replies`, { text: 'Mais uma coisa.' }, { 'idempotency-key': 'reply-other' })).status).toBe(201);
    expect(await outbox(fb.id)).toHaveLength(2);
  });

  it('answers 409 naming the reason when the customer cannot be reached, 400 for an empty or huge text', async () => {
    const fb = await one({ name: 'Anônimo' });
    const res = await send('POST', `/v1/feedback/${fb.id}/replies`, { text: 'Olá' });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'customer_unreachable', message: expect.stringContaining('no email') } });
    expect((await send('POST', `/v1/feedback/${fb.id}/replies`, { text: '  ' })).status).toBe(400);
    expect((await send('POST', `/v1/feedback/${fb.id}/replies`, { text: 'x'.repeat(10_001) })).status).toBe(400);
  });
});

describe('notes and bulk changes', () => {
  it('adds an internal note to the timeline', async () => {
    const fb = await one();
    const res = await send('POST', `/v1/feedback/${fb.id}/notes`, { text: 'Cliente ligou de novo.\nVerificar transportadora.' });
    expect(res.status).toBe(201);
    const note = (await details(fb.id)).timeline.find((e) => e.type === 'note')!;
    expect(note).toMatchObject({ actor: 'agent:ana', summary: 'Cliente ligou de novo.', detail: { text: 'Cliente ligou de novo.\nVerificar transportadora.' } });
    expect(await outbox(fb.id)).toEqual([]);
  });

  it('applies the same changes to each item at its latest version, one result per id', async () => {
    const [a, b] = await quietItems(p.container, [{ text: 'Produto com defeito' }, { text: 'Cobrança duplicada' }], Date.now() - 60_000);
    await patch(b!.id, { status: 'closed' }, b!.version);
    const missing = '01HZZZZZZZZZZZZZZZZZZZZZZY';
    const res = await send('POST', '/v1/feedback/bulk', { ids: [a!.id, b!.id, missing], changes: { status: 'pending', labels: { add: ['lote'] } } });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: Array<{ id: string; ok: boolean; version?: number; error?: { code: string } }> };
    expect(results).toEqual([
      { id: a!.id, ok: true, version: a!.version + 1 },
      { id: b!.id, ok: false, error: expect.objectContaining({ code: 'transition_not_allowed' }) },
      { id: missing, ok: false, error: expect.objectContaining({ code: 'not_found' }) },
    ]);
    expect(await p.container.store.get(a!.id)).toMatchObject({ status: 'pending', labels: ['lote'] });
    expect((await send('POST', '/v1/feedback/bulk', { ids: [], changes: {} })).status).toBe(400);
  });
});
