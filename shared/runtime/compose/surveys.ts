import { DynamoSurveyStore } from '../../adapters/dynamo-survey-store.adapter.js';
import { capability } from './capability.js';
import { dynamodbClient, tableName } from './dynamodb.js';

export const surveyStore = capability('surveys', () => new DynamoSurveyStore(dynamodbClient(), tableName()));
