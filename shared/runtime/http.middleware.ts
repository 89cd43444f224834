import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { Principal, Role } from '../domain/auth.schema.js';
import {
  ForbiddenError,
  isOuvidorError,
  MalformedBodyError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
} from '../domain/errors.js';
import type { Log } from '../ports/logger.port.js';
import type { TokenVerifier } from '../ports/token-verifier.port.js';

export type HttpResult = Exclude<APIGatewayProxyResultV2, string>;
export type ParsedBody =
  | { kind: 'json'; value: unknown; text: string }
  | { kind: 'form'; value: URLSearchParams }
  | { kind: 'rfc822'; value: Uint8Array }
  | { kind: 'yaml'; value: string };
/** The API Gateway v2 event with what the middlewares below add. */
export type HttpEvent = APIGatewayProxyEventV2 & { parsedBody?: ParsedBody; principal?: Principal };
type HttpMiddleware = MiddlewareObj<HttpEvent, HttpResult, Error, Context>;

export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

export const html = (statusCode: number, page: string): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" },
  body: page,
});

/**
 * Every error becomes `{"error": {code, message, details}}` with its status; unknown errors are
 * logged and answered 500 without internals. (Own middleware rather than @middy/http-error-handler,
 * which answers plain text and has no place for the per-field details.)
 */
export const jsonErrors = (log: Log): HttpMiddleware => ({
  onError: async (request) => {
    const e = request.error;
    if (isOuvidorError(e)) {
      if (e.status >= 500) log.error(e.message, { code: e.code, cause: String(e.cause) });
      request.response = json(e.status, { error: { code: e.code, message: e.message, ...(e.details.length > 0 && { details: e.details }) } });
      return;
    }
    log.error('unhandled error', { error: e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : String(e) });
    request.response = json(500, { error: { code: 'internal_error', message: 'Something went wrong on our side; nothing was lost. Retry later.' } });
  },
});

const TYPES = { json: 'application/json', form: 'application/x-www-form-urlencoded', rfc822: 'message/rfc822', yaml: 'application/yaml' } as const;

/**
 * Decodes a JSON or HTML-form body within a size limit, answering 413/415/400 with the reason.
 * (One middleware for both types, instead of @middy's json and urlencode parsers, because this
 * route takes either and must answer every refusal as JSON naming the problem.)
 */
export const readBody = (opts: { maxBytes: number; accept: ReadonlyArray<keyof typeof TYPES> }): HttpMiddleware => ({
  before: async (request) => {
    const event = request.event;
    const raw = event.body ?? '';
    const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
    if (bytes.length > opts.maxBytes) throw new PayloadTooLargeError(opts.maxBytes);
    const contentType = event.headers?.['content-type']?.split(';')[0]?.trim().toLowerCase();
    const accepted = opts.accept.map((k) => TYPES[k]);
    const kind = opts.accept.find((k) => TYPES[k] === contentType);
    if (!kind) throw new UnsupportedMediaTypeError(contentType, accepted);
    if (kind === 'rfc822') {
      if (bytes.length === 0) throw new MalformedBodyError('The body is empty; send a raw RFC 822 message.');
      event.parsedBody = { kind, value: new Uint8Array(bytes) };
      return;
    }
    const text = bytes.toString('utf8');
    if (kind === 'yaml') {
      event.parsedBody = { kind, value: text };
      return;
    }
    if (kind === 'form') {
      event.parsedBody = { kind, value: new URLSearchParams(text) };
      return;
    }
    if (text.trim() === '') throw new MalformedBodyError('The body is empty; send a JSON object.');
    try {
      event.parsedBody = { kind, value: JSON.parse(text) as unknown, text };
    } catch (cause) {
      throw new MalformedBodyError(`The body is not valid JSON: ${(cause as Error).message}`, { cause });
    }
  },
});

/** Requires `Authorization: Bearer <jwt>` from a caller holding one of `roles`. */
export const requireRole = (verifier: () => TokenVerifier, roles: readonly Role[]): HttpMiddleware => ({
  before: async (request) => {
    const header = request.event.headers?.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new UnauthorizedError();
    const principal = await verifier().verify(match[1]);
    if (!principal.roles.some((r) => roles.includes(r))) throw new ForbiddenError(`This needs one of the roles: ${roles.join(', ')}.`);
    request.event.principal = principal;
  },
});
