import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { lambdaContext } from './lambda-context.js';
import { matchRoute } from './routes.js';

/** What the local server refuses to buffer at all (Lambda's payload limit; handlers set lower ones). */
export const BRIDGE_MAX_BYTES = 6 * 1024 * 1024;
const TEXT_TYPES = /^(text\/|application\/(json|x-www-form-urlencoded|xml)|message\/rfc822)/i;

const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
};

async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BRIDGE_MAX_BYTES) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The API Gateway HTTP API (payload 2.0) event for a Node request, as Lambda would receive it. */
export function toApiGatewayEvent(req: IncomingMessage, url: URL, body: Buffer, routeKey: string, pathParameters: Record<string, string>): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && k !== 'cookie') headers[k] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  const isText = TEXT_TYPES.test(headers['content-type'] ?? 'text/plain');
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(req.headers.cookie && { cookies: req.headers.cookie.split(/;\s*/) }),
    headers,
    ...(Object.keys(query).length > 0 && { queryStringParameters: query }),
    ...(Object.keys(pathParameters).length > 0 && { pathParameters }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: { method: req.method ?? 'GET', path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 && { body: isText ? body.toString('utf8') : body.toString('base64') }),
    isBase64Encoded: body.length > 0 && !isText,
  };
}

type Result = { statusCode?: number; headers?: Record<string, string | number | boolean>; body?: string; isBase64Encoded?: boolean; cookies?: string[] };

/** Writes a Lambda result the way API Gateway does (a bare object or string is JSON 200). */
export function writeResult(res: ServerResponse, result: unknown): void {
  const structured = result && typeof result === 'object' && 'statusCode' in result;
  if (!structured) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(typeof result === 'string' ? result : JSON.stringify(result ?? null));
    return;
  }
  const r = result as Result;
  const headers: Record<string, string | string[]> = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k, String(v)]));
  if (r.cookies?.length) headers['set-cookie'] = r.cookies;
  res.writeHead(r.statusCode ?? 200, headers);
  res.end(r.body === undefined ? undefined : r.isBase64Encoded ? Buffer.from(r.body, 'base64') : r.body);
}

export type StaticPage = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

/** A Node request listener that serves the same handlers Lambda runs. */
export function httpBridge(opts: { staticPages?: StaticPage; onError: (e: unknown) => void }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const method = req.method ?? 'GET';
      const match = matchRoute(method, url.pathname);
      if (!match || 'methodMismatch' in match) {
        if (!match && opts.staticPages?.(req, res, url)) return;
        if (match) return sendJson(res, 405, { error: { code: 'method_not_allowed', message: `Use ${match.methodMismatch.join(' or ')}.` } }, { allow: match.methodMismatch.join(', ') });
        return sendJson(res, 404, { error: { code: 'not_found', message: `No route for ${method} ${url.pathname}.` } });
      }
      const body = await readBody(req);
      if (body === 'too-large') {
        res.setHeader('connection', 'close');
        return sendJson(res, 413, { error: { code: 'payload_too_large', message: `The body is larger than ${BRIDGE_MAX_BYTES} bytes.` } });
      }
      const { route, pathParameters } = match;
      const event = toApiGatewayEvent(req, url, body, `${route.method} ${route.path}`, pathParameters);
      const { handler } = await route.load();
      writeResult(res, await handler(event as never, lambdaContext(route.functionName, 29_000)));
    } catch (e) {
      opts.onError(e);
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal_error', message: 'Something went wrong on our side.' } });
      else res.end();
    }
  };
}
