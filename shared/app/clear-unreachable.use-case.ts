import { normalizeEmail, type CustomerProfile } from '../domain/customer.schema.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import type { CustomerStore } from '../ports/customer-store.port.js';
import type { Log } from '../ports/logger.port.js';
import type { SuppressionStore } from '../ports/suppression-store.port.js';

export interface ClearUnreachableDeps {
  readonly customers: Pick<CustomerStore, 'getProfile' | 'clearEmailUnreachable'>;
  readonly suppressions: Pick<SuppressionStore, 'clear'>;
  readonly log: Log;
}

/**
 * DELETE /v1/customers/{id}/unreachable/{address}: an agent or admin lifts the suppression of one of
 * the customer's emails (the mailbox works again, the customer asked to hear from us). The suppression
 * record goes first, then the mark on the profile: a retry after a failure between them finishes it.
 * Emails are sent to the address again from then on; a new bounce or complaint suppresses it again.
 */
export async function clearUnreachable(deps: ClearUnreachableDeps, customerId: string, rawAddress: string, actor: string): Promise<CustomerProfile> {
  const address = normalizeEmail(rawAddress);
  if (!address) throw new ValidationError('address: not an email address.', [{ field: 'address', message: 'an email address' }]);
  const profile = /^[0-9A-HJKMNP-TV-Z]{26}$/.test(customerId) ? await deps.customers.getProfile(customerId) : undefined;
  if (!profile) throw new NotFoundError(`No customer with id '${customerId}'.`);
  if (!profile.emails.includes(address)) throw new NotFoundError(`${address} is not an email of this customer.`);
  const cleared = await deps.suppressions.clear(address);
  await deps.customers.clearEmailUnreachable(customerId, address);
  deps.log.info('email suppression cleared', { customerId, actor, hadSuppression: cleared });
  const rest = (profile.unreachable ?? []).filter((u) => u.address !== address);
  const { unreachable: _previous, ...base } = profile;
  return rest.length > 0 ? { ...base, unreachable: rest } : base;
}
