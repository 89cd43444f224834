import * as z from 'zod';
import { CategorySchema, ChannelSchema, SentimentLabelSchema } from '../analysis.schema.js';
import { FeedbackStatusSchema, PrioritySchema, type Feedback, type FeedbackStatus, type Priority } from '../feedback.schema.js';

/**
 * GET /v1/feedback: the query string, validated, and the plan the store runs from indexes only.
 * Comma lists mean "any of"; `assignee=me` is the caller, `none` the unassigned.
 */
export const ListSortSchema = z.enum(['received', 'due', 'priority']);
export type ListSort = z.infer<typeof ListSortSchema>;

/** urgent first: the rank in the priority index's partition key. */
export const PRIORITY_ORDER: readonly Priority[] = ['urgent', 'high', 'normal', 'low'];
export const DEFAULT_LIST_STATUSES: readonly FeedbackStatus[] = ['new', 'open', 'pending'];

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((s) => [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))])
    .pipe(z.array(item).min(1).max(20));

const instant = (end: boolean) =>
  z.union([z.iso.datetime({ offset: true }), z.iso.date()]).transform((s) =>
    /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T${end ? '23:59:59.999' : '00:00:00.000'}Z` : new Date(s).toISOString(),
  );

export const ListQuerySchema = z
  .object({
    status: csv(FeedbackStatusSchema).optional(),
    priority: csv(PrioritySchema).optional(),
    sentiment: csv(z.string().transform((s) => s.toUpperCase()).pipe(SentimentLabelSchema)).optional(),
    category: csv(CategorySchema).optional(),
    channel: csv(ChannelSchema).optional(),
    assignee: z.string().trim().min(1).max(128).optional(),
    label: csv(z.string().max(64)).optional(),
    language: csv(z.string().min(2).max(8)).optional(),
    from: instant(false).optional(),
    to: instant(true).optional(),
    q: z.string().trim().max(200).optional(),
    sort: ListSortSchema.default('received'),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(4096).optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'from must not be after to', path: ['from'] });
export type ListQueryInput = z.input<typeof ListQuerySchema>;

/** Equality filters on the record (any of the values), evaluated by the store (FilterExpression). */
export interface ListFilters {
  readonly statuses?: readonly FeedbackStatus[];
  readonly priorities?: readonly Priority[];
  readonly sentiments?: readonly string[];
  readonly categories?: readonly string[];
  readonly channels?: readonly string[];
  readonly languages?: readonly string[];
  /** Items carrying any of these labels. */
  readonly labels?: readonly string[];
  /** An agent id, or null for unassigned items. */
  readonly assignee?: string | null;
  /** receivedAt range, inclusive (ISO). */
  readonly from?: string;
  readonly to?: string;
}

/**
 * How to list: which index and partitions (`statuses` × priority ranks for `priority`; the SLA
 * shards for `due`), the sort-key range, and what is left to filter. `keyed` lists the filters the
 * partitions already guarantee; `filters` is the rest.
 */
export interface ListPlan {
  readonly sort: ListSort;
  readonly statuses: readonly FeedbackStatus[];
  /** For `priority`: the ranks to read, urgent first. */
  readonly priorities: readonly Priority[];
  /** receivedAt range applied on the index sort key (`received`, `priority`). */
  readonly range: { readonly from?: string; readonly to?: string };
  readonly filters: ListFilters;
  /** Free text, matched in process on text, subject, customer name and email (case and accent-insensitive). */
  readonly text?: string;
  readonly limit: number;
  readonly cursor?: string;
}

type ListQuery = z.output<typeof ListQuerySchema>;

export function planList(q: ListQuery, caller: { sub: string }): ListPlan {
  const statuses = q.status ?? DEFAULT_LIST_STATUSES;
  const priorities = PRIORITY_ORDER.filter((p) => !q.priority || q.priority.includes(p));
  const assignee = q.assignee === undefined ? undefined : q.assignee === 'none' ? null : q.assignee === 'me' ? caller.sub : q.assignee;
  const keyedRange = q.sort !== 'due';
  const filters: ListFilters = {
    ...(q.sort === 'due' && { statuses }),
    ...(q.sort !== 'priority' && q.priority && { priorities: q.priority }),
    ...(q.sentiment && { sentiments: q.sentiment }),
    ...(q.category && { categories: q.category }),
    ...(q.channel && { channels: q.channel }),
    ...(q.language && { languages: q.language }),
    ...(q.label && { labels: q.label }),
    ...(assignee !== undefined && { assignee }),
    ...(!keyedRange && q.from && { from: q.from }),
    ...(!keyedRange && q.to && { to: q.to }),
  };
  return {
    sort: q.sort,
    statuses,
    priorities,
    range: keyedRange ? { ...(q.from && { from: q.from }), ...(q.to && { to: q.to }) } : {},
    filters,
    ...(q.q && { text: q.q }),
    limit: q.limit,
    ...(q.cursor && { cursor: q.cursor }),
  };
}

export const foldText = (s: string): string => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();

/** The free-text match of `q`: every word somewhere in text, subject, customer name or email. */
export function matchesText(fb: Pick<Feedback, 'text' | 'subject' | 'customer'>, q: string): boolean {
  const hay = foldText([fb.text, fb.subject, fb.customer.name, fb.customer.email].filter(Boolean).join('\n'));
  return foldText(q).split(/\s+/).filter(Boolean).every((w) => hay.includes(w));
}
