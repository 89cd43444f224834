import type { Context } from 'aws-lambda';

/** A Lambda handler as the HTTP API invokes it (API Gateway v2 payload). */
export type HttpHandler = (event: never, context: Context) => Promise<unknown>;

export interface Route {
  readonly method: string;
  /** API Gateway route path, with `{name}` parameters. */
  readonly path: string;
  readonly functionName: string;
  readonly load: () => Promise<{ handler: HttpHandler }>;
}

/**
 * Routes the local runtime serves but the AWS HTTP API does not declare (the CDK/local parity test
 * excludes exactly these): the local sign-in (Cognito SRP on AWS) and the widget's CORS preflight
 * (answered by the HTTP API's `corsPreflight` on AWS).
 */
export const LOCAL_ONLY_ROUTE_KEYS: readonly string[] = ['POST /v1/auth/login', 'OPTIONS /v1/feedback', 'POST /v1/local/metrics/rebuild', 'POST /v1/local/seed', 'GET /v1/local/progress', 'POST /v1/local/email-events'];

/** Users, login, canned replies, the OpenAPI document and the widget's preflight. */
const TEAM_ROUTES: readonly Route[] = [
  { method: 'OPTIONS', path: '/v1/feedback', functionName: 'ingest-web', load: () => import('../functions/ingest-web/ingest-web.handler.js') },
  { method: 'POST', path: '/v1/auth/login', functionName: 'login', load: () => import('./admin/login.handler.js') },
  { method: 'GET', path: '/v1/users', functionName: 'users', load: () => import('../functions/users/users.handler.js') },
  { method: 'POST', path: '/v1/users', functionName: 'users', load: () => import('../functions/users/users.handler.js') },
  { method: 'GET', path: '/v1/canned-replies', functionName: 'canned-replies', load: () => import('../functions/canned-replies/canned-replies.handler.js') },
  { method: 'POST', path: '/v1/canned-replies', functionName: 'canned-replies', load: () => import('../functions/canned-replies/canned-replies.handler.js') },
  { method: 'PUT', path: '/v1/canned-replies/{id}', functionName: 'canned-replies', load: () => import('../functions/canned-replies/canned-replies.handler.js') },
  { method: 'DELETE', path: '/v1/canned-replies/{id}', functionName: 'canned-replies', load: () => import('../functions/canned-replies/canned-replies.handler.js') },
  { method: 'GET', path: '/v1/openapi.json', functionName: 'openapi', load: () => import('../functions/openapi/openapi.handler.js') },
  { method: 'POST', path: '/v1/local/metrics/rebuild', functionName: 'metrics-rebuild', load: () => import('./admin/metrics-rebuild.handler.js') },
  { method: 'POST', path: '/v1/local/seed', functionName: 'seed-data', load: () => import('./admin/seed-data.handler.js') },
  { method: 'GET', path: '/v1/local/progress', functionName: 'job-progress', load: () => import('./admin/job-progress.handler.js') },
  { method: 'POST', path: '/v1/local/email-events', functionName: 'email-event', load: () => import('./admin/email-event.handler.js') },
];

/** The HTTP API's routes, as infra/service.stack.ts declares them on AWS. */
export const ROUTES: readonly Route[] = [
  ...TEAM_ROUTES,
  { method: 'POST', path: '/v1/feedback', functionName: 'ingest-web', load: () => import('../functions/ingest-web/ingest-web.handler.js') },
  { method: 'GET', path: '/v1/feedback/{id}', functionName: 'get-feedback', load: () => import('../functions/get-feedback/get-feedback.handler.js') },
  { method: 'GET', path: '/v1/feedback', functionName: 'list-feedback', load: () => import('../functions/list-feedback/list-feedback.handler.js') },
  { method: 'PATCH', path: '/v1/feedback/{id}', functionName: 'patch-feedback', load: () => import('../functions/patch-feedback/patch-feedback.handler.js') },
  { method: 'POST', path: '/v1/feedback/bulk', functionName: 'bulk-triage', load: () => import('../functions/bulk-triage/bulk-triage.handler.js') },
  { method: 'POST', path: '/v1/feedback/{id}/replies', functionName: 'reply-feedback', load: () => import('../functions/reply-feedback/reply-feedback.handler.js') },
  { method: 'POST', path: '/v1/feedback/{id}/notes', functionName: 'add-note', load: () => import('../functions/add-note/add-note.handler.js') },
  { method: 'GET', path: '/v1/channels/social/{provider}', functionName: 'social-webhook', load: () => import('../functions/social-webhook/social-webhook.handler.js') },
  { method: 'POST', path: '/v1/channels/social/{provider}', functionName: 'social-webhook', load: () => import('../functions/social-webhook/social-webhook.handler.js') },
  { method: 'POST', path: '/v1/channels/email', functionName: 'ingest-email', load: () => import('../functions/ingest-email/ingest-email.handler.js') },
  { method: 'POST', path: '/v1/channels/phone', functionName: 'ingest-phone', load: () => import('../functions/ingest-phone/ingest-phone.handler.js') },
  { method: 'GET', path: '/v1/feedback/{id}/original', functionName: 'get-original', load: () => import('../functions/get-original/get-original.handler.js') },
  { method: 'GET', path: '/v1/outbox', functionName: 'list-outbox', load: () => import('../functions/list-outbox/list-outbox.handler.js') },
  { method: 'GET', path: '/v1/admin/{name}', functionName: 'admin-config', load: () => import('../functions/admin-config/admin-config.handler.js') },
  { method: 'PUT', path: '/v1/admin/{name}', functionName: 'admin-config', load: () => import('../functions/admin-config/admin-config.handler.js') },
  { method: 'GET', path: '/v1/customers/{id}', functionName: 'get-customer', load: () => import('../functions/get-customer/get-customer.handler.js') },
  { method: 'DELETE', path: '/v1/customers/{id}/unreachable/{address}', functionName: 'clear-unreachable', load: () => import('../functions/clear-unreachable/clear-unreachable.handler.js') },
  { method: 'POST', path: '/v1/surveys', functionName: 'create-survey', load: () => import('../functions/create-survey/create-survey.handler.js') },
  { method: 'GET', path: '/v1/surveys/{token}', functionName: 'answer-survey', load: () => import('../functions/answer-survey/answer-survey.handler.js') },
  { method: 'POST', path: '/v1/surveys/{token}', functionName: 'answer-survey', load: () => import('../functions/answer-survey/answer-survey.handler.js') },
  { method: 'GET', path: '/standards', functionName: 'standards-page', load: () => import('../functions/standards-page/standards-page.handler.js') },
  { method: 'GET', path: '/v1/metrics', functionName: 'get-metrics', load: () => import('../functions/get-metrics/get-metrics.handler.js') },
];

export interface RouteMatch {
  readonly route: Route;
  readonly pathParameters: Record<string, string>;
}

const compiled = ROUTES.map((route) => {
  const names: string[] = [];
  const pattern = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, names, regex: new RegExp(`^${pattern}/?$`) };
});

/** The route for a request; `methodMismatch` when the path exists with other methods. */
export function matchRoute(method: string, path: string): RouteMatch | { methodMismatch: string[] } | undefined {
  const hits = compiled.filter((c) => c.regex.test(path));
  const hit = hits.find((c) => c.route.method === method);
  if (!hit) return hits.length > 0 ? { methodMismatch: hits.map((h) => h.route.method) } : undefined;
  const values = hit.regex.exec(path)!.slice(1);
  return { route: hit.route, pathParameters: Object.fromEntries(hit.names.map((n, i) => [n, decodeURIComponent(values[i] ?? '')])) };
}
