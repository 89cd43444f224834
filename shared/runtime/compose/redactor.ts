import { offlineRedactor } from '../../adapters/offline-redactor.adapter.js';
import { capability } from './capability.js';

/** Masks the PII spans an analysis found. */
export const redactor = capability('redactor', () => offlineRedactor);
