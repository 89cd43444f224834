import { createHash } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../domain/errors.js';
import type { Feedback } from '../domain/feedback.schema.js';
import { matchesText, PRIORITY_ORDER, type ListFilters, type ListPlan } from '../domain/triage/feedback-list.query.js';
import type { Page } from '../ports/customer-store.port.js';
import type { FeedbackListing } from '../ports/feedback-listing.port.js';
import { fromItem, priorityIndexPk, SHARD_NUMBERS, slaIndexPk, statusIndexPk } from './dynamo-feedback-store.adapter.js';
import { batchGetByKeys, idOfPosition, queryShards } from './dynamo-sharded-query.js';
import type { Partition, Positions } from './partition-merge.js';

interface IndexPlan {
  readonly index: 'gsi1' | 'gsi2' | 'gsi5';
  readonly order: 'asc' | 'desc';
  readonly partitions: readonly Partition[];
}

/**
 * Which index and partitions serve a plan: status × shard partitions of gsi1, the SLA shards of
 * gsi2, status × rank × shard of gsi5 (a rank is a group: urgent first).
 */
export function indexPlan(plan: ListPlan): IndexPlan {
  if (plan.sort === 'due') return { index: 'gsi2', order: 'asc', partitions: SHARD_NUMBERS.map((n) => ({ key: slaIndexPk(n), group: 0 })) };
  if (plan.sort === 'priority') {
    const partitions = plan.priorities.flatMap((p) =>
      plan.statuses.flatMap((s) => SHARD_NUMBERS.map((n) => ({ key: priorityIndexPk(s, p, n), group: PRIORITY_ORDER.indexOf(p) }))),
    );
    return { index: 'gsi5', order: 'desc', partitions };
  }
  return { index: 'gsi1', order: 'desc', partitions: plan.statuses.flatMap((s) => SHARD_NUMBERS.map((n) => ({ key: statusIndexPk(s, n), group: 0 }))) };
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

  /**
   * The index entries carry the filter attributes only (docs/architecture.md): filters run in the
   * Query, the page's records are fetched back by key (one BatchGetItem). With free text, each
   * read's records are fetched as they come (the text is not in the index) and matched here.
   */
  async list(plan: ListPlan): Promise<Page<Feedback>> {
    const ip = indexPlan(plan);
    const filter = filterExpression(plan.filters);
    const { from, to } = plan.range;
    const range =
      from && to ? { cond: '#sk BETWEEN :lo AND :hi', values: { ':lo': from, ':hi': `${to}#~` } }
      : from ? { cond: '#sk >= :lo', values: { ':lo': from } }
      : to ? { cond: '#sk <= :hi', values: { ':hi': `${to}#~` } }
      : undefined;
    const filtered = filter.expression !== undefined || plan.text !== undefined;
    const text = plan.text;
    const result = await queryShards<Entry>(
      this.doc,
      {
        tableName: this.tableName,
        index: ip.index,
        partitions: ip.partitions,
        order: ip.order,
        ...(range && { sortCondition: range.cond }),
        ...(filter.expression && { filter: filter.expression }),
        names: filter.names,
        values: { ...range?.values, ...filter.values },
      },
      readCursor(plan),
      {
        limit: plan.limit,
        readSize: Math.min(100, plan.limit + (filtered ? 50 : 1)),
        // At least one read of every partition, then refills.
        maxReads: MAX_READS + ip.partitions.length,
        map: (i) => ({ id: idOfPosition(String(i[`${ip.index}sk`])) }),
        ...(text !== undefined && {
          enrich: (entries: Entry[]) => this.fill(entries),
          accept: (e: Entry) => e.fb !== undefined && matchesText(e.fb, text),
        }),
      },
    );
    const items = text !== undefined ? result.items : await this.fill(result.items);
    const cursor = result.done ? undefined : Buffer.from(JSON.stringify({ h: planHash(plan), p: result.positions } satisfies Cursor)).toString('base64url');
    return { items: items.flatMap((e) => (e.fb ? [e.fb] : [])), ...(cursor && { cursor }) };
  }

  /** The records behind index entries (an entry whose record is gone is left without one). */
  private async fill(entries: Entry[]): Promise<Entry[]> {
    const found = await batchGetByKeys(this.doc, this.tableName, entries.map((e) => ({ pk: `FEEDBACK#${e.id}`, sk: 'FEEDBACK' })));
    const byId = new Map(found.map((i) => [String(i.id), fromItem(i)]));
    return entries.map((e) => ({ id: e.id, ...(byId.has(e.id) && { fb: byId.get(e.id)! }) }));
  }
}

interface Entry {
  readonly id: string;
  readonly fb?: Feedback;
}
