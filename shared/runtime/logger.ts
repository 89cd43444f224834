import { Logger } from '@aws-lambda-powertools/logger';

/** One Powertools logger per process; never log customer text or PII. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'ouvidor' });
