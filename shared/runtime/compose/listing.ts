import { DynamoFeedbackListing } from '../../adapters/dynamo-feedback-listing.adapter.js';
import { capability } from './capability.js';
import { dynamodbClient, tableName } from './dynamodb.js';

/** The triage inbox, from the indexes. */
export const feedbackListing = capability('listing', () => new DynamoFeedbackListing(dynamodbClient(), tableName()));
