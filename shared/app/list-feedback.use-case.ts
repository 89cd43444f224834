import type { Principal } from '../domain/auth.schema.js';
import { ValidationError } from '../domain/errors.js';
import { toErrorDetails } from '../domain/feedback-input.schema.js';
import { ListQuerySchema, planList } from '../domain/triage/feedback-list.query.js';
import type { Page } from '../ports/customer-store.port.js';
import type { FeedbackListing } from '../ports/feedback-listing.port.js';
import { toView, type FeedbackView } from './get-feedback.use-case.js';

/** GET /v1/feedback: the triage inbox, filtered and sorted from the indexes, one page at a time. */
export async function listFeedback(
  deps: { listing: FeedbackListing },
  query: Record<string, string | undefined>,
  caller: Pick<Principal, 'sub'>,
): Promise<Page<FeedbackView>> {
  const q = ListQuerySchema.safeParse(query);
  if (!q.success) throw new ValidationError('Invalid feedback query.', toErrorDetails(q.error));
  const page = await deps.listing.list(planList(q.data, caller));
  return { items: page.items.map(toView), ...(page.cursor && { cursor: page.cursor }) };
}
