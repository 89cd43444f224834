/**
 * The DynamoDB Streams API on moto (DescribeStream, GetShardIterator, GetRecords) and the filter
 * criteria of the function's event source mapping. Plain signed-looking JSON calls: the repository has
 * no `@aws-sdk/client-dynamodb-streams` (the registry's newest lags the SDK line the repo pins, and
 * would pull a second set of @smithy packages for one test); moto does not check signatures.
 */
export class StreamReader {
  private readonly iterators = new Map<string, string>();

  constructor(private readonly endpoint: string, private readonly region: string, private readonly streamArn: string) {}

  private async call<T>(action: string, body: unknown): Promise<T> {
    const res = await fetch(this.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDBStreams_20120810.${action}`,
        authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${this.region}/dynamodb/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${action}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** Every record written since the last read, over all shards (TRIM_HORIZON on the first read, as the mapping starts). */
  async read(): Promise<StreamRecord[]> {
    const { StreamDescription } = await this.call<{ StreamDescription: { Shards: Array<{ ShardId: string }> } }>('DescribeStream', { StreamArn: this.streamArn });
    const records: StreamRecord[] = [];
    for (const { ShardId } of StreamDescription.Shards) {
      let iterator = this.iterators.get(ShardId);
      if (!iterator) {
        iterator = (await this.call<{ ShardIterator: string }>('GetShardIterator', { StreamArn: this.streamArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' })).ShardIterator;
      }
      const out = await this.call<{ Records: StreamRecord[]; NextShardIterator: string }>('GetRecords', { ShardIterator: iterator, Limit: 1000 });
      records.push(...out.Records);
      this.iterators.set(ShardId, out.NextShardIterator);
    }
    return records;
  }
}

export interface StreamRecord {
  readonly eventID: string;
  readonly eventName: string;
  readonly dynamodb: Record<string, unknown>;
  readonly [key: string]: unknown;
}

/**
 * Lambda event filtering (the EventBridge pattern syntax the mapping's FilterCriteria use): exact
 * values, `prefix`, `anything-but` and `exists`, nested objects; a record passes if any filter matches.
 */
export function matchesPattern(pattern: unknown, value: unknown): boolean {
  if (Array.isArray(pattern)) {
    return pattern.some((rule) => {
      if (rule !== null && typeof rule === 'object') {
        const r = rule as Record<string, unknown>;
        if ('prefix' in r) return typeof value === 'string' && value.startsWith(String(r['prefix']));
        if ('anything-but' in r) {
          const but = r['anything-but'];
          return value !== undefined && !(Array.isArray(but) ? but : [but]).includes(value);
        }
        if ('exists' in r) return (value !== undefined) === Boolean(r['exists']);
        throw new Error(`filter rule ${JSON.stringify(rule)} is not supported by the rehearsal`);
      }
      return rule === value;
    });
  }
  if (pattern !== null && typeof pattern === 'object') {
    if (value === null || typeof value !== 'object') return false;
    return Object.entries(pattern).every(([k, p]) => matchesPattern(p, (value as Record<string, unknown>)[k]));
  }
  return pattern === value;
}

export const passesFilters = (filters: ReadonlyArray<{ Pattern: string }>, record: unknown): boolean =>
  filters.length === 0 || filters.some((f) => matchesPattern(JSON.parse(f.Pattern), record));
