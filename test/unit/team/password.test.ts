import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from '../../../shared/adapters/scrypt-password.adapter.js';

describe('scrypt passwords', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(hash).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same', a)).toBe(true);
    expect(await verifyPassword('same', b)).toBe(true);
  });

  it('answers false, never throws, for a malformed hash', async () => {
    for (const bad of ['', 'plain', 'scrypt$1$2$3', 'bcrypt$x$y$z$salt$key', 'scrypt$0$8$1$c2FsdA$a2V5']) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
  });

  it('generates long random passwords', () => {
    const a = generatePassword();
    expect(a.length).toBeGreaterThanOrEqual(20);
    expect(generatePassword()).not.toBe(a);
  });
});
