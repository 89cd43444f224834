import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MetricsSource, MetricsSourceScanner } from '../ports/metrics-store.port.js';
import { fromItem as feedbackFromItem } from './dynamo-feedback-store.adapter.js';
import { surveyFromItem } from './dynamo-survey-store.adapter.js';
import { documentClient } from './dynamo-write.util.js';

const SEGMENTS = 4;

/**
 * The metrics sources for a rebuild: feedback items, surveys and kudos records. A rebuild must
 * see everything, so this is the platform's one full read (a parallel Scan, filtered on the keys);
 * the incremental path never scans.
 */
export class DynamoMetricsSources implements MetricsSourceScanner {
  private readonly doc: DynamoDBDocumentClient;
  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = documentClient(client);
  }

  async *scanSources(): AsyncIterable<MetricsSource> {
    const segments = await Promise.all(Array.from({ length: SEGMENTS }, (_, segment) => this.segment(segment)));
    for (const items of segments) for (const item of items) yield toSource(item);
  }

  private async segment(segment: number): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new ScanCommand({
          TableName: this.tableName,
          Segment: segment,
          TotalSegments: SEGMENTS,
          FilterExpression: 'sk = :f OR sk = :s OR begins_with(pk, :k)',
          ExpressionAttributeValues: { ':f': 'FEEDBACK', ':s': 'SURVEY', ':k': 'KUDOS#' },
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  async getKudos(agent: string, feedbackId: string): Promise<{ agent: string; feedbackId: string; at: string } | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: `KUDOS#${agent}`, sk: `FEEDBACK#${feedbackId}` }, ConsistentRead: true }));
    return out.Item ? { agent, feedbackId, at: String(out.Item.at) } : undefined;
  }
}

function toSource(item: Record<string, unknown>): MetricsSource {
  const pk = String(item.pk);
  if (item.sk === 'FEEDBACK') return { kind: 'feedback', item: feedbackFromItem(item) };
  if (item.sk === 'SURVEY') return { kind: 'survey', survey: surveyFromItem(item) };
  return { kind: 'kudos', agent: pk.slice('KUDOS#'.length), feedbackId: String(item.sk).slice('FEEDBACK#'.length), at: String(item.at) };
}
