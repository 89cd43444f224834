import type { Principal } from '../domain/auth.schema.js';

export interface TokenVerifier {
  /** The caller behind a bearer token; throws UnauthorizedError when it is not valid. */
  verify(token: string): Promise<Principal>;
}
