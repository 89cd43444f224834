import { createHash } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ThreadMessageSchema, type ThreadMessage } from '../domain/thread-message.schema.js';
import type { ThreadStore } from '../ports/thread-store.port.js';
import { conditionalWrite, documentClient } from './dynamo-write.util.js';

const digest = (messageId: string) => createHash('sha256').update(messageId).digest('base64url');
const messageIdKey = (messageId: string) => ({ pk: `MSGID#${digest(messageId)}`, sk: 'MSGID' });
/** Keyed by the message id's hash, so that appending the same message twice is one write. */
const messageKey = (feedbackId: string, messageId: string) => ({ pk: `FEEDBACK#${feedbackId}`, sk: `MESSAGE#${digest(messageId)}` });

/** The stored conversation message and message-id link (also written in a workflow run's batch). */
export const threadMessageItem = (feedbackId: string, m: ThreadMessage): Record<string, unknown> => ({ ...messageKey(feedbackId, m.messageId), ...m });
export const messageIdItem = (messageId: string, feedbackId: string, at: string): Record<string, unknown> => ({ ...messageIdKey(messageId), feedbackId, at });

export class DynamoThreadStore implements ThreadStore {
  private readonly doc: DynamoDBDocumentClient;
  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = documentClient(client);
  }

  async findItemByMessageIds(messageIds: readonly string[]): Promise<string | undefined> {
    // References can be long; the nearest ancestors (last) matter most. BatchGet takes 100 keys.
    const ids = [...new Set(messageIds)].slice(-100);
    if (ids.length === 0) return undefined;
    const out = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: ids.map(messageIdKey), ConsistentRead: true } } }));
    const found = new Map((out.Responses?.[this.tableName] ?? []).map((i) => [String(i.pk), String(i.feedbackId)]));
    for (const id of [...ids].reverse()) {
      const hit = found.get(messageIdKey(id).pk);
      if (hit) return hit;
    }
    return undefined;
  }

  async linkMessageId(messageId: string, feedbackId: string, at: string): Promise<void> {
    await conditionalWrite(
      this.doc.send(new PutCommand({ TableName: this.tableName, Item: messageIdItem(messageId, feedbackId, at), ConditionExpression: 'attribute_not_exists(pk)' })),
    );
  }

  appendMessage(feedbackId: string, message: ThreadMessage): Promise<boolean> {
    return conditionalWrite(
      this.doc.send(new PutCommand({ TableName: this.tableName, Item: threadMessageItem(feedbackId, message), ConditionExpression: 'attribute_not_exists(pk)' })),
    );
  }

  async listMessages(feedbackId: string): Promise<ThreadMessage[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :m)',
        ExpressionAttributeValues: { ':pk': `FEEDBACK#${feedbackId}`, ':m': 'MESSAGE#' },
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? [])
      .map(({ pk: _p, sk: _s, ...m }) => ThreadMessageSchema.parse(m))
      .sort((a, b) => a.at.localeCompare(b.at));
  }
}
