import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { config } from '../config.js';
import { capability } from './capability.js';
import { traced } from '../tracing.js';

/** The DynamoDB client (endpoint override honoured: the local emulator). */
export const dynamodbClient = capability('dynamodb', () => {
  const cfg = config();
  return traced(new DynamoDBClient({ region: cfg.AWS_REGION, ...(cfg.OUVIDOR_DYNAMODB_ENDPOINT && { endpoint: cfg.OUVIDOR_DYNAMODB_ENDPOINT }) }));
});

/** The single table's name. */
export const tableName = (): string => config().OUVIDOR_TABLE_NAME;
