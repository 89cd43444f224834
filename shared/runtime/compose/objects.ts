import { S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '../../adapters/s3-object-store.adapter.js';
import { config } from '../config.js';
import { capability } from './capability.js';
import { traced } from '../tracing.js';

export const s3Client = capability('s3', () => {
  const cfg = config();
  return traced(new S3Client({ region: cfg.AWS_REGION, ...(cfg.OUVIDOR_S3_ENDPOINT && { endpoint: cfg.OUVIDOR_S3_ENDPOINT, forcePathStyle: true }) }));
});

/** The bucket: originals, raw deliveries, attachments, transcripts. */
export const objectStore = capability('objects', () => new S3ObjectStore(s3Client(), config().OUVIDOR_BUCKET_NAME));
