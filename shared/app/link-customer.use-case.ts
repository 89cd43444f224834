import { monotonicFactory } from 'ulid';
import { identitiesOf, type Identity } from '../domain/customer.schema.js';
import type { Customer } from '../domain/feedback.schema.js';
import type { CustomerStore } from '../ports/customer-store.port.js';

const newId = monotonicFactory();

/**
 * Finds or creates the customer profile behind an item's contact details and returns the
 * customer with its `id`. Idempotent: running it again for the same details gives the same id.
 * An identity is owned by the first profile that claimed it (a conditional write), so two items
 * racing for a new customer end on one profile. When details point at two existing profiles the
 * item joins the first found; profiles are never merged silently.
 *
 * One identity (the usual case), `feedbackId` given: the claim comes first, with no read before it;
 * the profile is written when the claim is this item's (a new customer, or a retry of the delivery
 * that claimed it) or when the item brings a name; a returning customer without a name costs the
 * refused claim and one read.
 */
export async function linkCustomer(customers: CustomerStore, customer: Customer, at: Date, feedbackId?: string): Promise<Customer> {
  const identities = identitiesOf(customer);
  if (identities.length === 0) return customer;
  const iso = at.toISOString();
  if (identities.length === 1 && feedbackId !== undefined) {
    const [identity] = identities as [Identity];
    const { owner, byThisItem } = await customers.claimIdentityFor(identity, newId(at.getTime()), iso, feedbackId);
    if (byThisItem || customer.name) await customers.addToProfile(owner, [identity], customer.name, iso);
    return { ...customer, id: owner };
  }
  const owners = await Promise.all(identities.map((i) => customers.findByIdentity(i)));
  let id = owners.find((o) => o !== undefined);
  const mine: Identity[] = [];
  for (const [n, identity] of identities.entries()) {
    const owner = owners[n] ?? (await customers.claimIdentity(identity, id ?? newId(at.getTime()), iso));
    id ??= owner;
    if (owner === id) mine.push(identity);
  }
  await customers.addToProfile(id!, mine, customer.name, iso);
  return { ...customer, id: id! };
}
