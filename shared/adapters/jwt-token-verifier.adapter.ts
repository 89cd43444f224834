import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { RoleSchema, type Principal, type Role } from '../domain/auth.schema.js';
import { UnauthorizedError } from '../domain/errors.js';
import type { TokenVerifier } from '../ports/token-verifier.port.js';

export const LOCAL_ISSUER = 'ouvidor-local';
export const LOCAL_AUDIENCE = 'ouvidor';

const rolesOf = (claim: unknown): Role[] =>
  (Array.isArray(claim) ? claim : typeof claim === 'string' ? [claim] : []).flatMap((r) => {
    const parsed = RoleSchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });

const principalOf = (p: JWTPayload, rolesClaim: unknown): Principal => {
  if (!p.sub) throw new UnauthorizedError('The token has no subject.');
  return { sub: p.sub, roles: rolesOf(rolesClaim), ...(typeof p.email === 'string' && { email: p.email }) };
};

async function verifying<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (cause) {
    if (cause instanceof UnauthorizedError) throw cause;
    throw new UnauthorizedError('The bearer token is not valid.', { cause });
  }
}

/** The embedded runtime's tokens: HS256 with a secret kept in the data folder. */
export class LocalTokenVerifier implements TokenVerifier {
  private readonly key: Uint8Array;
  constructor(secret: string) {
    this.key = Buffer.from(secret, 'base64url');
  }
  verify(token: string): Promise<Principal> {
    return verifying(async () => {
      const { payload } = await jwtVerify(token, this.key, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, algorithms: ['HS256'] });
      return principalOf(payload, payload.roles);
    });
  }
}

export async function signLocalToken(secret: string, sub: string, roles: readonly Role[], ttlSeconds = 12 * 3600): Promise<string> {
  return new SignJWT({ roles: [...roles] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(Buffer.from(secret, 'base64url'));
}

/**
 * Where a pool's signing keys are read: `<issuer>/.well-known/jwks.json`, or, only when an endpoint
 * override for Cognito is set (`AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`: an emulator such as moto,
 * never set on AWS), `<endpoint>/<pool id>/.well-known/jwks.json`, where such an emulator serves them.
 * Only the key source moves: the issuer, audience, expiry and algorithm checks stay the same.
 */
export function cognitoJwksUrl(issuer: string, endpointOverride?: string): URL {
  const base = issuer.replace(/\/$/, '');
  if (!endpointOverride) return new URL(`${base}/.well-known/jwks.json`);
  const poolId = base.slice(base.lastIndexOf('/') + 1);
  return new URL(`${endpointOverride.replace(/\/$/, '')}/${poolId}/.well-known/jwks.json`);
}

/** Cognito user-pool tokens (id or access); the pool's groups are the roles. */
export class CognitoTokenVerifier implements TokenVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;
  constructor(private readonly issuer: string, private readonly clientId: string | undefined, endpointOverride?: string) {
    this.jwks = createRemoteJWKSet(cognitoJwksUrl(issuer, endpointOverride));
  }
  verify(token: string): Promise<Principal> {
    return verifying(async () => {
      const { payload } = await jwtVerify(token, this.jwks, { issuer: this.issuer, algorithms: ['RS256'] });
      const use = payload.token_use;
      const client = use === 'access' ? payload.client_id : payload.aud;
      if ((use !== 'access' && use !== 'id') || (this.clientId && client !== this.clientId)) {
        throw new UnauthorizedError('The token was not issued for this application.');
      }
      return principalOf(payload, payload['cognito:groups']);
    });
  }
}
