import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Role } from '../domain/auth.schema.js';
import { tokenVerifier } from './compose/verifier.js';
import { jsonErrors, requireRole, type HttpEvent, type HttpResult } from './http.middleware.js';
import { logger } from './logger.js';
import { flushTelemetry } from './telemetry.middleware.js';
import { traceHandler } from './tracing.js';

/**
 * The middleware every authenticated JSON route shares: the Lambda context in the logs, the
 * business metrics flushed per invocation, lower-case headers, errors as JSON, and a bearer
 * token holding one of `roles`. Handlers add their body parser, if any, and their use case.
 */
export const apiHandler = (roles: readonly Role[], opts: { readonly timeoutEarlyInMillis?: number } = {}) =>
  middy<HttpEvent, HttpResult>(opts)
    .use(injectLambdaContext(logger))
    .use(traceHandler())
    .use(flushTelemetry())
    .use(httpHeaderNormalizer())
    .use(jsonErrors(logger))
    .use(requireRole(tokenVerifier, roles));
