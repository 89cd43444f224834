import { parseArgs } from 'node:util';
import { signLocalToken } from '../../shared/adapters/jwt-token-verifier.adapter.js';
import { RoleSchema } from '../../shared/domain/auth.schema.js';
import { dataDir, jwtSecret } from '../data-dir.js';

/** `ouvidor token --role admin --sub alice`: prints a local bearer token and nothing else. */
export async function tokenCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { role: { type: 'string', default: 'agent' }, sub: { type: 'string' }, ttl: { type: 'string', default: '43200' } },
  });
  const role = RoleSchema.safeParse(values.role);
  if (!role.success) {
    process.stderr.write(`ouvidor token: --role must be one of ${RoleSchema.options.join(', ')}\n`);
    return 2;
  }
  if (!values.sub) {
    process.stderr.write('ouvidor token: --sub <user> is required\n');
    return 2;
  }
  const ttl = Number(values.ttl);
  if (!Number.isInteger(ttl) || ttl <= 0) {
    process.stderr.write('ouvidor token: --ttl is a number of seconds\n');
    return 2;
  }
  process.stdout.write(`${await signLocalToken(jwtSecret(dataDir()), values.sub, [role.data], ttl)}\n`);
  return 0;
}
