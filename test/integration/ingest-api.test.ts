import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

// Processing paused: these tests look at what the API accepts, stores and queues.
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ pauseProcessing: true });
});
afterAll(() => p?.stop());

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; details?: { field: string }[] } }).error;

describe('POST /v1/feedback', () => {
  it('accepts JSON with 202, stores a received record and queues it', async () => {
    const [items, depth] = [await p.tableCount(), await p.queueDepth()];
    const res = await p.post('/v1/feedback', { text: 'A entrega atrasou.', customer: { email: 'ana@example.com' } });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { id: string; status: string };
    expect(body.status).toBe('accepted');
    expect(res.headers.get('location')).toBe(`/v1/feedback/${body.id}`);
    expect(await p.tableCount()).toBe(items + 1);
    expect(await p.queueDepth()).toBe(depth + 1);
    const stored = await p.container.store.get(body.id);
    expect(stored).toMatchObject({ id: body.id, channel: 'api', stage: 'received', text: 'A entrega atrasou.' });
  });

  it('answers a plain HTML form with a thank-you page in the customer language', async () => {
    const res = await fetch(`${p.url}/v1/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: 'text=Adorei+o+atendimento&language=pt-BR&nps=10',
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const page = await res.text();
    expect(page).toContain('Obrigado pela sua opinião!');
    const id = /protocolo ([0-9A-Z]{26})/.exec(page)?.[1];
    expect(await p.container.store.get(id!)).toMatchObject({ channel: 'web', rating: { type: 'nps', score: 10 } });
  });

  it('answers a form post without Accept: text/html with JSON', async () => {
    const res = await fetch(`${p.url}/v1/feedback`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'text=Hi' });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { status: string }).status).toBe('accepted');
  });

  it('returns the same id for a retried Idempotency-Key and creates nothing new', async () => {
    const headers = { 'idempotency-key': 'retry-42' };
    const first = (await (await p.post('/v1/feedback', { text: 'Once only' }, headers)).json()) as { id: string };
    const count = await p.tableCount();
    const again = await p.post('/v1/feedback', { text: 'Once only' }, headers);
    expect(again.status).toBe(202);
    expect(((await again.json()) as { id: string }).id).toBe(first.id);
    expect(await p.tableCount()).toBe(count);
    const reused = await p.post('/v1/feedback', { text: 'Something else' }, headers);
    expect(reused.status).toBe(422);
    expect((await errorOf(reused)).code).toBe('idempotency_key_reused');
  });

  const bad: [string, string | object, Record<string, string>, number, string][] = [
    ['empty text', { text: '' }, {}, 400, 'text'],
    ['whitespace text', { text: '  \n ' }, {}, 400, 'text'],
    ['text over 20,000 characters', { text: 'a'.repeat(20_001) }, {}, 400, 'text'],
    ['a number for text', { text: 12 }, {}, 400, 'text'],
    ['an unknown rating type', { text: 'ok', rating: { type: 'stars', score: 4 } }, {}, 400, 'rating.type'],
    ['NPS 11', { text: 'ok', rating: { type: 'nps', score: 11 } }, {}, 400, 'rating.score'],
    ['CSAT 0', { text: 'ok', rating: { type: 'csat', score: 0 } }, {}, 400, 'rating.score'],
    ['malformed JSON', '{"text": "oi"', {}, 400, 'malformed_body'],
    ['an empty body', '', {}, 400, 'malformed_body'],
    ['a body over 256 KB', { text: 'ok', metadata: { pad: 'x'.repeat(300 * 1024) } }, {}, 413, 'payload_too_large'],
    ['a body over the server limit', 'x'.repeat(7 * 1024 * 1024), {}, 413, 'payload_too_large'],
    ['a wrong content type', 'text=oi', { 'content-type': 'text/plain' }, 415, 'unsupported_media_type'],
  ];
  it.each(bad)('refuses %s with a JSON error naming it, storing and queueing nothing', async (_, body, headers, status, what) => {
    const [items, depth] = [await p.tableCount(), await p.queueDepth()];
    const res = await p.post('/v1/feedback', body, headers);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const error = await errorOf(res);
    expect([error.code, ...(error.details ?? []).map((d) => d.field)]).toContain(what);
    expect(await p.tableCount()).toBe(items);
    expect(await p.queueDepth()).toBe(depth);
  });

  it('keeps serving after bad input', async () => {
    expect((await p.post('/v1/feedback', { text: 'still here' })).status).toBe(202);
  });

  it('answers unknown routes and methods with JSON', async () => {
    expect((await fetch(`${p.url}/v1/nothing`)).status).toBe(404);
    const res = await fetch(`${p.url}/v1/feedback`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect((await errorOf(res)).code).toBe('method_not_allowed');
  });
});

describe('GET /v1/feedback/{id} auth', () => {
  it('needs a valid token and an allowed role', async () => {
    const { id } = (await (await p.post('/v1/feedback', { text: 'auth check' })).json()) as { id: string };
    const path = `/v1/feedback/${id}`;
    expect((await p.get(path)).status).toBe(401);
    expect((await fetch(`${p.url}${path}`, { headers: { authorization: 'Bearer not.a.jwt' } })).status).toBe(401);
    const forged = (await p.token('admin')).slice(0, -4) + 'AAAA';
    expect((await fetch(`${p.url}${path}`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
    const noRole = await fetch(`${p.url}${path}`, { headers: { authorization: `Bearer ${await p.token('none')}` } });
    expect(noRole.status).toBe(403);
    expect((await errorOf(noRole)).code).toBe('forbidden');
    const ok = await p.get(path, 'agent');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id, stage: 'received', text: 'auth check' });
    expect((await p.get(path, 'admin')).status).toBe(200);
  });

  it('answers 404 for an unknown id', async () => {
    expect((await p.get('/v1/feedback/01JZZZZZZZZZZZZZZZZZZZZZZZ', 'agent')).status).toBe(404);
    expect((await p.get('/v1/feedback/nope', 'agent')).status).toBe(404);
  });
});
