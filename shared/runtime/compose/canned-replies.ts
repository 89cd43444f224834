import { DynamoCannedReplyStore } from '../../adapters/dynamo-canned-reply-store.adapter.js';
import { capability } from './capability.js';
import { dynamodbClient, tableName } from './dynamodb.js';

export const cannedReplyStore = capability('cannedReplies', () => new DynamoCannedReplyStore(dynamodbClient(), tableName()));
