import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CognitoTokenVerifier, cognitoJwksUrl } from '../../shared/adapters/jwt-token-verifier.adapter.js';

// What the console sends on AWS: the Cognito id token (aud = the console's app client, token_use id).
const ISSUER = 'https://cognito-idp.sa-east-1.amazonaws.com/sa-east-1_AbC123';
const CLIENT_ID = 'console-client-id';

describe('CognitoTokenVerifier (the console sends the id token)', () => {
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  let jwks: { keys: unknown[] };
  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
  });
  afterEach(() => vi.unstubAllGlobals());

  /** The JWKS is served by a stubbed fetch: nothing reaches Cognito. */
  const verifier = () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string | URL) => {
        expect(String(url)).toBe(`${ISSUER}/.well-known/jwks.json`);
        return new Response(JSON.stringify(jwks), { headers: { 'content-type': 'application/json' } });
      }),
    );
    return new CognitoTokenVerifier(ISSUER, CLIENT_ID);
  };
  const sign = (claims: JWTPayload) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(ISSUER).setSubject('u-1').setIssuedAt().setExpirationTime('1h').sign(privateKey);

  it('accepts an id token for the console client, with the roles from cognito:groups', async () => {
    const token = await sign({ aud: CLIENT_ID, token_use: 'id', email: 'ana@loja.example', name: 'Ana', 'cognito:groups': ['admin'] });
    await expect(verifier().verify(token)).resolves.toEqual({ sub: 'u-1', roles: ['admin'], email: 'ana@loja.example' });
  });

  it('accepts an access token whose client_id is the console client', async () => {
    const token = await sign({ client_id: CLIENT_ID, token_use: 'access', 'cognito:groups': ['agent'] });
    await expect(verifier().verify(token)).resolves.toMatchObject({ sub: 'u-1', roles: ['agent'] });
  });

  it('rejects an id token for another client, and a token without token_use', async () => {
    await expect(verifier().verify(await sign({ aud: 'other-client', token_use: 'id' }))).rejects.toThrow(/not issued for this application/);
    await expect(verifier().verify(await sign({ aud: CLIENT_ID }))).rejects.toThrow(/not issued for this application/);
  });
});

describe('cognitoJwksUrl', () => {
  it('reads the keys from the issuer, or from an emulator only when a Cognito endpoint override is set', () => {
    expect(cognitoJwksUrl(ISSUER).href).toBe(`${ISSUER}/.well-known/jwks.json`);
    expect(cognitoJwksUrl(`${ISSUER}/`, 'http://127.0.0.1:5000/').href).toBe('http://127.0.0.1:5000/sa-east-1_AbC123/.well-known/jwks.json');
  });
});
