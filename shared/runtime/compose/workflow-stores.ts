import { DynamoOutboxStore, DynamoRecognitionStore } from '../../adapters/dynamo-records.adapter.js';
import { DynamoActionLog, DynamoTimelineStore } from '../../adapters/dynamo-workflow-store.adapter.js';
import { capability } from './capability.js';
import { dynamodbClient, tableName } from './dynamodb.js';

/** The action log: one claim per workflow action. */
export const actionLog = /* @__PURE__ */ capability('actions', () => new DynamoActionLog(dynamodbClient(), tableName()));
export const timelineStore = /* @__PURE__ */ capability('timeline', () => new DynamoTimelineStore(dynamodbClient(), tableName()));
export const outboxStore = /* @__PURE__ */ capability('outbox', () => new DynamoOutboxStore(dynamodbClient(), tableName()));
/** Kudos and collections. */
export const recognitionStore = /* @__PURE__ */ capability('recognition', () => new DynamoRecognitionStore(dynamodbClient(), tableName()));
