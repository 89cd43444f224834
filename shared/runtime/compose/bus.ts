import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EventBridgeBus } from '../../adapters/eventbridge-bus.adapter.js';
import { config } from '../config.js';
import { capability } from './capability.js';
import { traced } from '../tracing.js';

export const eventBridgeClient = capability('eventBridge', () => traced(new EventBridgeClient({ region: config().AWS_REGION })));

/**
 * The domain event bus: EventBridge. With `OUVIDOR_EVENT_BUS=local` the local runtime supplies its
 * in-process bus through `composeWith({ bus })` (local/local-event-bus.ts): no Lambda carries it.
 */
export const eventBus = capability('bus', () => {
  const cfg = config();
  if (cfg.OUVIDOR_EVENT_BUS === 'local') {
    return { publish: () => Promise.reject(new Error('OUVIDOR_EVENT_BUS=local: the local runtime supplies the bus (composeWith({ bus }))')) };
  }
  return new EventBridgeBus(eventBridgeClient(), cfg.OUVIDOR_EVENT_BUS_NAME);
});
