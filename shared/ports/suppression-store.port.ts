import type { Suppression } from '../domain/email-suppression.schema.js';

/** Addresses no email may go to (SES bounces and complaints). */
export interface SuppressionStore {
  /** The suppression of a normalized address, if any. */
  get(address: string): Promise<Suppression | undefined>;
  /** Records it unless the address is already suppressed: `created` or `exists` (idempotent). */
  suppress(suppression: Suppression): Promise<'created' | 'exists'>;
  /** Lifts it (an agent fixed the address or the customer asked again); true if there was one. */
  clear(address: string): Promise<boolean>;
}
