import { createHash } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { nextDeadline } from '../domain/sla/sla-deadlines.js';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { FeedbackSchema, type Feedback } from '../domain/feedback.schema.js';
import type { FeedbackStore, IdempotencyClaim, ReopenChanges } from '../ports/feedback-store.port.js';
import { conditionalWrite, documentClient } from './dynamo-write.util.js';
import { TABLE_TTL_ATTRIBUTE } from './dynamo-table.definition.js';

const FEEDBACK_SK = 'FEEDBACK';
const feedbackPk = (id: string) => `FEEDBACK#${id}`;
const idempotencyPk = (key: string) => `IDEMPOTENCY#${key}`;
export const RECEIVED_INDEX_PK = 'STAGE#received';
/** Items with an event saved but not confirmed published (same sparse index as the received ones). */
export const PENDING_EVENTS_INDEX_PK = 'EVENTS#pending';

/** The index keys an item carries; docs/architecture.md lists them. Sparse keys are omitted. */
export function feedbackItem(fb: Feedback): Record<string, unknown> {
  const at = `${fb.receivedAt}#${fb.id}`;
  return {
    ...fb,
    pk: feedbackPk(fb.id),
    sk: FEEDBACK_SK,
    ...(fb.stage === 'analyzed' && { gsi1pk: `STATUS#${fb.status}`, gsi1sk: at }),
    ...(fb.stage === 'analyzed' && { gsi5pk: priorityIndexPk(fb.status, fb.priority), gsi5sk: at }),
    ...(fb.customer.id !== undefined && { gsi3pk: `CUSTOMER#${fb.customer.id}`, gsi3sk: at }),
    ...(fb.stage === 'received' && { gsi4pk: RECEIVED_INDEX_PK, gsi4sk: at }),
    ...(fb.stage === 'analyzed' && fb.resolvedEventPending && { gsi4pk: PENDING_EVENTS_INDEX_PK, gsi4sk: `${fb.resolvedEventPending.at}#${fb.id}` }),
    ...slaIndexKeys(fb),
  };
}

/** The triage list by priority: one partition per (status, rank), rank 0 = urgent … 3 = low. */
const PRIORITY_RANK: Readonly<Record<Feedback['priority'], number>> = { urgent: 0, high: 1, normal: 2, low: 3 };
export const priorityIndexPk = (status: Feedback['status'], priority: Feedback['priority']): string => `PRIORITY#${status}#${PRIORITY_RANK[priority]}`;

/** Items on an SLA clock, by their next deadline; sharded so that no partition gets hot. */
export const SLA_SHARDS = 4;
export function slaIndexKeys(fb: Feedback): { gsi2pk?: string; gsi2sk?: string } {
  const next = fb.sla && fb.stage === 'analyzed' ? nextDeadline(fb.sla) : undefined;
  if (!next) return {};
  const shard = createHash('sha1').update(fb.id).digest()[0]! % SLA_SHARDS;
  return { gsi2pk: `SLA#${shard}`, gsi2sk: `${next.dueAt}#${fb.id}` };
}

const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk', 'gsi5pk', 'gsi5sk'];
export function fromItem(item: Record<string, unknown>): Feedback {
  const copy = { ...item };
  for (const k of KEY_ATTRIBUTES) delete copy[k];
  return FeedbackSchema.parse(copy);
}

const conditional = conditionalWrite;

export class DynamoFeedbackStore implements FeedbackStore {
  private readonly doc: DynamoDBDocumentClient;
  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = documentClient(client);
  }

  putReceived(fb: Feedback): Promise<boolean> {
    return conditional(
      this.doc.send(new PutCommand({ TableName: this.tableName, Item: feedbackItem(fb), ConditionExpression: 'attribute_not_exists(pk)' })),
    );
  }

  async get(id: string): Promise<Feedback | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: feedbackPk(id), sk: FEEDBACK_SK }, ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : undefined;
  }

  saveAnalyzed(fb: Feedback, expectedVersion: number): Promise<boolean> {
    return conditional(
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: feedbackItem(fb),
          ConditionExpression: '#version = :expected AND #stage = :received',
          ExpressionAttributeNames: { '#version': 'version', '#stage': 'stage' },
          ExpressionAttributeValues: { ':expected': expectedVersion, ':received': 'received' },
        }),
      ),
    );
  }

  update(fb: Feedback, expectedVersion: number): Promise<boolean> {
    return conditional(
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: feedbackItem(fb),
          // `markEventPublished` sets its mark without a new version: a copy read before it must not
          // erase it (the writer re-reads, as after a version conflict).
          ConditionExpression: fb.eventPublishedAt ? '#version = :expected' : '#version = :expected AND attribute_not_exists(eventPublishedAt)',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
      ),
    );
  }

  async listDue(before: string, limit: number): Promise<string[]> {
    const shards = await Promise.all(
      Array.from({ length: SLA_SHARDS }, (_, shard) =>
        this.doc.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :before',
            ExpressionAttributeValues: { ':pk': `SLA#${shard}`, ':before': `${before}#~` },
            Limit: limit,
          }),
        ),
      ),
    );
    return shards.flatMap((out) => (out.Items ?? []).map((i) => String(i.id))).slice(0, limit * SLA_SHARDS);
  }

  async markEventPublished(id: string, analysisVersion: number, at: string): Promise<void> {
    await conditional(
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: feedbackPk(id), sk: FEEDBACK_SK },
          UpdateExpression: 'SET eventPublishedAt = if_not_exists(eventPublishedAt, :at)',
          // Only while that analysis is the current one: a late mark from an older delivery must
          // not cover an item analyzed again since (workflow changes to the record do not matter).
          ConditionExpression: 'attribute_exists(pk) AND analysis.#version = :v',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':at': at, ':v': analysisVersion },
        }),
      ),
    );
  }

  async claimIdempotencyKey(claim: IdempotencyClaim, expiresAt: string, now: string): Promise<IdempotencyClaim | undefined> {
    const pk = idempotencyPk(claim.key);
    const claimed = await conditional(
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          // `ttl` lets DynamoDB delete expired claims on AWS; the condition also checks expiry
          // itself, since the local emulator has no TTL.
          Item: { pk, sk: 'IDEMPOTENCY', ...claim, expiresAt, [TABLE_TTL_ATTRIBUTE]: Math.floor(Date.parse(expiresAt) / 1000) },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': now },
        }),
      ),
    );
    if (claimed) return undefined;
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk, sk: 'IDEMPOTENCY' }, ConsistentRead: true }));
    const item = out.Item as (IdempotencyClaim & Record<string, unknown>) | undefined;
    if (!item) throw new Error('idempotency claim vanished; retry');
    return { key: item.key, requestHash: item.requestHash, feedbackId: item.feedbackId, receivedAt: item.receivedAt };
  }

  async listReceived(before: string, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi4',
          KeyConditionExpression: 'gsi4pk = :pk AND gsi4sk < :before',
          ExpressionAttributeValues: { ':pk': RECEIVED_INDEX_PK, ':before': before },
          Limit: Math.min(limit - ids.length, 100),
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) ids.push(String(item.pk).slice('FEEDBACK#'.length));
      start = out.LastEvaluatedKey;
    } while (start && ids.length < limit);
    return ids;
  }

  async listPendingEvents(before: string, limit: number): Promise<string[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi4',
        KeyConditionExpression: 'gsi4pk = :pk AND gsi4sk < :before',
        ExpressionAttributeValues: { ':pk': PENDING_EVENTS_INDEX_PK, ':before': before },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => String(i.pk).slice('FEEDBACK#'.length));
  }

  async clearResolvedEventPending(id: string, version: number): Promise<void> {
    await conditional(
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: feedbackPk(id), sk: FEEDBACK_SK },
          UpdateExpression: 'REMOVE resolvedEventPending, gsi4pk, gsi4sk',
          ConditionExpression: 'resolvedEventPending.#version = :v',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':v': version },
        }),
      ),
    );
  }

  recordSweep(id: string, sweeps: number, at: string): Promise<boolean> {
    return conditional(
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: feedbackPk(id), sk: FEEDBACK_SK },
          UpdateExpression: 'SET sweeps = :n, updatedAt = :at',
          ConditionExpression: '#stage = :received AND sweeps = :prev',
          ExpressionAttributeNames: { '#stage': 'stage' },
          ExpressionAttributeValues: { ':n': sweeps, ':prev': sweeps - 1, ':at': at, ':received': 'received' },
        }),
      ),
    );
  }

  markFailed(id: string, reason: string, at: string): Promise<boolean> {
    return conditional(
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: feedbackPk(id), sk: FEEDBACK_SK },
          UpdateExpression: 'SET #stage = :failed, failure = :reason, updatedAt = :at REMOVE gsi4pk, gsi4sk',
          ConditionExpression: '#stage = :received',
          ExpressionAttributeNames: { '#stage': 'stage' },
          ExpressionAttributeValues: { ':failed': 'failed', ':reason': reason, ':at': at, ':received': 'received' },
        }),
      ),
    );
  }

  reopenForAnalysis(id: string, changes: ReopenChanges, expectedVersion: number, at: string): Promise<boolean> {
    return conditional(
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: feedbackPk(id), sk: FEEDBACK_SK },
          // gsi4sk starts at `at`: the sweeper measures how long the item waits from its reopening.
          UpdateExpression:
            'SET #text = :text, rating = :rating, #stage = :received, gsi4pk = :g4pk, gsi4sk = :g4sk, #version = :next, ' +
            'keyPhrases = :none, sweeps = :zero, updatedAt = :at ' +
            `REMOVE eventPublishedAt, gsi1pk, gsi1sk, gsi5pk, gsi5sk, sentiment, category, analysis, failure${changes.newText ? ', originalRef' : ''}`,
          ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
          ExpressionAttributeNames: { '#text': 'text', '#stage': 'stage', '#version': 'version' },
          ExpressionAttributeValues: {
            ':text': changes.text,
            ':rating': changes.rating,
            ':received': 'received',
            ':g4pk': RECEIVED_INDEX_PK,
            ':g4sk': `${at}#${id}`,
            ':next': expectedVersion + 1,
            ':expected': expectedVersion,
            ':none': [],
            ':zero': 0,
            ':at': at,
          },
        }),
      ),
    );
  }
}
