import type { TokenVerifier } from '../../ports/token-verifier.port.js';
import { config } from '../config.js';
import { capability } from './capability.js';

/** Bearer tokens: Cognito's (AWS) or the local runtime's HS256 ones; the adapter is imported on the first request. */
export const tokenVerifier = capability('verifier', (): TokenVerifier => {
  const cfg = config();
  let verifier: Promise<TokenVerifier> | undefined;
  const load = (): Promise<TokenVerifier> =>
    (verifier ??= import('../../adapters/jwt-token-verifier.adapter.js').then((m) =>
      cfg.OUVIDOR_AUTH_MODE === 'local'
        ? new m.LocalTokenVerifier(cfg.OUVIDOR_JWT_SECRET ?? missing('OUVIDOR_JWT_SECRET'))
        : new m.CognitoTokenVerifier(cfg.OUVIDOR_AUTH_ISSUER, cfg.OUVIDOR_AUTH_AUDIENCE, cfg.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER),
    ));
  return { verify: async (token) => (await load()).verify(token) };
});

function missing(name: string): never {
  throw new Error(`${name} is required in this auth mode`);
}
