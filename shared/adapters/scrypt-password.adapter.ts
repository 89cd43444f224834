import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHasher } from '../ports/user-directory.port.js';

const PARAMS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

const derive = (password: string, salt: Buffer, o: ScryptOptions, keyLength: number): Promise<Buffer> =>
  new Promise((ok, fail) => scrypt(password.normalize('NFKC'), salt, keyLength, { ...o, maxmem: 64 * 1024 * 1024 }, (e, key) => (e ? fail(e) : ok(key))));

/** `scrypt$N$r$p$<salt b64url>$<key b64url>`: a random 16-byte salt per password. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS, KEY_LENGTH);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Constant-time comparison of the derived key; false (never an error) for a malformed hash. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = hash.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  if (expected.length === 0) return false;
  try {
    const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) }, expected.length);
    return timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}

/** 18 random bytes as base64url (24 characters), plus a symbol and digit-safe suffix for policies. */
export const generatePassword = (): string => `${randomBytes(18).toString('base64url')}-7a`;

export const scryptPasswords: PasswordHasher = { hash: hashPassword, verify: verifyPassword, generate: generatePassword };
