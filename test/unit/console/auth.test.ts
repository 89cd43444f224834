import { describe, expect, it } from 'vitest';
import { AuthError, CognitoAuth, isExpired, parseAuthConfig, userFromIdToken } from '../../../console/src/auth.js';

const CONFIG = { kind: 'cognito', region: 'sa-east-1', userPoolId: 'sa-east-1_AbC123', clientId: 'client-123' } as const;

const b64url = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
const jwt = (claims: Record<string, unknown>): string => `${b64url({ alg: 'RS256', kid: 'k' })}.${b64url(claims)}.sig`;
const idToken = (extra: Record<string, unknown> = {}): string =>
  jwt({ sub: 'u-1', aud: CONFIG.clientId, token_use: 'id', email: 'ana@loja.example', name: 'Ana', 'cognito:groups': ['admin'], exp: Math.floor(Date.now() / 1000) + 3600, ...extra });

interface Call {
  url: string;
  target: string;
  contentType: string;
  body: Record<string, unknown>;
}

/** A stubbed fetch answering each call with the next queued response; records what was sent. */
function stubFetch(...responses: { status?: number; body: unknown }[]) {
  const calls: Call[] = [];
  const fetchFn = async (url: string, init: { method: string; headers: Record<string, string>; body: string }) => {
    expect(init.method).toBe('POST');
    calls.push({ url, target: init.headers['X-Amz-Target']!, contentType: init.headers['Content-Type']!, body: JSON.parse(init.body) as Record<string, unknown> });
    const next = responses.shift();
    if (!next) throw new Error('unexpected call');
    const status = next.status ?? 200;
    return { ok: status < 300, status, text: async () => JSON.stringify(next.body) };
  };
  return { calls, auth: new CognitoAuth(CONFIG, fetchFn) };
}

describe('console auth: config', () => {
  it('reads a complete cognito config and falls back to local otherwise', () => {
    expect(parseAuthConfig(CONFIG)).toEqual(CONFIG);
    expect(parseAuthConfig({ kind: 'local' })).toEqual({ kind: 'local' });
    expect(parseAuthConfig(undefined)).toEqual({ kind: 'local' });
    expect(parseAuthConfig({ kind: 'cognito', region: 'sa-east-1' })).toEqual({ kind: 'local' });
  });

  it('takes the header user from the id token claims', () => {
    expect(userFromIdToken(idToken())).toEqual({ email: 'ana@loja.example', name: 'Ana', role: 'admin' });
    expect(userFromIdToken(idToken({ name: undefined, 'cognito:groups': ['agent'] }))).toEqual({ email: 'ana@loja.example', name: 'ana@loja.example', role: 'agent' });
    expect(userFromIdToken('not-a-jwt')).toEqual({});
  });

  it('counts a token as expired a minute before exp', () => {
    const now = Date.now();
    expect(isExpired(idToken({ exp: Math.floor(now / 1000) + 3600 }), now)).toBe(false);
    expect(isExpired(idToken({ exp: Math.floor(now / 1000) + 30 }), now)).toBe(true);
    expect(isExpired(idToken({ exp: Math.floor(now / 1000) - 10 }), now)).toBe(true);
  });
});

describe('console auth: Cognito over fetch', () => {
  it('signs in with USER_PASSWORD_AUTH and returns the id token as the bearer token', async () => {
    const token = idToken();
    const { calls, auth } = stubFetch({ body: { AuthenticationResult: { IdToken: token, AccessToken: 'access', RefreshToken: 'refresh', ExpiresIn: 3600, TokenType: 'Bearer' } } });
    const result = await auth.signIn('ana@loja.example', 'S3nha-Forte!2024');
    expect(result).toEqual({
      kind: 'signedIn',
      tokens: { idToken: token, accessToken: 'access', refreshToken: 'refresh', expiresIn: 3600 },
      user: { email: 'ana@loja.example', name: 'Ana', role: 'admin' },
    });
    expect(calls).toEqual([
      {
        url: 'https://cognito-idp.sa-east-1.amazonaws.com/',
        target: 'AWSCognitoIdentityProviderService.InitiateAuth',
        contentType: 'application/x-amz-json-1.1',
        body: { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'client-123', AuthParameters: { USERNAME: 'ana@loja.example', PASSWORD: 'S3nha-Forte!2024' } },
      },
    ]);
  });

  it('asks for a new password on NEW_PASSWORD_REQUIRED and answers the challenge with the session', async () => {
    const token = idToken();
    const { calls, auth } = stubFetch(
      { body: { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 'sess-1', ChallengeParameters: { USER_ID_FOR_SRP: 'u-1', requiredAttributes: '[]', userAttributes: '{}' } } },
      { body: { AuthenticationResult: { IdToken: token, RefreshToken: 'refresh' } } },
    );
    const first = await auth.signIn('ana@loja.example', 'Temp0rary!pass');
    expect(first).toEqual({ kind: 'newPasswordRequired', session: 'sess-1', username: 'u-1' });
    if (first.kind !== 'newPasswordRequired') throw new Error('unreachable');
    const second = await auth.completeNewPassword(first, 'N0va-Senha!Forte');
    expect(second).toMatchObject({ kind: 'signedIn', tokens: { idToken: token, refreshToken: 'refresh' } });
    expect(calls[1]).toEqual({
      url: 'https://cognito-idp.sa-east-1.amazonaws.com/',
      target: 'AWSCognitoIdentityProviderService.RespondToAuthChallenge',
      contentType: 'application/x-amz-json-1.1',
      body: { ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: 'client-123', Session: 'sess-1', ChallengeResponses: { USERNAME: 'u-1', NEW_PASSWORD: 'N0va-Senha!Forte' } },
    });
  });

  it('maps a wrong password and an unknown user to the same neutral reason', async () => {
    const { auth } = stubFetch(
      { status: 400, body: { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' } },
      { status: 400, body: { __type: 'com.amazonaws.cognito#UserNotFoundException', message: 'User does not exist.' } },
    );
    const wrong = await auth.signIn('ana@loja.example', 'wrong').catch((e: unknown) => e);
    const unknown = await auth.signIn('nobody@loja.example', 'wrong').catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(AuthError);
    expect(wrong).toMatchObject({ reason: 'credentials', code: 'NotAuthorizedException' });
    expect(unknown).toMatchObject({ reason: 'credentials', code: 'UserNotFoundException' });
  });

  it('reports a new password that breaks the policy, and a service failure as unavailable', async () => {
    const { auth } = stubFetch(
      { status: 400, body: { __type: 'InvalidPasswordException', message: 'Password does not conform to policy' } },
      { status: 500, body: { __type: 'InternalErrorException' } },
    );
    await expect(auth.completeNewPassword({ session: 's', username: 'u-1' }, 'short')).rejects.toMatchObject({ reason: 'passwordPolicy' });
    await expect(auth.signIn('ana@loja.example', 'x')).rejects.toMatchObject({ reason: 'unavailable', code: 'InternalErrorException' });
  });

  it('treats a network failure as unavailable', async () => {
    const auth = new CognitoAuth(CONFIG, async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(auth.signIn('ana@loja.example', 'x')).rejects.toMatchObject({ reason: 'unavailable', code: 'network' });
  });

  it('refreshes with REFRESH_TOKEN_AUTH, keeping the refresh token; a revoked one means the session expired', async () => {
    const token = idToken();
    const { calls, auth } = stubFetch(
      { body: { AuthenticationResult: { IdToken: token, AccessToken: 'access-2', ExpiresIn: 3600 } } },
      { status: 400, body: { __type: 'NotAuthorizedException', message: 'Refresh Token has been revoked' } },
    );
    expect(await auth.refresh('refresh-1')).toEqual({ idToken: token, accessToken: 'access-2', refreshToken: 'refresh-1', expiresIn: 3600 });
    expect(calls[0]!.body).toEqual({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'client-123', AuthParameters: { REFRESH_TOKEN: 'refresh-1' } });
    await expect(auth.refresh('refresh-1')).rejects.toMatchObject({ reason: 'expired' });
  });
});
