import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import * as z from 'zod';
import type { Customer } from './feedback.schema.js';

/** One customer across channels, linked by normalized email, E.164 phone or social handle. */
export const CustomerProfileSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  handles: z.array(z.string()),
  /** Emails SES reported as bouncing or complained about: nothing is sent to them (see email-suppression.schema). */
  unreachable: z.array(z.object({ address: z.string(), reason: z.enum(['bounced', 'complained']), at: z.iso.datetime() })).optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type CustomerProfile = z.infer<typeof CustomerProfileSchema>;

export type IdentityKind = 'email' | 'phone' | 'handle';
export interface Identity {
  readonly kind: IdentityKind;
  /** Normalized: lower-case email, E.164 phone, lower-case handle without '@'. */
  readonly value: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function normalizeEmail(raw: string | undefined): string | undefined {
  const email = raw?.trim().toLowerCase();
  return email && EMAIL.test(email) ? email : undefined;
}

/** E.164 (`+5511987654321`); numbers without a country code are read as Brazilian by default. */
export function normalizePhone(raw: string | undefined, defaultCountry: CountryCode = 'BR'): string | undefined {
  if (!raw) return undefined;
  const phone = parsePhoneNumberFromString(raw.trim(), defaultCountry);
  return phone?.isValid() ? phone.number : undefined;
}

/**
 * `@Joao_Silva` → `joao_silva`. Handles are not qualified by platform: a customer who gives the
 * same handle on two networks is taken to be one person (the usual case for a brand's audience).
 */
export function normalizeHandle(raw: string | undefined): string | undefined {
  const handle = raw?.trim().replace(/^@+/, '').toLowerCase();
  return handle && /^[\p{L}\p{N}._-]{1,64}$/u.test(handle) ? handle : undefined;
}

export function identitiesOf(customer: Customer): Identity[] {
  const out: Identity[] = [];
  const email = normalizeEmail(customer.email);
  if (email) out.push({ kind: 'email', value: email });
  const phone = normalizePhone(customer.phone);
  if (phone) out.push({ kind: 'phone', value: phone });
  const handle = normalizeHandle(customer.handle);
  if (handle) out.push({ kind: 'handle', value: handle });
  return out;
}
