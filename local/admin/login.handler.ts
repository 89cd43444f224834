import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { signLocalToken } from '../../shared/adapters/jwt-token-verifier.adapter.js';
import { scryptPasswords } from '../../shared/adapters/scrypt-password.adapter.js';
import { login } from '../../shared/app/users.use-case.js';
import { NotFoundError } from '../../shared/domain/errors.js';
import { userCredentials } from '../../shared/runtime/compose/users.js';
import { config } from '../../shared/runtime/config.js';
import { json, jsonErrors, readBody, type HttpEvent, type HttpResult } from '../../shared/runtime/http.middleware.js';
import { logger } from '../../shared/runtime/logger.js';

/**
 * POST /v1/auth/login — the local runtime's sign-in (`{email, password}` → `{token, user}`).
 * Local only (no Lambda carries it): on AWS the console signs in with Cognito (SRP).
 */
export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(httpHeaderNormalizer())
  .use(jsonErrors(logger))
  .use(readBody({ maxBytes: 16 * 1024, accept: ['json'] }))
  .handler(async (event) => {
    const credentials = userCredentials();
    const secret = config().OUVIDOR_JWT_SECRET;
    if (!credentials || !secret) throw new NotFoundError('Sign in with Cognito: this route exists in the local runtime only.');
    const result = await login(
      { credentials, passwords: scryptPasswords, issue: (sub, roles) => signLocalToken(secret, sub, roles) },
      event.parsedBody?.value,
    );
    return json(200, result, { 'cache-control': 'no-store' });
  });
