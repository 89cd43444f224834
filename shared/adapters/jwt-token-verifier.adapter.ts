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

/** Cognito user-pool tokens (id or access); the pool's groups are the roles. */
export class CognitoTokenVerifier implements TokenVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;
  constructor(private readonly issuer: string, private readonly clientId: string | undefined) {
    this.jwks = createRemoteJWKSet(new URL(`${issuer.replace(/\/$/, '')}/.well-known/jwks.json`));
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
