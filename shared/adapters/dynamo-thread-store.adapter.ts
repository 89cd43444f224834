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

/**
 * The message ids we send (`<our id>.<item id>@ouvidor`, see customer-delivery) name their item: a
 * reply to one is threaded by finding that message in the item's conversation, so a workflow run
 * needs no separate message-id link for them (an agent's reply still writes one).
 */
export const OUR_MESSAGE_ID = /^[0-9a-f]{24}\.([0-9A-HJKMNP-TV-Z]{26})@ouvidor$/;

export class DynamoThreadStore implements ThreadStore {
  private readonly doc: DynamoDBDocumentClient;
  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = documentClient(client);
  }

  async findItemByMessageIds(messageIds: readonly string[]): Promise<string | undefined> {
    // References can be long; the nearest ancestors (last) matter most. BatchGet takes 100 keys:
    // a message-id link for each, and for the ids we send (which name their item) the sent message.
    const ids = [...new Set(messageIds)].slice(-50);
    if (ids.length === 0) return undefined;
    const keys = ids.flatMap((id) => {
      const item = OUR_MESSAGE_ID.exec(id)?.[1];
      return [messageIdKey(id), ...(item ? [messageKey(item, id)] : [])];
    });
    const out = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }));
    const found = new Map((out.Responses?.[this.tableName] ?? []).map((i) => [`${String(i.pk)}|${String(i.sk)}`, i.sk === 'MSGID' ? String(i.feedbackId) : String(i.pk).slice('FEEDBACK#'.length)]));
    for (const id of [...ids].reverse()) {
      const link = messageIdKey(id);
      const hit = found.get(`${link.pk}|${link.sk}`);
      if (hit) return hit;
      const item = OUR_MESSAGE_ID.exec(id)?.[1];
      const sent = item && found.get(`${messageKey(item, id).pk}|${messageKey(item, id).sk}`);
      if (sent) return sent;
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
