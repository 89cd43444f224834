import { DynamoFeedbackStore } from '../../adapters/dynamo-feedback-store.adapter.js';
import { capability } from './capability.js';
import { dynamodbClient, tableName } from './dynamodb.js';

/** Feedback records. */
export const feedbackStore = capability('store', () => new DynamoFeedbackStore(dynamodbClient(), tableName()));
