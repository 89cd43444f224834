import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_SAMPLES } from '../support/api-samples.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  delete process.env.OUVIDOR_CORS_ORIGINS; // the local default: http://localhost:* and http://127.0.0.1:*
  p = await startTestPlatform({ pauseProcessing: true });
});
afterAll(() => p?.stop());

interface Reply {
  id: string;
  title: string;
  locale: string;
  version: number;
}
const call = async (method: string, path: string, role: 'admin' | 'agent', body?: object, headers: Record<string, string> = {}) =>
  fetch(`${p.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${await p.token(role)}`, ...(body && { 'content-type': 'application/json' }), ...headers },
    ...(body && { body: JSON.stringify(body) }),
  });

describe('canned replies', () => {
  it('the first list seeds pt-BR and English defaults, once; ?locale filters', async () => {
    const all = ((await (await call('GET', '/v1/canned-replies', 'agent')).json()) as { items: Reply[] }).items;
    expect(new Set(all.map((r) => r.locale))).toEqual(new Set(['pt-BR', 'en']));
    const again = ((await (await call('GET', '/v1/canned-replies', 'admin')).json()) as { items: Reply[] }).items;
    expect(again).toHaveLength(all.length);
    const pt = ((await (await call('GET', '/v1/canned-replies?locale=pt-BR', 'agent')).json()) as { items: Reply[] }).items;
    expect(pt.length).toBeGreaterThan(0);
    expect(pt.every((r) => r.locale === 'pt-BR')).toBe(true);
    const bad = await call('GET', '/v1/canned-replies?locale=es', 'agent');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { field: string }[] } }).error.details[0]?.field).toBe('locale');
  });

  it('admins create, update with If-Match (409 on a stale version) and delete; agents get 403 on writes', async () => {
    const created = await call('POST', '/v1/canned-replies', 'admin', API_SAMPLES['POST /v1/canned-replies'] as object);
    expect(created.status).toBe(201);
    const reply = (await created.json()) as Reply;
    expect(reply).toMatchObject({ title: 'Prazo de entrega', locale: 'pt-BR', version: 1 });
    expect(created.headers.get('location')).toBe(`/v1/canned-replies/${reply.id}`);

    const path = `/v1/canned-replies/${reply.id}`;
    const update = API_SAMPLES['PUT /v1/canned-replies/{id}'] as object;
    const updated = await call('PUT', path, 'admin', update, { 'if-match': '"1"' });
    expect(updated.status).toBe(200);
    expect(((await updated.json()) as Reply).version).toBe(2);
    const stale = await call('PUT', path, 'admin', update, { 'if-match': '1' });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('version_conflict');
    expect((await call('PUT', path, 'admin', update)).status).toBe(428);
    const invalid = await call('PUT', path, 'admin', { title: '', locale: 'pt-BR', text: 'x' }, { 'if-match': '2' });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { details: { field: string }[] } }).error.details.map((d) => d.field)).toEqual(['title']);

    expect((await call('POST', '/v1/canned-replies', 'agent', API_SAMPLES['POST /v1/canned-replies'] as object)).status).toBe(403);
    expect((await call('PUT', path, 'agent', update, { 'if-match': '2' })).status).toBe(403);
    expect((await call('DELETE', path, 'agent')).status).toBe(403);

    expect((await call('DELETE', path, 'admin')).status).toBe(204);
    expect((await call('DELETE', path, 'admin')).status).toBe(404);
    expect((await call('PUT', path, 'admin', update, { 'if-match': '2' })).status).toBe(404);
    expect((await fetch(`${p.url}/v1/canned-replies`)).status).toBe(401);
  });
});

describe('widget intake: CORS and honeypot', () => {
  const preflight = (origin: string) =>
    fetch(`${p.url}/v1/feedback`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });

  it('answers the preflight of an allowed origin, and not of another', async () => {
    const ok = await preflight('http://localhost:5173');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    expect(ok.headers.get('access-control-allow-headers')).toContain('content-type');
    const denied = await preflight('https://evil.example');
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    expect(denied.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('adds the allowed origin (and vary: origin) to POST answers, errors included; nothing for another origin', async () => {
    const ok = await p.post('/v1/feedback', { text: 'Widget: adorei!' }, { origin: 'http://127.0.0.1:8080' });
    expect(ok.status).toBe(202);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8080');
    expect(ok.headers.get('vary')).toMatch(/origin/i);
    const invalid = await p.post('/v1/feedback', { text: '' }, { origin: 'http://localhost:5173' });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const other = await p.post('/v1/feedback', { text: 'Widget: de outro site' }, { origin: 'https://evil.example' });
    expect(other.status).toBe(202);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a filled honeypot gets a plausible 202 and nothing is stored or queued (JSON and form)', async () => {
    const items = await p.feedbackCount();
    const queued = await p.queueDepth();
    const json = await p.post('/v1/feedback', { text: 'Compre já', website: 'http://spam.example' }, { origin: 'http://localhost:5173' });
    expect(json.status).toBe(202);
    const { id, status } = (await json.json()) as { id: string; status: string };
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(status).toBe('accepted');
    expect(json.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const form = await p.post('/v1/feedback', 'text=Compre+j%C3%A1&website=spam', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(202);
    expect(await p.container.store.get(id)).toBeUndefined();
    expect(await p.feedbackCount()).toBe(items);
    expect(await p.queueDepth()).toBe(queued);

    const human = await p.post('/v1/feedback', API_SAMPLES['POST /v1/feedback'] as object);
    expect(human.status).toBe(202);
    expect(await p.feedbackCount()).toBe(items + 1);
  });
});
