import { createHash } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../domain/errors.js';
import type { Feedback } from '../domain/feedback.schema.js';
import { matchesText, PRIORITY_ORDER, type ListFilters, type ListPlan } from '../domain/triage/feedback-list.query.js';
import type { Page } from '../ports/customer-store.port.js';
import type { FeedbackListing } from '../ports/feedback-listing.port.js';
import { fromItem, priorityIndexPk, SLA_SHARDS } from './dynamo-feedback-store.adapter.js';
import { mergePartitions, type Partition, type Positions } from './partition-merge.js';

interface IndexPlan {
  readonly index: 'gsi1' | 'gsi2' | 'gsi5';
  readonly order: 'asc' | 'desc';
  readonly partitions: Partition[];
}

/** Which index and partitions serve a plan: status partitions of gsi1, the SLA shards of gsi2, status × rank of gsi5. */
export function indexPlan(plan: ListPlan): IndexPlan {
  if (plan.sort === 'due') return { index: 'gsi2', order: 'asc', partitions: Array.from({ length: SLA_SHARDS }, (_, i) => ({ key: `SLA#${i}`, group: 0 })) };
  if (plan.sort === 'priority') {
    const partitions = plan.priorities.flatMap((p) => plan.statuses.map((s) => ({ key: priorityIndexPk(s, p), group: PRIORITY_ORDER.indexOf(p) })));
    return { index: 'gsi5', order: 'desc', partitions };
  }
  return { index: 'gsi1', order: 'desc', partitions: plan.statuses.map((s) => ({ key: `STATUS#${s}`, group: 0 })) };
}

export interface Expression {
  readonly expression?: string;
  readonly names: Record<string, string>;
  readonly values: Record<string, unknown>;
}

/** The FilterExpression for what the partitions do not already guarantee. */
export function filterExpression(f: ListFilters): Expression {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const anyOf = (path: string[], key: string, list: readonly string[] | undefined) => {
    if (!list) return;
    const ref = path.map((p) => ((names[`#${p}`] = p), `#${p}`)).join('.');
    parts.push(`${ref} IN (${list.map((v, i) => ((values[`:${key}${i}`] = v), `:${key}${i}`)).join(', ')})`);
  };
  anyOf(['status'], 'st', f.statuses);
  anyOf(['priority'], 'pr', f.priorities);
  anyOf(['sentiment', 'label'], 'se', f.sentiments);
  anyOf(['category'], 'ca', f.categories);
  anyOf(['channel'], 'ch', f.channels);
  anyOf(['language'], 'la', f.languages);
  if (f.labels) {
    names['#labels'] = 'labels';
    parts.push(`(${f.labels.map((l, i) => ((values[`:lb${i}`] = l), `contains(#labels, :lb${i})`)).join(' OR ')})`);
  }
  if (f.assignee !== undefined) {
    names['#assignee'] = 'assignee';
    if (f.assignee === null) parts.push('attribute_not_exists(#assignee)');
    else parts.push('#assignee = :assignee'), (values[':assignee'] = f.assignee);
  }
  if (f.from !== undefined || f.to !== undefined) names['#receivedAt'] = 'receivedAt';
  if (f.from !== undefined) parts.push('#receivedAt >= :from'), (values[':from'] = f.from);
  if (f.to !== undefined) parts.push('#receivedAt <= :to'), (values[':to'] = f.to);
  return { ...(parts.length > 0 && { expression: parts.join(' AND ') }), names, values };
}

interface Cursor {
  readonly h: string;
  readonly p: Positions;
}

/** Binds a cursor to the query it came from: a cursor from another query is refused, not misapplied. */
const planHash = (plan: ListPlan): string =>
  createHash('sha256').update(JSON.stringify([plan.sort, plan.statuses, plan.priorities, plan.range, plan.filters, plan.text ?? ''])).digest('base64url').slice(0, 16);

function readCursor(plan: ListPlan): Positions {
  if (!plan.cursor) return {};
  try {
    const c = JSON.parse(Buffer.from(plan.cursor, 'base64url').toString('utf8')) as Cursor;
    if (c && c.h === planHash(plan) && c.p && typeof c.p === 'object') return c.p;
  } catch {
    // fall through
  }
  throw new ValidationError('The cursor does not belong to this query.', [{ field: 'cursor', message: 'not a cursor of this query (same filters and sort)' }]);
}

const MAX_READS = 40;

export class DynamoFeedbackListing implements FeedbackListing {
  private readonly doc: DynamoDBDocumentClient;
  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async list(plan: ListPlan): Promise<Page<Feedback>> {
    const ip = indexPlan(plan);
    const filter = filterExpression(plan.filters);
    const pkAttr = `${ip.index}pk`;
    const skAttr = `${ip.index}sk`;
    const { from, to } = plan.range;
    const range =
      from && to ? { cond: ' AND #sk BETWEEN :lo AND :hi', values: { ':lo': from, ':hi': `${to}#~` } }
      : from ? { cond: ' AND #sk >= :lo', values: { ':lo': from } }
      : to ? { cond: ' AND #sk <= :hi', values: { ':hi': `${to}#~` } }
      : { cond: '', values: {} };
    const filtered = filter.expression !== undefined || plan.text !== undefined;
    const result = await mergePartitions<Feedback>(
      ip.partitions,
      readCursor(plan),
      async (partition, after, limit) => {
        const out = await this.doc.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: ip.index,
            KeyConditionExpression: `#pk = :pk${range.cond}`,
            ...(filter.expression && { FilterExpression: filter.expression }),
            ExpressionAttributeNames: { '#pk': pkAttr, ...(range.cond && { '#sk': skAttr }), ...filter.names },
            ExpressionAttributeValues: { ':pk': partition.key, ...range.values, ...filter.values },
            ScanIndexForward: ip.order === 'asc',
            Limit: limit,
            // The position is `<instant>#<id>`: the table key is derived from it.
            ...(after && { ExclusiveStartKey: { pk: `FEEDBACK#${after.slice(after.lastIndexOf('#') + 1)}`, sk: 'FEEDBACK', [pkAttr]: partition.key, [skAttr]: after } }),
          }),
        );
        const items = (out.Items ?? []).map((i) => ({ sk: String(i[skAttr]), value: fromItem(i) }));
        const next = out.LastEvaluatedKey?.[skAttr];
        return { items, ...(typeof next === 'string' && { next }) };
      },
      {
        order: ip.order,
        limit: plan.limit,
        readSize: Math.min(100, plan.limit + (filtered ? 50 : 1)),
        maxReads: MAX_READS,
        ...(plan.text !== undefined && { accept: (fb: Feedback) => matchesText(fb, plan.text!) }),
      },
    );
    const cursor = result.done ? undefined : Buffer.from(JSON.stringify({ h: planHash(plan), p: result.positions } satisfies Cursor)).toString('base64url');
    return { items: result.items, ...(cursor && { cursor }) };
  }
}
