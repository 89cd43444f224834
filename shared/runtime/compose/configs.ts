import { DynamoConfigStore } from '../../adapters/dynamo-records.adapter.js';
import { capability } from './capability.js';
import { dynamodbClient, tableName } from './dynamodb.js';

/** Admin-editable documents (rules, service standards) and counters. */
export const configStore = capability('configs', () => new DynamoConfigStore(dynamodbClient(), tableName()));
