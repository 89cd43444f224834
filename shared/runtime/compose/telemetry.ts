import { PowertoolsTelemetry } from '../../adapters/powertools-telemetry.adapter.js';
import { quietTelemetry, type Telemetry } from '../../ports/telemetry.port.js';
import { config, type Config } from '../config.js';
import { capability } from './capability.js';

/**
 * EMF on AWS (`OUVIDOR_METRICS=emf`, set by the CDK on every function), nothing locally. Imported
 * statically: on AWS the EMF branch is the one taken, and only handlers whose use cases count import
 * this module. `flushTelemetry()` flushes it only when it was built.
 */
export const makeTelemetry = (cfg: Pick<Config, 'OUVIDOR_METRICS'>): Telemetry => (cfg.OUVIDOR_METRICS === 'emf' ? new PowertoolsTelemetry() : quietTelemetry);

export const telemetry = capability('telemetry', () => makeTelemetry(config()));
