import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsFeedbackQueue } from '../../adapters/sqs-feedback-queue.adapter.js';
import { config } from '../config.js';
import { capability } from './capability.js';
import { traced } from '../tracing.js';

export const sqsClient = capability('sqs', () => {
  const cfg = config();
  return traced(new SQSClient({ region: cfg.AWS_REGION, ...(cfg.OUVIDOR_SQS_ENDPOINT && { endpoint: cfg.OUVIDOR_SQS_ENDPOINT }) }));
});

/** The analysis queue (`OUVIDOR_QUEUE_URL`); a send fails when it is not configured. */
export const feedbackQueue = capability('queue', () => {
  const url = config().OUVIDOR_QUEUE_URL;
  return url ? new SqsFeedbackQueue(sqsClient(), url) : { send: () => Promise.reject(new Error('OUVIDOR_QUEUE_URL is not set')) };
});
