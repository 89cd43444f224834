import { createHash } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { nextDeadline } from '../domain/sla/sla-deadlines.js';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { FeedbackSchema, type Feedback } from '../domain/feedback.schema.js';
import type { FeedbackStore, IdempotencyClaim, ReceivedPage, ReopenChanges } from '../ports/feedback-store.port.js';
import { conditionalWrite, documentClient } from './dynamo-write.util.js';
import { queryShards, type IndexItem, type ShardedQuery } from './dynamo-sharded-query.js';
import type { Positions } from './partition-merge.js';
import { TABLE_TTL_ATTRIBUTE } from './dynamo-table.definition.js';

const FEEDBACK_SK = 'FEEDBACK';
const feedbackPk = (id: string) => `FEEDBACK#${id}`;
const idempotencyPk = (key: string) => `IDEMPOTENCY#${key}`;
/**
 * Every index partition that all items write to (status, priority, stage, pending events, SLA due)
 * is split into INDEX_SHARDS partitions chosen by the item's id, so that no single partition takes
 * every item's writes (DynamoDB: 1,000 WCU/s per partition); readers merge the shards in order.
 * Why 4: each shard takes ~2 index WU per item (an entry put and later deleted or rewritten, ≤ 1 KB),
 * so 4 shards carry ~2,000 items/s per family, the ceiling the table's default on-demand quota
 * (40,000 WRU/s at ≤ 20 WU per item) sets anyway; more shards would only multiply the inbox's reads
 * (one Query per shard per status). docs/architecture.md has the arithmetic.
 */
export const INDEX_SHARDS = 4;
/** The shard of an item: the first byte of SHA-1(id) mod INDEX_SHARDS (stable; the SLA index always used it). */
export const indexShard = (id: string): number => createHash('sha1').update(id).digest()[0]! % INDEX_SHARDS;
export const SHARD_NUMBERS: readonly number[] = Array.from({ length: INDEX_SHARDS }, (_, i) => i);

export const statusIndexPk = (status: Feedback['status'], shard: number): string => `STATUS#${status}#${shard}`;
/** The triage list by priority: one partition per (status, rank, shard), rank 0 = urgent … 3 = low. */
const PRIORITY_RANK: Readonly<Record<Feedback['priority'], number>> = { urgent: 0, high: 1, normal: 2, low: 3 };
export const priorityIndexPk = (status: Feedback['status'], priority: Feedback['priority'], shard: number): string =>
  `PRIORITY#${status}#${PRIORITY_RANK[priority]}#${shard}`;
/** Items accepted but not analyzed (the sweeper's partition family on gsi4). */
export const receivedIndexPk = (shard: number): string => `STAGE#received#${shard}`;
/** Items with an event saved but not confirmed published (same sparse index as the received ones). */
export const pendingEventsIndexPk = (shard: number): string => `EVENTS#pending#${shard}`;
/** Items on an SLA clock, by their next deadline. */
export const slaIndexPk = (shard: number): string => `SLA#${shard}`;

/** The index keys an item carries; docs/architecture.md lists them. Sparse keys are omitted. */
export function feedbackItem(fb: Feedback): Record<string, unknown> {
  const at = `${fb.receivedAt}#${fb.id}`;
  const shard = indexShard(fb.id);
  return {
    ...fb,
    pk: feedbackPk(fb.id),
    sk: FEEDBACK_SK,
    ...(fb.stage === 'analyzed' && { gsi1pk: statusIndexPk(fb.status, shard), gsi1sk: at }),
    ...(fb.stage === 'analyzed' && { gsi5pk: priorityIndexPk(fb.status, fb.priority, shard), gsi5sk: at }),
    ...(fb.customer.id !== undefined && { gsi3pk: `CUSTOMER#${fb.customer.id}`, gsi3sk: at }),
    ...(fb.stage === 'received' && { gsi4pk: receivedIndexPk(shard), gsi4sk: at }),
    ...(fb.stage === 'analyzed' && fb.resolvedEventPending && { gsi4pk: pendingEventsIndexPk(shard), gsi4sk: `${fb.resolvedEventPending.at}#${fb.id}` }),
    ...slaIndexKeys(fb),
  };
}

export function slaIndexKeys(fb: Feedback): { gsi2pk?: string; gsi2sk?: string } {
  const next = fb.sla && fb.stage === 'analyzed' ? nextDeadline(fb.sla) : undefined;
  if (!next) return {};
  return { gsi2pk: slaIndexPk(indexShard(fb.id)), gsi2sk: `${next.dueAt}#${fb.id}` };
}

const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk', 'gsi5pk', 'gsi5sk'];
export function fromItem(item: Record<string, unknown>): Feedback {
  const copy = { ...item };
  for (const k of KEY_ATTRIBUTES) delete copy[k];
  return FeedbackSchema.parse(copy);
}

const conditional = conditionalWrite;
const idOfIndexItem = (i: IndexItem): string => String(i.pk).slice('FEEDBACK#'.length);

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
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
      ),
    );
  }

  async listDue(before: string, limit: number): Promise<string[]> {
    const page = await queryShards(this.doc, this.shardQuery('gsi2', slaIndexPk, 'asc', '#sk <= :before', { ':before': `${before}#~` }), {}, {
      limit, readSize: limit, maxReads: 2 * INDEX_SHARDS, map: idOfIndexItem,
    });
    return page.items;
  }

  private shardQuery(index: string, pk: (shard: number) => string, order: 'asc' | 'desc', sortCondition: string, values: Record<string, unknown>): ShardedQuery {
    return { tableName: this.tableName, index, partitions: SHARD_NUMBERS.map((s) => ({ key: pk(s), group: 0 })), order, sortCondition, values };
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

  async listReceived(before: string, page: { readonly limit: number; readonly cursor?: string }): Promise<ReceivedPage> {
    const positions = page.cursor ? (JSON.parse(Buffer.from(page.cursor, 'base64url').toString('utf8')) as Positions) : {};
    const out = await queryShards(this.doc, this.shardQuery('gsi4', receivedIndexPk, 'asc', '#sk < :before', { ':before': before }), positions, {
      limit: page.limit, readSize: Math.min(page.limit, 1000), maxReads: 4 * INDEX_SHARDS,
      map: (i) => ({ id: idOfIndexItem(i), sweeps: typeof i.sweeps === 'number' ? i.sweeps : 0 }),
    });
    return { items: out.items, ...(!out.done && { cursor: Buffer.from(JSON.stringify(out.positions)).toString('base64url') }) };
  }

  async listPendingEvents(before: string, limit: number): Promise<string[]> {
    const page = await queryShards(this.doc, this.shardQuery('gsi4', pendingEventsIndexPk, 'asc', '#sk < :before', { ':before': before }), {}, {
      limit, readSize: limit, maxReads: 2 * INDEX_SHARDS, map: idOfIndexItem,
    });
    return page.items;
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
            ':g4pk': receivedIndexPk(indexShard(id)),
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
