import type { CustomerProfile } from '../domain/customer.schema.js';
import { NotFoundError } from '../domain/errors.js';
import type { CustomerStore } from '../ports/customer-store.port.js';
import { toView, type FeedbackView } from './get-feedback.use-case.js';

export interface CustomerView {
  readonly profile: CustomerProfile;
  /** The customer's items across every channel, newest first. */
  readonly items: FeedbackView[];
  readonly cursor?: string;
}

export async function getCustomer(deps: { customers: CustomerStore }, id: string, page: { limit?: number; cursor?: string } = {}): Promise<CustomerView> {
  const profile = /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id) ? await deps.customers.getProfile(id) : undefined;
  if (!profile) throw new NotFoundError(`No customer with id '${id}'.`);
  const { items, cursor } = await deps.customers.listItems(id, Math.min(Math.max(page.limit ?? 50, 1), 100), page.cursor);
  return { profile, items: items.map(toView), ...(cursor && { cursor }) };
}
