import { systemClock } from '../../ports/clock.port.js';
import { logger } from '../logger.js';
import { capability } from './capability.js';

export const clock = /* @__PURE__ */ capability('clock', () => systemClock);
export const log = /* @__PURE__ */ capability('log', () => logger);
