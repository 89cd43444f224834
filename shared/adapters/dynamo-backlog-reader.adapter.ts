import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FeedbackStatus } from '../domain/feedback.schema.js';
import { cellOf } from '../domain/metrics/metrics-counters.js';
import { OPEN_STATUSES } from '../domain/metrics/metrics-report.js';
import type { BacklogEntry, BacklogReader } from '../ports/metrics-store.port.js';
import { documentClient } from './dynamo-write.util.js';
import { SHARD_NUMBERS, statusIndexPk } from './dynamo-feedback-store.adapter.js';

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Open work from the status index: one paginated Query per open status and shard (`gsi1pk = STATUS#<s>#<n>`),
 * projecting only the receipt time and the dimensions, which make the same cell as the metrics
 * contributions (`cellOf`). `reads` counts every page.
 */
export class DynamoBacklogReader implements BacklogReader {
  private readonly doc: DynamoDBDocumentClient;
  /** `pageSize`: items per Query page (default: DynamoDB's 1 MB pages). */
  constructor(client: DynamoDBClient, private readonly tableName: string, private readonly pageSize?: number) {
    this.doc = documentClient(client);
  }

  async openItems(): Promise<{ items: BacklogEntry[]; reads: number }> {
    const perStatus = await Promise.all(OPEN_STATUSES.flatMap((s) => SHARD_NUMBERS.map((n) => this.partition(s, n))));
    return { items: perStatus.flatMap((p) => p.items), reads: perStatus.reduce((n, p) => n + p.reads, 0) };
  }

  private async partition(status: FeedbackStatus, shard: number): Promise<{ items: BacklogEntry[]; reads: number }> {
    const items: BacklogEntry[] = [];
    let reads = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: '#pk = :pk',
          ProjectionExpression: '#receivedAt, #channel, #language, #team, #assignee',
          ExpressionAttributeNames: {
            '#pk': 'gsi1pk',
            '#receivedAt': 'receivedAt',
            '#channel': 'channel',
            '#language': 'language',
            '#team': 'team',
            '#assignee': 'assignee',
          },
          ExpressionAttributeValues: { ':pk': statusIndexPk(status, shard) },
          ExclusiveStartKey: start,
          ...(this.pageSize !== undefined && { Limit: this.pageSize }),
        }),
      );
      reads += 1;
      for (const i of out.Items ?? []) {
        if (typeof i.receivedAt !== 'string') continue;
        items.push({
          status,
          receivedAt: i.receivedAt,
          cell: cellOf({ channel: text(i.channel), language: text(i.language), team: text(i.team), agent: text(i.assignee) }),
        });
      }
      start = out.LastEvaluatedKey;
    } while (start);
    return { items, reads };
  }
}
