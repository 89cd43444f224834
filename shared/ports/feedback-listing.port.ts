import type { Feedback } from '../domain/feedback.schema.js';
import type { ListPlan } from '../domain/triage/feedback-list.query.js';
import type { Page } from './customer-store.port.js';

/** The inbox: items listed from indexes only (never a table scan), one page at a time. */
export interface FeedbackListing {
  /** One page of the plan; `cursor` (opaque) when there may be more. */
  list(plan: ListPlan): Promise<Page<Feedback>>;
}
