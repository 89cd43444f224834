/** The API client: base URL from config.json (deploy time) or the console's own origin; bearer token in sessionStorage. */
import { AuthError, CognitoAuth, isExpired, parseAuthConfig, tokenClaims, type AuthConfig, type CognitoTokens, type SessionUser } from './auth';

export { tokenClaims };

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
const REFRESH_KEY = 'ouvidor.refresh';
let apiBase = '';
let authConfig: AuthConfig = { kind: 'local' };
let cognito: CognitoAuth | undefined;
let onUnauthorized: () => void = () => {};

export async function loadConfig(): Promise<void> {
  try {
    const res = await fetch('/config.json', { cache: 'no-cache' });
    if (!res.ok) return;
    const cfg = (await res.json()) as { apiBaseUrl?: unknown; auth?: unknown };
    if (typeof cfg.apiBaseUrl === 'string') apiBase = cfg.apiBaseUrl.replace(/\/+$/, '');
    authConfig = parseAuthConfig(cfg.auth);
    cognito = authConfig.kind === 'cognito' ? new CognitoAuth(authConfig) : undefined;
  } catch {
    // No config: the API is on this origin.
  }
}

/** An absolute URL on the API's origin (`config.json` `apiBaseUrl`; '' locally: this origin). */
export const apiUrl = (path: string): string => `${apiBase}${path}`;

export const setUnauthorizedHandler = (fn: () => void): void => {
  onUnauthorized = fn;
};

/** How this deployment signs in (config.json `auth`): the local login route or Cognito. */
export const authKind = (): AuthConfig['kind'] => authConfig.kind;
/** The Cognito client, when config.json says `auth.kind: 'cognito'`. */
export const cognitoAuth = (): CognitoAuth | undefined => cognito;

export function currentSession(): Session | undefined {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return undefined;
  const claims = tokenClaims(token);
  // An expired Cognito id token with a refresh token is kept: the next API call refreshes it.
  if (claims.exp !== undefined && claims.exp * 1000 < Date.now() && !(cognito && sessionStorage.getItem(REFRESH_KEY))) {
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

/** A Cognito sign-in: the id token is the bearer token; the refresh token renews it. */
export function saveCognitoSession(tokens: CognitoTokens, user: SessionUser): void {
  saveSession(tokens.idToken, user);
  if (tokens.refreshToken) sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(USER_KEY);
  sessionStorage.removeItem(REFRESH_KEY);
}

let refreshing: Promise<string | undefined> | undefined;

/** The bearer token, refreshed first (once, shared by concurrent calls) when a Cognito id token is about to expire. */
async function bearerToken(): Promise<string | null> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  if (!token || !cognito || !refreshToken || !isExpired(token)) return token;
  const client = cognito;
  refreshing ??= client
    .refresh(refreshToken)
    .then((tokens) => {
      sessionStorage.setItem(TOKEN_KEY, tokens.idToken);
      return tokens.idToken;
    })
    .catch((err: unknown) => {
      // A revoked or expired refresh token: sign out cleanly (the API would answer 401 anyway).
      if (err instanceof AuthError && err.reason !== 'unavailable') return undefined;
      return token;
    })
    .finally(() => {
      refreshing = undefined;
    });
  const fresh = await refreshing;
  if (fresh === undefined) {
    onUnauthorized();
    throw new ApiError(401, 'session_expired', 'The session expired.');
  }
  return fresh;
}

export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const token = path.startsWith('/v1/auth/') ? null : await bearerToken();
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
