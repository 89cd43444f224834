import type { MiddlewareObj } from '@middy/core';
import type { Telemetry } from '../ports/telemetry.port.js';
import { builtCapability } from './compose/capability.js';
import { logger } from './logger.js';

/**
 * Flushes the process's telemetry (when a use case built it) once per invocation, after the handler and after an error
 * (what Powertools' `logMetrics` does, for our `Telemetry` port: EMF lines on AWS, nothing
 * locally). A failing flush is logged, never turned into a failed invocation.
 */
export const flushTelemetry = <TEvent = unknown, TResult = unknown>(
  telemetry: () => Telemetry | undefined = () => builtCapability('telemetry'),
): MiddlewareObj<TEvent, TResult> => {
  const flush = (): void => {
    try {
      telemetry()?.flush();
    } catch (error) {
      logger.warn('telemetry flush failed', { error: String(error) });
    }
  };
  return { after: flush, onError: flush };
};
