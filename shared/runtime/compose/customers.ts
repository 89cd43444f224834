import { DynamoCustomerStore } from '../../adapters/dynamo-customer-store.adapter.js';
import { capability } from './capability.js';
import { dynamodbClient, tableName } from './dynamodb.js';

export const customerStore = capability('customers', () => new DynamoCustomerStore(dynamodbClient(), tableName()));
