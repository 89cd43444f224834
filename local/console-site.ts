import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StaticPage } from './http-bridge.js';
import { landingPage } from './landing.page.js';

/** Where `npm run build:console` (and `prepare`) puts the console and the widget. */
export const CONSOLE_DIST = fileURLToPath(new URL('../console/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** The console's Content-Security-Policy: its own scripts and styles only; it talks to its own origin's API. */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function send(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer | string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Serves the built console (SPA: unknown non-API paths get index.html) and the widget, plus
 * `/health`, and the simple public feedback form at `/feedback`. Without a build (`console/dist`
 * missing) `/` falls back to that form, so the platform still answers.
 */
export function consoleSite(dist: string = CONSOLE_DIST): StaticPage {
  const root = resolve(dist);
  return (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = url.pathname;
    if (path === '/health') return landingPage(req, res, url);
    if (path === '/feedback') return landingPage(req, res, new URL(`/${url.search}`, url));
    if (path.startsWith('/v1/') || path === '/v1') return false;
    const index = join(root, 'index.html');
    if (!existsSync(index)) return path === '/' ? landingPage(req, res, url) : false;

    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return false;
    }
    const file = resolve(root, `.${decoded}`);
    const inside = file === root || file.startsWith(root + sep);
    if (inside && file !== root && existsSync(file) && statSync(file).isFile()) {
      const ext = extname(file);
      const name = file.slice(root.length + 1);
      const cache = name.startsWith(`assets${sep}`)
        ? 'public, max-age=31536000, immutable'
        : name === 'widget.js'
          ? 'public, max-age=300'
          : 'no-cache';
      const headers: Record<string, string> = { 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': cache };
      if (name === 'widget.js') headers['cross-origin-resource-policy'] = 'cross-origin';
      if (ext === '.html') headers['content-security-policy'] = CONSOLE_CSP;
      send(req, res, 200, headers, readFileSync(file));
      return true;
    }
    // Locally the API is on the console's own origin and sign-in is POST /v1/auth/login; on AWS config.json (with Cognito) is written at deploy time.
    if (decoded === '/config.json') {
      send(req, res, 200, { 'content-type': TYPES['.json']!, 'cache-control': 'no-cache' }, JSON.stringify({ apiBaseUrl: '', auth: { kind: 'local' } }));
      return true;
    }
    // A missing file with an extension (a stale asset) is a 404, not the app.
    if (extname(decoded) !== '') {
      send(req, res, 404, { 'content-type': TYPES['.txt']!, 'cache-control': 'no-cache' }, 'Not found');
      return true;
    }
    send(req, res, 200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache', 'content-security-policy': CONSOLE_CSP }, readFileSync(index));
    return true;
  };
}
