import { DynamoThreadStore } from '../../adapters/dynamo-thread-store.adapter.js';
import { capability } from './capability.js';
import { dynamodbClient, tableName } from './dynamodb.js';

export const threadStore = capability('threads', () => new DynamoThreadStore(dynamodbClient(), tableName()));
