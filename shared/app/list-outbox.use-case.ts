import * as z from 'zod';
import { ValidationError } from '../domain/errors.js';
import { toErrorDetails } from '../domain/feedback-input.schema.js';
import { FeedbackIdSchema } from '../domain/feedback.schema.js';
import type { OutboxRecord } from '../domain/workflow-records.schema.js';
import type { Page } from '../ports/customer-store.port.js';
import type { OutboxStore } from '../ports/workflow-store.port.js';

const QuerySchema = z.object({
  feedbackId: FeedbackIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2048).optional(),
});

/** Everything sent to customers and the team, newest first, optionally for one item. */
export async function listOutbox(deps: { outbox: OutboxStore }, query: Record<string, string | undefined>): Promise<Page<OutboxRecord>> {
  const q = QuerySchema.safeParse(query);
  if (!q.success) throw new ValidationError('Invalid outbox query.', toErrorDetails(q.error));
  return deps.outbox.list(q.data);
}
