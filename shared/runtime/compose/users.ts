import type { UserCredentials, UserDirectory } from '../../ports/user-directory.port.js';
import { config } from '../config.js';
import { capability } from './capability.js';
import { dynamodbClient, tableName } from './dynamodb.js';
import { traced } from '../tracing.js';

/** Resolves `load` once (again after a failure). */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= load();
    value.catch(() => (value = undefined));
    return value;
  };
}

/** The table's users (local runtime only: scrypt passwords), imported on first use. */
const localDirectory = () =>
  Promise.all([import('../../adapters/dynamo-user-directory.adapter.js'), import('../../adapters/scrypt-password.adapter.js')]).then(
    ([d, p]) => new d.DynamoUserDirectory(dynamodbClient(), tableName(), p.scryptPasswords),
  );

/** Staff users: Cognito on AWS, the table locally; the adapter (and its SDK client) is imported on first use. */
export const userDirectory = capability('users', (): UserDirectory => {
  const cfg = config();
  const load = once<UserDirectory>(() =>
    cfg.OUVIDOR_AUTH_MODE === 'local'
      ? localDirectory()
      : Promise.all([import('@aws-sdk/client-cognito-identity-provider'), import('../../adapters/cognito-user-directory.adapter.js')]).then(
          ([sdk, a]) => new a.CognitoUserDirectory(traced(new sdk.CognitoIdentityProviderClient({ region: cfg.AWS_REGION })), cfg.OUVIDOR_USER_POOL_ID ?? ''),
        ),
  );
  return { list: async () => (await load()).list(), create: async (input, at) => (await load()).create(input, at) };
});

/** Local sign-in only (`POST /v1/auth/login`, the users journal); undefined with Cognito. */
export const userCredentials = capability('credentials', (): UserCredentials | undefined => {
  if (config().OUVIDOR_AUTH_MODE !== 'local') return undefined;
  const load = once(localDirectory);
  return { find: async (email) => (await load()).find(email), upsert: async (user) => (await load()).upsert(user) };
});
