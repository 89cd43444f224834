import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { HttpEvent, HttpResult } from './http.middleware.js';

/** `OUVIDOR_CORS_ORIGINS` (comma-separated) as a list of origin patterns. */
export const parseOrigins = (csv: string): string[] =>
  csv
    .split(',')
    .map((s) => s.trim().replace(/\/+$/, ''))
    .filter(Boolean);

/**
 * Whether `origin` (e.g. `http://localhost:5173`) is allowed by one of `patterns`: `*` (any), an
 * exact origin, or `scheme://host:*` (any port, or none). Case-insensitive; `null` never matches
 * a specific pattern.
 */
export function originAllowed(origin: string | undefined, patterns: readonly string[]): boolean {
  if (!origin) return false;
  const o = origin.trim().toLowerCase();
  const parsed = /^(https?):\/\/([^/:]+)(?::(\d{1,5}))?$/.exec(o);
  return patterns.some((raw) => {
    const p = raw.toLowerCase();
    if (p === '*') return true;
    if (!parsed) return false;
    if (p.endsWith(':*')) return p.slice(0, -2) === `${parsed[1]}://${parsed[2]}`;
    return p === o;
  });
}

const ALLOW_HEADERS = 'content-type, idempotency-key';

/**
 * CORS for a public route called from other origins (the feedback widget). An allowed origin
 * gets `access-control-allow-origin: <origin>` (+ `vary: origin`) on every answer, errors
 * included, and its `OPTIONS` preflight a 204 naming the method and headers; any other origin
 * gets no CORS headers, so the browser blocks it. (On AWS the HTTP API's `corsPreflight` answers
 * preflights from the same allowlist.)
 */
export const cors = (opts: { origins: () => readonly string[]; methods: readonly string[] }): MiddlewareObj<HttpEvent, HttpResult, Error, Context> => {
  const decorate = (event: HttpEvent, response: HttpResult | null | undefined) => {
    if (!response) return;
    const origin = event.headers?.origin;
    const headers = { ...(response.headers ?? {}) } as Record<string, string | number | boolean>;
    headers.vary = headers.vary ? `${String(headers.vary)}, origin` : 'origin';
    if (originAllowed(origin, opts.origins())) headers['access-control-allow-origin'] = origin!;
    response.headers = headers;
  };
  return {
    before: async (request) => {
      if (request.event.requestContext.http.method !== 'OPTIONS') return undefined;
      const origin = request.event.headers?.origin;
      const allowed = originAllowed(origin, opts.origins());
      return {
        statusCode: 204,
        headers: {
          vary: 'origin',
          ...(allowed && {
            'access-control-allow-origin': origin!,
            'access-control-allow-methods': [...opts.methods, 'OPTIONS'].join(', '),
            'access-control-allow-headers': ALLOW_HEADERS,
            'access-control-max-age': '3600',
          }),
        },
      };
    },
    after: async (request) => decorate(request.event, request.response),
    onError: async (request) => decorate(request.event, request.response),
  };
};
