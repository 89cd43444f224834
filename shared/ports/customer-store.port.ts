import type { CustomerProfile, Identity } from '../domain/customer.schema.js';
import type { UnreachableEmail } from '../domain/email-suppression.schema.js';
import type { Feedback } from '../domain/feedback.schema.js';

export interface Page<T> {
  readonly items: T[];
  readonly cursor?: string;
}

export interface CustomerStore {
  /** The customer an identity belongs to, if any. */
  findByIdentity(identity: Identity): Promise<string | undefined>;
  /**
   * Gives an unclaimed identity to `customerId`; returns the identity's owner (ours, or who got it
   * first). `claimedBy` (the item linking it) is kept with the claim: `byThisItem` then says whether
   * the claim is this item's own (made now, or by an earlier delivery of the same item).
   */
  claimIdentity(identity: Identity, customerId: string, at: string, claimedBy?: string): Promise<string>;
  claimIdentityFor(identity: Identity, customerId: string, at: string, claimedBy: string): Promise<{ owner: string; byThisItem: boolean }>;
  /** Creates the profile or adds identities and a name to it (idempotent). */
  addToProfile(customerId: string, identities: readonly Identity[], name: string | undefined, at: string): Promise<void>;
  getProfile(customerId: string): Promise<CustomerProfile | undefined>;
  /** Shows one of the profile's emails as unreachable (kept as first recorded; no profile: nothing). */
  markEmailUnreachable(customerId: string, entry: UnreachableEmail): Promise<void>;
  /** Removes that mark. */
  clearEmailUnreachable(customerId: string, address: string): Promise<void>;
  /** The customer's items across channels, newest first. */
  listItems(customerId: string, limit: number, cursor?: string): Promise<Page<Feedback>>;
}
