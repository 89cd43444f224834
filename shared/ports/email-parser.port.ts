import type { ParsedEmail } from '../domain/email.schema.js';

/** Reads a raw RFC 822 message (throws InvalidEmailError, a 400, when it is not one). */
export type EmailParser = (raw: Uint8Array) => Promise<ParsedEmail>;
