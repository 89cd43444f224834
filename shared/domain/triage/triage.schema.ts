import * as z from 'zod';
import { FeedbackIdSchema, FeedbackStatusSchema, PrioritySchema, type FeedbackStatus } from '../feedback.schema.js';

/** What an agent may change on an item: PATCH /v1/feedback/{id} and each item of a bulk change. */
export const LabelSchema = z.string().trim().min(1).max(64);
export const TriageChangesSchema = z
  .object({
    status: FeedbackStatusSchema.optional(),
    priority: PrioritySchema.optional(),
    /** An agent id, or null to unassign. */
    assignee: z.string().trim().min(1).max(128).nullable().optional(),
    labels: z.object({ add: z.array(LabelSchema).max(50).optional(), remove: z.array(LabelSchema).max(50).optional() }).strict().optional(),
  })
  .strict();
export type TriageChanges = z.infer<typeof TriageChangesSchema>;

export const PatchFeedbackSchema = TriageChangesSchema.extend({ version: z.number().int().min(1).optional() }).strict();

export const BulkTriageSchema = z.object({ ids: z.array(FeedbackIdSchema).min(1).max(100), changes: TriageChangesSchema }).strict();
export type BulkTriage = z.infer<typeof BulkTriageSchema>;

export const ReplySchema = z.object({ text: z.string().trim().min(1).max(10_000), cannedReplyId: z.string().min(1).max(128).optional() }).strict();
export type Reply = z.infer<typeof ReplySchema>;

export const NoteSchema = z.object({ text: z.string().trim().min(1).max(5_000) }).strict();

/** Allowed status transitions (docs/architecture.md, *Triage*). */
export const TRANSITIONS: Readonly<Record<FeedbackStatus, readonly FeedbackStatus[]>> = {
  new: ['open', 'pending', 'resolved', 'closed'],
  open: ['pending', 'resolved', 'closed'],
  pending: ['open', 'resolved', 'closed'],
  resolved: ['open', 'closed'],
  closed: ['open'],
};

export const canTransition = (from: FeedbackStatus, to: FeedbackStatus): boolean => TRANSITIONS[from].includes(to);
