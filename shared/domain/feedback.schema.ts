import * as z from 'zod';
import { AnalysisFallbackSchema, CategorySchema, ChannelSchema, AnalyzerEngineSchema, PiiEntitySchema, SentimentSchema } from './analysis.schema.js';
import { PrioritySchema } from './priority.schema.js';
import { SlaStateSchema } from './sla/sla-state.schema.js';

export { CategorySchema, ChannelSchema, SentimentSchema };

/** ULID: 26 Crockford base-32 characters, time-ordered. */
export const FeedbackIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID');

export const FeedbackStatusSchema = z.enum(['new', 'open', 'pending', 'resolved', 'closed']);
export type FeedbackStatus = z.infer<typeof FeedbackStatusSchema>;

export { PrioritySchema, type Priority } from './priority.schema.js';

/** Where the item is in the pipeline (distinct from the triage `status`). */
/**
 * `received` → `analyzed` (or `failed` after the sweeper gave up); `ignored` (auto-replies,
 * bounces) and `quarantined` (spam or virus verdicts) are kept for admins and never analyzed.
 */
export const StageSchema = z.enum(['received', 'analyzed', 'failed', 'ignored', 'quarantined']);
export type Stage = z.infer<typeof StageSchema>;

export const CustomerSchema = z
  .object({
    id: z.string().min(1).max(128),
    email: z.email().max(254),
    name: z.string().trim().min(1).max(200),
    handle: z.string().trim().min(1).max(100),
    phone: z.string().trim().min(3).max(32),
  })
  .partial()
  .strict();
export type Customer = z.infer<typeof CustomerSchema>;

export const RatingSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('nps'), score: z.number().int('NPS is a whole number').min(0, 'NPS is 0 to 10').max(10, 'NPS is 0 to 10') }).strict(),
  z.object({ type: z.literal('csat'), score: z.number().int('CSAT is a whole number').min(1, 'CSAT is 1 to 5').max(5, 'CSAT is 1 to 5') }).strict(),
]);
export type Rating = z.infer<typeof RatingSchema>;

export const SourceSchema = z.object({
  /** web form, api client, ses, smtp, meta, x, generic, transcribe, survey... */
  provider: z.string().min(1).max(64),
  externalId: z.string().max(512).optional(),
  permalink: z.string().max(2048).optional(),
  /** Object-store key of the raw object (raw email, webhook body, transcript, original text). */
  rawRef: z.string().max(1024).optional(),
});
export type Source = z.infer<typeof SourceSchema>;

export const MetadataSchema = z
  .record(z.string().min(1).max(64), z.union([z.string().max(1000), z.number(), z.boolean()]))
  .refine((m) => Object.keys(m).length <= 50, 'at most 50 metadata keys');
export type Metadata = z.infer<typeof MetadataSchema>;

export const AttachmentRefSchema = z.object({
  key: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int().min(0),
});
export type AttachmentRef = z.infer<typeof AttachmentRefSchema>;

export const TurnSchema = z.object({
  role: z.enum(['AGENT', 'CUSTOMER', 'UNKNOWN']),
  speaker: z.string().optional(),
  text: z.string(),
  beginOffsetMs: z.number().optional(),
  endOffsetMs: z.number().optional(),
  /** The sentiment the transcript itself carried for the turn (Call Analytics, Contact Lens). */
  providerSentiment: z.enum(['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED']).optional(),
});

/** A phone call's metadata and turns (customer and agent), as the transcript gave them. */
export const CallSchema = z.object({
  format: z.string(),
  externalId: z.string(),
  languageCode: z.string().optional(),
  durationMs: z.number().optional(),
  agentId: z.string().optional(),
  turns: z.array(TurnSchema),
  providerSentiment: z.object({ customer: z.number().optional(), agent: z.number().optional() }).optional(),
  characteristics: z.record(z.string(), z.unknown()).optional(),
});
export type Call = z.infer<typeof CallSchema>;

export const AnalysisMetaSchema = z.object({
  /** `rating`: a survey answer without a comment, whose sentiment comes from its score. */
  engine: z.union([AnalyzerEngineSchema, z.literal('rating')]),
  confidence: z.number().min(0).max(1),
  languageConfidence: z.number().min(0).max(1),
  /** Types and offsets (in the original text) of what was redacted; never the values. */
  pii: z.array(PiiEntitySchema),
  analyzedAt: z.iso.datetime(),
  /** The record version this analysis produced (workflows and triage bump the version later). */
  version: z.number().int().min(1),
  /** Comprehend was asked but (part of) the result is offline: why (see AnalysisFallbackSchema). */
  fallback: AnalysisFallbackSchema.optional(),
});
export type AnalysisMeta = z.infer<typeof AnalysisMetaSchema>;

/**
 * The one normalized record every channel produces. Fields filled by analysis are absent
 * while `stage` is `received`. `text` is the customer's text as received until analysis,
 * then the PII-redacted text (the original goes to the object store, see `originalRef`).
 */
export const FeedbackSchema = z.object({
  id: FeedbackIdSchema,
  channel: ChannelSchema,
  receivedAt: z.iso.datetime(),
  customer: CustomerSchema,
  subject: z.string().max(500).optional(),
  /** Empty only for a survey answer without a comment (then `rating` carries the feedback). */
  text: z.string().max(20_000),
  language: z.string().min(2).max(8).optional(),
  sentiment: SentimentSchema.optional(),
  category: CategorySchema.optional(),
  keyPhrases: z.array(z.string()),
  rating: RatingSchema.optional(),
  status: FeedbackStatusSchema,
  priority: PrioritySchema,
  assignee: z.string().optional(),
  /** The team the item was routed to (rules' `assign`). */
  team: z.string().optional(),
  /** The first reply an agent sent the customer (with or without an SLA clock), and who sent it. */
  firstResponseAt: z.iso.datetime().optional(),
  firstResponseBy: z.string().optional(),
  /** When the item first entered `resolved` (kept if reopened), and by whom. */
  resolvedAt: z.iso.datetime().optional(),
  resolvedBy: z.string().optional(),
  /** The SLA clock (first response and resolution due times on business time), once started. */
  sla: SlaStateSchema.optional(),
  labels: z.array(z.string()),
  source: SourceSchema,
  metadata: MetadataSchema.optional(),
  analysis: AnalysisMetaSchema.optional(),
  attachments: z.array(AttachmentRefSchema).optional(),
  call: CallSchema.optional(),
  /** The survey this item answers. */
  surveyId: z.string().optional(),
  /** Why an `ignored` or `quarantined` item was set aside. */
  ignoredReason: z.string().optional(),
  /** Object-store key of the original, unredacted text (admins only). */
  originalRef: z.string().optional(),
  stage: StageSchema,
  /** Why a `failed` item could not be processed. */
  failure: z.string().optional(),
  /** Times the sweeper re-enqueued this item while it stayed `received`. */
  sweeps: z.number().int().min(0),
  /**
   * A `feedback.resolved` saved with the resolution but not yet confirmed published (the sweeper
   * publishes it again until it is): the status change and its event never part ways.
   */
  resolvedEventPending: z.object({ version: z.number().int(), at: z.iso.datetime(), by: z.string() }).optional(),
  /** Set once `feedback.analyzed` has been published for this version. */
  eventPublishedAt: z.iso.datetime().optional(),
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}).refine((f) => f.text.trim() !== '' || f.rating !== undefined || f.stage === 'ignored' || f.stage === 'quarantined', {
  message: 'text must not be empty',
  path: ['text'],
});
export type Feedback = z.infer<typeof FeedbackSchema>;
