/**
 * The widget's honeypot: a `website` field hidden from people (CSS) that bots fill in. A filled
 * one means the request is answered as if accepted, and nothing is stored or queued.
 */
export const HONEYPOT_FIELD = 'website';

/** The honeypot's value in a JSON object or a form, trimmed ('' when absent). */
export function honeypotValue(body: unknown): string {
  const v = body instanceof URLSearchParams ? body.get(HONEYPOT_FIELD) : body && typeof body === 'object' ? (body as Record<string, unknown>)[HONEYPOT_FIELD] : undefined;
  return typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : String(v);
}

/** A JSON body without the (empty) honeypot field, so the strict feedback schema accepts it. */
export function withoutHoneypot(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body) || !(HONEYPOT_FIELD in body)) return body;
  const { [HONEYPOT_FIELD]: _ignored, ...rest } = body as Record<string, unknown>;
  return rest;
}
