import { createHash } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ActionRecordSchema, TimelineEntrySchema, type ActionRecord, type TimelineEntry } from '../domain/workflow-records.schema.js';
import type { ActionLog, ClaimRequest, TimelineStore } from '../ports/workflow-store.port.js';
import { conditionalWrite, documentClient, queryAll } from './dynamo-write.util.js';

const hash = (s: string) => createHash('sha256').update(s).digest('base64url');
const pk = (feedbackId: string) => `FEEDBACK#${feedbackId}`;

async function queryPartition(doc: DynamoDBDocumentClient, table: string, feedbackId: string, prefix: string) {
  const items = await queryAll(doc, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': pk(feedbackId), ':p': prefix },
    ConsistentRead: true,
  });
  return items.map(({ pk: _p, sk: _s, ...rest }) => rest);
}

/** Timeline entries live in the item's partition: `TIMELINE#<hash of key>` (idempotent appends). */
export class DynamoTimelineStore implements TimelineStore {
  private readonly doc: DynamoDBDocumentClient;
  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = documentClient(client);
  }
  append(feedbackId: string, entry: TimelineEntry): Promise<boolean> {
    return conditionalWrite(
      this.doc.send(new PutCommand({ TableName: this.tableName, Item: { pk: pk(feedbackId), sk: `TIMELINE#${hash(entry.key)}`, ...entry }, ConditionExpression: 'attribute_not_exists(pk)' })),
    );
  }
  async list(feedbackId: string): Promise<TimelineEntry[]> {
    const items = await queryPartition(this.doc, this.tableName, feedbackId, 'TIMELINE#');
    return items.map((i) => TimelineEntrySchema.parse(i)).sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
  }
}

/** Action records live in the item's partition: `ACTION#<key>`. Every transition is one conditional update. */
export class DynamoActionLog implements ActionLog {
  private readonly doc: DynamoDBDocumentClient;
  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = documentClient(client);
  }
  private key(feedbackId: string, key: string) {
    return { pk: pk(feedbackId), sk: `ACTION#${key}` };
  }

  async claim(feedbackId: string, req: ClaimRequest): Promise<ActionRecord | undefined> {
    const leaseCutoff = new Date(Date.parse(req.now) - req.leaseMs).toISOString();
    try {
      const out = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(feedbackId, req.key),
          UpdateExpression:
            'SET #key = :key, ruleId = :rule, #type = :type, #status = :pending, claimedAt = :now, attempts = if_not_exists(attempts, :zero) + :one REMOVE nextAttemptAt',
          ConditionExpression:
            'attribute_not_exists(pk) OR (#status = :failed AND nextAttemptAt <= :now) OR (#status = :pending AND claimedAt < :cutoff)',
          ExpressionAttributeNames: { '#key': 'key', '#type': 'type', '#status': 'status' },
          ExpressionAttributeValues: {
            ':key': req.key, ':rule': req.ruleId, ':type': req.type, ':pending': 'pending', ':failed': 'failed',
            ':now': req.now, ':cutoff': leaseCutoff, ':zero': 0, ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const { pk: _p, sk: _s, ...record } = out.Attributes ?? {};
      return ActionRecordSchema.parse(record);
    } catch (e) {
      if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return undefined;
      throw e;
    }
  }

  async complete(feedbackId: string, key: string, result: Record<string, unknown>, at: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(feedbackId, key),
        UpdateExpression: 'SET #status = :done, doneAt = :at, #result = :result REMOVE claimedAt, lastError',
        ExpressionAttributeNames: { '#status': 'status', '#result': 'result' },
        ExpressionAttributeValues: { ':done': 'done', ':at': at, ':result': result },
      }),
    );
  }

  async fail(feedbackId: string, key: string, error: string, at: string, nextAttemptAt: string | undefined): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(feedbackId, key),
        UpdateExpression: `SET #status = :failed, lastError = :error, failedAt = :at${nextAttemptAt ? ', nextAttemptAt = :next' : ''} REMOVE claimedAt${nextAttemptAt ? '' : ', nextAttemptAt'}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':failed': 'failed', ':error': error.slice(0, 1000), ':at': at, ...(nextAttemptAt && { ':next': nextAttemptAt }) },
      }),
    );
  }

  async list(feedbackId: string): Promise<ActionRecord[]> {
    const items = await queryPartition(this.doc, this.tableName, feedbackId, 'ACTION#');
    return items.map(({ failedAt: _f, ...i }) => ActionRecordSchema.parse(i));
  }
}
