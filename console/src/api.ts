/** The API client: base URL from config.json (deploy time) or the console's own origin; bearer token in sessionStorage. */

export interface ApiErrorBody {
  error?: { code?: string; message?: string; details?: { field?: string; message?: string }[] };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Session {
  readonly token: string;
  readonly user: { email?: string; name?: string; role?: string; sub: string };
}

const TOKEN_KEY = 'ouvidor.token';
const USER_KEY = 'ouvidor.user';
let apiBase = '';
let onUnauthorized: () => void = () => {};

export async function loadConfig(): Promise<void> {
  try {
    const res = await fetch('/config.json', { cache: 'no-cache' });
    if (!res.ok) return;
    const cfg = (await res.json()) as { apiBaseUrl?: unknown };
    if (typeof cfg.apiBaseUrl === 'string') apiBase = cfg.apiBaseUrl.replace(/\/+$/, '');
  } catch {
    // No config: the API is on this origin.
  }
}

export const setUnauthorizedHandler = (fn: () => void): void => {
  onUnauthorized = fn;
};

/** The JWT's claims (not verified here: the API verifies every call). */
export function tokenClaims(token: string): { sub?: string; exp?: number; email?: string; name?: string; 'cognito:groups'?: string[]; roles?: string[] } {
  try {
    const part = token.split('.')[1] ?? '';
    const bin = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)))) as ReturnType<typeof tokenClaims>;
  } catch {
    return {};
  }
}

export function currentSession(): Session | undefined {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return undefined;
  const claims = tokenClaims(token);
  if (claims.exp !== undefined && claims.exp * 1000 < Date.now()) {
    clearSession();
    return undefined;
  }
  let user: Partial<Session['user']> = {};
  try {
    user = JSON.parse(sessionStorage.getItem(USER_KEY) ?? '{}') as Partial<Session['user']>;
  } catch {
    user = {};
  }
  return { token, user: { ...user, sub: claims.sub ?? user.email ?? '' } };
}

export function saveSession(token: string, user: { email?: string; name?: string; role?: string } = {}): void {
  sessionStorage.setItem(TOKEN_KEY, token);
  sessionStorage.setItem(USER_KEY, JSON.stringify(user));
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(USER_KEY);
}

export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const res = await fetch(`${apiBase}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(token && { authorization: `Bearer ${token}` }),
      ...headers,
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const err = (json as ApiErrorBody | undefined)?.error;
    if (res.status === 401 && !path.startsWith('/v1/auth/')) onUnauthorized();
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? res.statusText);
  }
  return json as T;
}

export const query = (params: Record<string, string | undefined>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
};
