import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSite } from '../../../local/console-site.js';
import { httpBridge } from '../../../local/http-bridge.js';

describe('consoleSite (the console served by the local runtime)', () => {
  let server: Server;
  let base: string;
  let emptyServer: Server;
  let emptyBase: string;
  const listen = async (dist: string): Promise<[Server, string]> => {
    const s = createServer(httpBridge({ staticPages: consoleSite(dist), onError: () => {} }));
    await new Promise<void>((ok) => s.listen(0, '127.0.0.1', () => ok()));
    return [s, `http://127.0.0.1:${(s.address() as AddressInfo).port}`];
  };

  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'ouvidor-console-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(dist, 'widget.js'), '(function(){})()');
    writeFileSync(join(tmpdir(), 'secret.txt'), 'outside');
    [server, base] = await listen(dist);
    [emptyServer, emptyBase] = await listen(mkdtempSync(join(tmpdir(), 'ouvidor-console-empty-')));
  });
  afterAll(async () => {
    await new Promise((ok) => server.close(ok));
    await new Promise((ok) => emptyServer.close(ok));
  });

  it('serves index.html at / with a CSP and no-cache', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>console</title>');
  });

  it('answers SPA routes with index.html, hashed assets as immutable, the widget cross-origin', async () => {
    const spa = await fetch(`${base}/items/01ABC`);
    expect(spa.status).toBe(200);
    expect(await spa.text()).toContain('console');
    const asset = await fetch(`${base}/assets/index-abc.js`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const widget = await fetch(`${base}/widget.js`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
  });

  it('serves a default config.json (API on the same origin) and keeps /health', async () => {
    expect(await (await fetch(`${base}/config.json`)).json()).toEqual({ apiBaseUrl: '', auth: { kind: 'local' } });
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
  });

  it('never serves files outside the folder, and leaves /v1 to the API', async () => {
    const res = await fetch(`${base}/..%2fsecret.txt`);
    expect(await res.text()).not.toContain('outside');
    const api = await fetch(`${base}/v1/nothing-here`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('keeps the public form at /feedback, and at / when the console is not built', async () => {
    expect(await (await fetch(`${base}/feedback`)).text()).toContain('action="/v1/feedback"');
    expect(await (await fetch(`${emptyBase}/`)).text()).toContain('action="/v1/feedback"');
  });
});
