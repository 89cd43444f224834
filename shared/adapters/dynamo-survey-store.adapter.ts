import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SurveySchema, type Survey } from '../domain/survey.schema.js';
import type { SurveyAnswerRecord, SurveyStore } from '../ports/survey-store.port.js';
import { conditionalWrite, documentClient } from './dynamo-write.util.js';

const SURVEY_SK = 'SURVEY';
const surveyKey = (id: string) => ({ pk: `SURVEY#${id}`, sk: SURVEY_SK });

export function surveyFromItem(item: Record<string, unknown>): Survey {
  const { pk: _pk, sk: _sk, ...survey } = item;
  return SurveySchema.parse(survey);
}

/** Surveys in the single table: pk `SURVEY#<id>`, sk `SURVEY`, no index keys. */
export class DynamoSurveyStore implements SurveyStore {
  private readonly doc: DynamoDBDocumentClient;
  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = documentClient(client);
  }

  create(survey: Survey): Promise<boolean> {
    return conditionalWrite(
      this.doc.send(
        new PutCommand({ TableName: this.tableName, Item: { ...survey, ...surveyKey(survey.id) }, ConditionExpression: 'attribute_not_exists(pk)' }),
      ),
    );
  }

  async get(id: string): Promise<Survey | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: surveyKey(id), ConsistentRead: true }));
    return out.Item ? surveyFromItem(out.Item) : undefined;
  }

  async recordAnswer(id: string, answer: SurveyAnswerRecord): Promise<Survey | undefined> {
    let updated: Record<string, unknown> | undefined;
    const wrote = await conditionalWrite(
      this.doc
        .send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: surveyKey(id),
            UpdateExpression: 'SET score = :score, answeredAt = :at, feedbackItemId = if_not_exists(feedbackItemId, :item) ADD answers :one',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':score': answer.score, ':at': answer.answeredAt, ':item': answer.feedbackItemId, ':one': 1 },
            ReturnValues: 'ALL_NEW',
          }),
        )
        .then((out) => {
          updated = out.Attributes;
        }),
    );
    return wrote && updated ? surveyFromItem(updated) : undefined;
  }
}
