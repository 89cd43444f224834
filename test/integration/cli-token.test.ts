import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalTokenVerifier } from '../../shared/adapters/jwt-token-verifier.adapter.js';
import { jwtSecret } from '../../local/data-dir.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'ouvidor-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ouvidor = (...args: string[]) => run(process.execPath, ['bin/ouvidor.mjs', ...args], { env: { ...process.env, OUVIDOR_DATA_DIR: dir } });

describe('ouvidor token', () => {
  it('prints only a token that the local runtime accepts, with the role asked for', async () => {
    const { stdout } = await ouvidor('token', '--role', 'admin', '--sub', 'alice');
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const principal = await new LocalTokenVerifier(jwtSecret(dir)).verify(stdout.trim());
    expect(principal).toEqual({ sub: 'alice', roles: ['admin'] });
  });

  it('refuses an unknown role or a missing subject with exit code 2', async () => {
    await expect(ouvidor('token', '--role', 'root', '--sub', 'x')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--role') });
    await expect(ouvidor('token', '--role', 'agent')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--sub') });
    await expect(ouvidor('frobnicate')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("unknown command 'frobnicate'") });
  });
});
