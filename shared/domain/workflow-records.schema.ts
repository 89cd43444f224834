import * as z from 'zod';

/** One entry of an item's timeline: what happened, when, and who did it. Never customer text. */
export const TimelineEntrySchema = z.object({
  /** Idempotency key: appending the same key twice is one entry (e.g. `action:analyzed:complaint:2`). */
  key: z.string().min(1),
  at: z.iso.datetime(),
  /** `system`, `rule:<id>`, `agent:<sub>`, `customer`, `sla`. */
  actor: z.string().min(1),
  type: z.enum([
    'received', 'analyzed', 'rule-matched', 'action-done', 'action-failed', 'message-sent', 'message-skipped', 'notification-sent',
    'priority-changed', 'labels-added', 'assigned', 'sla-started', 'sla-warning', 'sla-breached', 'kudos', 'status-changed', 'note', 'labels-removed',
  ]),
  summary: z.string(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

/** The action log: one record per (item, trigger, rule, action) — what makes workflows exactly-once. */
export const ActionRecordSchema = z.object({
  key: z.string().min(1),
  ruleId: z.string(),
  type: z.string(),
  status: z.enum(['pending', 'done', 'failed']),
  attempts: z.number().int().min(0),
  /** A pending claim older than this lease is abandoned (the worker died) and may be taken again. */
  claimedAt: z.iso.datetime().optional(),
  nextAttemptAt: z.iso.datetime().optional(),
  lastError: z.string().optional(),
  doneAt: z.iso.datetime().optional(),
  result: z.record(z.string(), z.unknown()).optional(),
});
export type ActionRecord = z.infer<typeof ActionRecordSchema>;

/** Everything sent (to customers and to the team), as `GET /v1/outbox` lists it. */
export const OutboxRecordSchema = z.object({
  id: z.string(),
  feedbackId: z.string().optional(),
  kind: z.enum(['customer', 'team']),
  channel: z.string(),
  to: z.string(),
  subject: z.string().optional(),
  text: z.string(),
  provider: z.string(),
  providerMessageId: z.string().optional(),
  status: z.enum(['sent', 'outbox-only']),
  template: z.string().optional(),
  at: z.iso.datetime(),
});
export type OutboxRecord = z.infer<typeof OutboxRecordSchema>;
