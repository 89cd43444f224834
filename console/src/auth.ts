/**
 * How the console signs in, from config.json: `local` (the embedded runtime's `POST /v1/auth/login`) or
 * `cognito` (the Cognito Identity Provider JSON API called with fetch: USER_PASSWORD_AUTH, the
 * NEW_PASSWORD_REQUIRED challenge, REFRESH_TOKEN_AUTH). DOM-free and import-free, so vitest can run it in node.
 */

export interface CognitoAuthConfig {
  readonly kind: 'cognito';
  readonly region: string;
  readonly userPoolId: string;
  readonly clientId: string;
}
export type AuthConfig = { readonly kind: 'local' } | CognitoAuthConfig;

export interface SessionUser {
  email?: string;
  name?: string;
  role?: string;
}

/** Tokens after a successful sign-in or refresh; `idToken` is the API's bearer token. */
export interface CognitoTokens {
  readonly idToken: string;
  readonly accessToken?: string;
  readonly refreshToken?: string;
  readonly expiresIn?: number;
}

export type SignInResult =
  | { readonly kind: 'signedIn'; readonly tokens: CognitoTokens; readonly user: SessionUser }
  | { readonly kind: 'newPasswordRequired'; readonly session: string; readonly username: string };

/** Why a Cognito call failed, as the console shows it. */
export type AuthErrorReason = 'credentials' | 'passwordPolicy' | 'expired' | 'unavailable';

export class AuthError extends Error {
  constructor(
    readonly reason: AuthErrorReason,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Fetch = (input: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

/** Reads `{kind: 'cognito', region, userPoolId, clientId}` or anything else as `local`. */
export function parseAuthConfig(value: unknown): AuthConfig {
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (v['kind'] === 'cognito' && [v['region'], v['userPoolId'], v['clientId']].every((s) => typeof s === 'string' && s !== '')) {
      return { kind: 'cognito', region: v['region'] as string, userPoolId: v['userPoolId'] as string, clientId: v['clientId'] as string };
    }
  }
  return { kind: 'local' };
}

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

/** Seconds of margin before `exp` at which a token counts as expired (clock skew, request time). */
export const EXPIRY_MARGIN_SECONDS = 60;

export function isExpired(token: string, now = Date.now(), marginSeconds = EXPIRY_MARGIN_SECONDS): boolean {
  const exp = tokenClaims(token).exp;
  return exp !== undefined && exp * 1000 - marginSeconds * 1000 <= now;
}

/** The header's user from an id token: name (else email), email, and the first known group as the role. */
export function userFromIdToken(idToken: string): SessionUser {
  const c = tokenClaims(idToken);
  const groups = c['cognito:groups'] ?? [];
  const role = groups.includes('admin') ? 'admin' : groups.includes('agent') ? 'agent' : groups[0];
  return { ...(c.email && { email: c.email }), ...((c.name ?? c.email) && { name: c.name ?? c.email }), ...(role && { role }) };
}

const WRONG_CREDENTIALS = new Set(['NotAuthorizedException', 'UserNotFoundException', 'PasswordResetRequiredException', 'UserNotConfirmedException']);

function authErrorOf(status: number, body: { __type?: string; message?: string; Message?: string } | undefined, refreshing: boolean): AuthError {
  // `__type` may be "com.amazonaws...#NotAuthorizedException" or the bare name.
  const code = (body?.__type ?? `http_${status}`).split('#').pop()!;
  const message = body?.message ?? body?.Message ?? code;
  if (code === 'InvalidPasswordException') return new AuthError('passwordPolicy', code, message);
  if (WRONG_CREDENTIALS.has(code)) return new AuthError(refreshing ? 'expired' : 'credentials', code, message);
  if (code === 'CodeMismatchException' || code === 'ExpiredCodeException') return new AuthError('expired', code, message);
  return new AuthError('unavailable', code, message);
}

interface InitiateAuthResponse {
  AuthenticationResult?: { IdToken?: string; AccessToken?: string; RefreshToken?: string; ExpiresIn?: number };
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
}

/** The Cognito Identity Provider JSON API (InitiateAuth, RespondToAuthChallenge) over fetch: no SDK in the bundle. */
export class CognitoAuth {
  private readonly endpoint: string;
  constructor(
    private readonly config: CognitoAuthConfig,
    private readonly fetchFn: Fetch = (input, init) => fetch(input, init),
  ) {
    this.endpoint = `https://cognito-idp.${config.region}.amazonaws.com/`;
  }

  private async call(target: 'InitiateAuth' | 'RespondToAuthChallenge', body: unknown, refreshing = false): Promise<InitiateAuthResponse> {
    let res: Awaited<ReturnType<Fetch>>;
    try {
      res = await this.fetchFn(this.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${target}` },
        body: JSON.stringify(body),
      });
    } catch (cause) {
      throw new AuthError('unavailable', 'network', cause instanceof Error ? cause.message : String(cause));
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) throw authErrorOf(res.status, json as Parameters<typeof authErrorOf>[1], refreshing);
    return (json ?? {}) as InitiateAuthResponse;
  }

  private result(res: InitiateAuthResponse, username: string, refreshToken?: string): SignInResult {
    const r = res.AuthenticationResult;
    if (r?.IdToken) {
      const tokens: CognitoTokens = {
        idToken: r.IdToken,
        ...(r.AccessToken && { accessToken: r.AccessToken }),
        ...((r.RefreshToken ?? refreshToken) && { refreshToken: r.RefreshToken ?? refreshToken }),
        ...(r.ExpiresIn !== undefined && { expiresIn: r.ExpiresIn }),
      };
      return { kind: 'signedIn', tokens, user: userFromIdToken(r.IdToken) };
    }
    if (res.ChallengeName === 'NEW_PASSWORD_REQUIRED' && res.Session) {
      // Cognito names the user by its internal username (the sub) in the challenge; answer with that.
      return { kind: 'newPasswordRequired', session: res.Session, username: res.ChallengeParameters?.['USER_ID_FOR_SRP'] ?? username };
    }
    throw new AuthError('unavailable', res.ChallengeName ?? 'no_tokens', `Unsupported sign-in step: ${res.ChallengeName ?? 'no tokens'}`);
  }

  async signIn(email: string, password: string): Promise<SignInResult> {
    const res = await this.call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: this.config.clientId,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    });
    return this.result(res, email);
  }

  /** Answers NEW_PASSWORD_REQUIRED (the first sign-in with a temporary password). */
  async completeNewPassword(challenge: { session: string; username: string }, newPassword: string): Promise<SignInResult> {
    const res = await this.call('RespondToAuthChallenge', {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ClientId: this.config.clientId,
      Session: challenge.session,
      ChallengeResponses: { USERNAME: challenge.username, NEW_PASSWORD: newPassword },
    });
    return this.result(res, challenge.username);
  }

  /** New id/access tokens from the refresh token (kept: Cognito returns none without rotation). */
  async refresh(refreshToken: string): Promise<CognitoTokens> {
    const res = await this.call('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: this.config.clientId, AuthParameters: { REFRESH_TOKEN: refreshToken } }, true);
    const out = this.result(res, '', refreshToken);
    if (out.kind !== 'signedIn') throw new AuthError('expired', 'challenge', 'A refresh cannot answer a challenge.');
    return out.tokens;
  }
}
