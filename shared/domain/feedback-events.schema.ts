import * as z from 'zod';
import { CategorySchema, ChannelSchema, SentimentSchema } from './analysis.schema.js';
import { FeedbackIdSchema, FeedbackSchema, PrioritySchema, FeedbackStatusSchema, RatingSchema, type Feedback } from './feedback.schema.js';

/** `feedback.analyzed`: published once per item when analysis is stored. */
export const FeedbackAnalyzedDetailSchema = z.object({
  id: FeedbackIdSchema,
  version: z.number().int(),
  channel: ChannelSchema,
  receivedAt: z.iso.datetime(),
  language: z.string().optional(),
  sentiment: SentimentSchema,
  category: CategorySchema,
  keyPhrases: z.array(z.string()),
  rating: RatingSchema.optional(),
  status: FeedbackStatusSchema,
  priority: PrioritySchema,
  customerId: z.string().optional(),
});
export type FeedbackAnalyzedDetail = z.infer<typeof FeedbackAnalyzedDetailSchema> & {
  /**
   * The analyzed record as stored (redacted), so that consumers need not read it back; left out
   * when it would not fit an EventBridge entry (256 KB), then consumers read the item.
   */
  readonly item?: Feedback;
};

/** What an event's `item` may weigh (EventBridge's entry limit is 256 KB, the rest of the detail included). */
export const MAX_EVENT_ITEM_BYTES = 200_000;

export interface DomainEvent<T = unknown> {
  /** EventBridge `detail-type`. */
  readonly type: string;
  /** Unique per logical event; consumers dedupe on it. */
  readonly id: string;
  readonly time: string;
  readonly detail: T;
}

export const FEEDBACK_ANALYZED = 'feedback.analyzed';
/** Published by triage when an item is resolved (the survey workflow listens). */
export const FEEDBACK_RESOLVED = 'feedback.resolved';

/** `feedback.resolved`: an agent moved the item into `resolved` (the workflows send the CSAT survey). */
export interface FeedbackResolvedDetail {
  readonly id: string;
  readonly version: number;
  readonly channel: Feedback['channel'];
  readonly status: Feedback['status'];
  readonly priority: Feedback['priority'];
  readonly customerId?: string;
  readonly resolvedAt: string;
  /** `agent:<sub>`. */
  readonly resolvedBy: string;
}

/** One event per resolved version: a reopened and resolved-again item publishes again (its survey is still sent once). */
export function feedbackResolvedEvent(fb: Feedback, at: string, by: string): DomainEvent<FeedbackResolvedDetail> {
  return {
    type: FEEDBACK_RESOLVED,
    id: `${FEEDBACK_RESOLVED}:${fb.id}:v${fb.version}`,
    time: at,
    detail: { id: fb.id, version: fb.version, channel: fb.channel, status: fb.status, priority: fb.priority, ...(fb.customer.id && { customerId: fb.customer.id }), resolvedAt: at, resolvedBy: by },
  };
}

/** `withItem`: carry the record in the detail when it fits. */
export function feedbackAnalyzedEvent(fb: Feedback, opts: { withItem?: boolean } = {}): DomainEvent<FeedbackAnalyzedDetail> {
  if (!fb.sentiment || !fb.category) throw new Error(`feedback ${fb.id} is not analyzed`);
  const version = fb.analysis?.version ?? fb.version;
  return {
    type: FEEDBACK_ANALYZED,
    // One event per analyzed version (a survey answer changed later is analyzed again).
    id: `${FEEDBACK_ANALYZED}:${fb.id}:v${version}`,
    time: fb.analysis?.analyzedAt ?? fb.updatedAt,
    detail: {
      id: fb.id,
      version,
      channel: fb.channel,
      receivedAt: fb.receivedAt,
      language: fb.language,
      sentiment: fb.sentiment,
      category: fb.category,
      keyPhrases: fb.keyPhrases,
      rating: fb.rating,
      status: fb.status,
      priority: fb.priority,
      customerId: fb.customer.id,
      ...(opts.withItem && new TextEncoder().encode(JSON.stringify(fb)).length <= MAX_EVENT_ITEM_BYTES && { item: fb }),
    },
  };
}

/** The record an analyzed event carries, when it is the one the event announces; else undefined (read it). */
export function itemOfEvent(detail: unknown): Feedback | undefined {
  const d = detail as { id?: unknown; version?: unknown; item?: unknown } | undefined;
  if (!d?.item) return undefined;
  const parsed = FeedbackSchema.safeParse(d.item);
  if (!parsed.success || parsed.data.id !== d.id || (parsed.data.analysis?.version ?? parsed.data.version) !== d.version) return undefined;
  return parsed.data;
}
