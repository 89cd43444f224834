import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { signLocalToken } from '../../shared/adapters/jwt-token-verifier.adapter.js';
import type { Role } from '../../shared/domain/auth.schema.js';
import { config } from '../../shared/runtime/config.js';
import { awsClients } from '../../local/container.js';
import { startPlatform, type Platform, type PlatformOptions } from '../../local/runtime.js';

export interface TestPlatform extends Platform {
  token(role: Role | 'none', sub?: string): Promise<string>;
  post(path: string, body: string | object, headers?: Record<string, string>): Promise<Response>;
  get(path: string, role?: Role): Promise<Response>;
  /** Items in the table (any kind). */
  tableCount(): Promise<number>;
  /** Feedback items in the table (a test-only scan; workflows add other records in the background). */
  feedbackCount(): Promise<number>;
  /** The item a channel created for a provider's id (a test-only scan). */
  findBySourceId(externalId: string): Promise<string | undefined>;
  /** Messages waiting or in flight on the processing queue. */
  queueDepth(): Promise<number>;
}

/** The embedded platform on free ports, DynamoDB in memory; the same code `npm start` runs. */
export async function startTestPlatform(opts: Partial<PlatformOptions> = {}): Promise<TestPlatform> {
  const platform = await startPlatform({ port: 0, host: '127.0.0.1', dataDir: undefined, onError: () => {}, ...opts });
  const secret = config().OUVIDOR_JWT_SECRET!;
  const clients = awsClients(config());
  const token = (role: Role | 'none', sub = 'tester') => signLocalToken(secret, sub, role === 'none' ? [] : [role]);
  return {
    ...platform,
    token,
    post: (path, body, headers = {}) =>
      fetch(`${platform.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    get: async (path, role) => fetch(`${platform.url}${path}`, role ? { headers: { authorization: `Bearer ${await token(role)}` } } : {}),
    tableCount: async () => (await clients.dynamodb.send(new ScanCommand({ TableName: config().OUVIDOR_TABLE_NAME, Select: 'COUNT' }))).Count ?? 0,
    feedbackCount: async () => {
      let count = 0;
      let start: Record<string, AttributeValue> | undefined;
      do {
        const out = await clients.dynamodb.send(
          new ScanCommand({ TableName: config().OUVIDOR_TABLE_NAME, Select: 'COUNT', FilterExpression: 'sk = :fb', ExpressionAttributeValues: { ':fb': { S: 'FEEDBACK' } }, ExclusiveStartKey: start }),
        );
        count += out.Count ?? 0;
        start = out.LastEvaluatedKey;
      } while (start);
      return count;
    },
    findBySourceId: async (externalId) => {
      const out = await clients.dynamodb.send(
        new ScanCommand({
          TableName: config().OUVIDOR_TABLE_NAME,
          FilterExpression: '#source.externalId = :id AND begins_with(pk, :fb)',
          ExpressionAttributeNames: { '#source': 'source' },
          ExpressionAttributeValues: { ':id': { S: externalId }, ':fb': { S: 'FEEDBACK#' } },
        }),
      );
      return out.Items?.[0]?.id?.S;
    },
    queueDepth: async () => {
      const out = await clients.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: platform.queue.url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
      );
      return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
    },
  };
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 5000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}
