import { DynamoSuppressionStore } from '../../adapters/dynamo-suppression-store.adapter.js';
import { capability } from './capability.js';
import { dynamodbClient, tableName } from './dynamodb.js';

/** Unreachable email addresses (SES bounces and complaints), checked before every email to a customer. */
export const suppressionStore = capability('suppressions', () => new DynamoSuppressionStore(dynamodbClient(), tableName()));
