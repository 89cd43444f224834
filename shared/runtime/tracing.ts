import type { MiddlewareObj } from '@middy/core';

/**
 * X-Ray tracing with Powertools' Tracer, on AWS only: the CDK sets POWERTOOLS_TRACE_ENABLED=true on
 * every function (with Tracing.ACTIVE). Only then is the tracer imported — it brings aws-xray-sdk-core,
 * and on AWS it comes from the Powertools Lambda layer (`@aws-lambda-powertools/*` are externals in
 * LAMBDA_BUNDLING), so no bundle carries it. Locally and in tests the variable is unset: nothing is
 * loaded, clients are not wrapped and the handler middleware does nothing.
 */
export const TRACING_ENABLED = process.env.POWERTOOLS_TRACE_ENABLED === 'true';

// Top-level await (ESM): the tracer is ready before any client or handler is built.
const tracer = TRACING_ENABLED ? new (await import('@aws-lambda-powertools/tracer')).Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'ouvidor' }) : undefined;
const handlerMiddleware = TRACING_ENABLED ? (await import('@aws-lambda-powertools/tracer/middleware')).captureLambdaHandler : undefined;

/** The SDK client, its calls recorded as X-Ray subsegments when tracing is on; the same client otherwise. */
export function traced<T>(client: T): T {
  return tracer ? tracer.captureAWSv3Client(client) : client;
}

/**
 * The handler's segment (cold start annotation, errors) when tracing is on. Responses are not
 * recorded (`captureResponse: false`): they hold customer text.
 */
export function traceHandler<E = unknown, R = unknown>(): MiddlewareObj<E, R> {
  // middy refuses an empty middleware: off, it is a no-op `before`.
  return tracer && handlerMiddleware ? (handlerMiddleware(tracer, { captureResponse: false }) as MiddlewareObj<E, R>) : { before: () => undefined };
}
