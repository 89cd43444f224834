import { existsSync, rmSync, writeFileSync } from 'node:fs';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

type Keys = { pk?: string; sk?: string };
type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;

export interface LocalTableStreamOptions {
  readonly tableName: string;
  readonly region: string;
  /** Which keys the event source mapping's filter lets through. */
  readonly filter: (keys: Keys) => boolean;
  readonly invoke: StreamHandler;
  readonly onError: (error: unknown) => void;
  /** A file that exists while changes are queued: found at start-up, the aggregates missed some (rebuild). */
  readonly dirtyFile?: string;
  readonly batchSize?: number;
  readonly windowMs?: number;
  readonly maxAttempts?: number;
}

interface Queued {
  readonly keys: Keys;
  readonly eventName: 'MODIFY' | 'REMOVE';
  attempts: number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof (v as { S?: unknown })?.S === 'string' ? (v as { S: string }).S : undefined);
const keysOf = (o: unknown): Keys => {
  const r = (o ?? {}) as Record<string, unknown>;
  return { pk: str(r.pk), sk: str(r.sk) };
};

/**
 * What DynamoDB Streams and the Lambda event source mapping do on AWS, for dynalite (which has no
 * streams): every successful write to the table through the runtime's client (PutItem, UpdateItem,
 * DeleteItem, BatchWriteItem) whose keys pass the filter becomes a KEYS_ONLY stream record; records
 * are delivered in order, in batches, one batch at a time (one shard), and a batch's reported
 * failure is retried from that record with backoff. In memory only: `dirtyFile` says so across a crash.
 */
export class LocalTableStream {
  private readonly queue: Queued[] = [];
  private sequence = 0n;
  private running: Promise<void> | undefined;
  private idleWaiters: (() => void)[] = [];
  private stopped = false;
  private dirty = false;

  constructor(private readonly opts: LocalTableStreamOptions) {}

  /** Observes the client's successful writes. */
  attach(client: DynamoDBClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const out = await next(args);
        this.observe(context.commandName ?? '', (args as { input: Record<string, unknown> }).input);
        return out;
      },
      { step: 'initialize', name: 'ouvidorLocalTableStream' },
    );
  }

  private observe(command: string, input: Record<string, unknown>): void {
    if (input.TableName !== undefined && input.TableName !== this.opts.tableName) return;
    if (command === 'PutItemCommand') this.push(keysOf(input.Item), 'MODIFY');
    else if (command === 'UpdateItemCommand') this.push(keysOf(input.Key), 'MODIFY');
    else if (command === 'DeleteItemCommand') this.push(keysOf(input.Key), 'REMOVE');
    else if (command === 'BatchWriteItemCommand') {
      const requests = ((input.RequestItems as Record<string, unknown[]> | undefined)?.[this.opts.tableName] ?? []) as Record<string, { Item?: unknown; Key?: unknown }>[];
      for (const r of requests) {
        if (r.PutRequest) this.push(keysOf(r.PutRequest.Item), 'MODIFY');
        else if (r.DeleteRequest) this.push(keysOf(r.DeleteRequest.Key), 'REMOVE');
      }
    }
  }

  private push(keys: Keys, eventName: Queued['eventName']): void {
    if (this.stopped || !this.opts.filter(keys)) return;
    this.queue.push({ keys, eventName, attempts: 0 });
    if (!this.dirty && this.opts.dirtyFile) {
      this.dirty = true;
      writeFileSync(this.opts.dirtyFile, new Date().toISOString());
    }
    this.kick();
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.queue.length > 0 && !this.stopped) this.kick();
      else this.settle();
    });
  }

  private settle(): void {
    if (this.dirty && this.opts.dirtyFile) rmSync(this.opts.dirtyFile, { force: true });
    this.dirty = false;
    for (const w of this.idleWaiters.splice(0)) w();
  }

  private async drain(): Promise<void> {
    await sleep(this.opts.windowMs ?? 50);
    while (this.queue.length > 0 && !this.stopped) {
      const batch = this.queue.splice(0, this.opts.batchSize ?? 100);
      const records = batch.map((q) => this.record(q));
      let failedAt = -1;
      try {
        const res = await this.opts.invoke({ Records: records });
        const first = res?.batchItemFailures?.[0]?.itemIdentifier;
        if (first !== undefined) failedAt = Math.max(0, records.findIndex((r) => r.dynamodb?.SequenceNumber === first));
      } catch (error) {
        this.opts.onError(error);
        failedAt = 0;
      }
      if (failedAt < 0) continue;
      // Retried from the failed record on (as a shard is), after a backoff; given up after maxAttempts.
      const retry = batch.slice(failedAt).filter((q) => ++q.attempts < (this.opts.maxAttempts ?? 8));
      if (retry.length < batch.length - failedAt) this.opts.onError(new Error('local stream: records dropped after repeated failures (run `ouvidor metrics rebuild`)'));
      this.queue.unshift(...retry);
      await sleep(Math.min(10_000, 250 * 2 ** (retry[0]?.attempts ?? 0)));
    }
  }

  private record(q: Queued): DynamoDBRecord {
    this.sequence += 1n;
    return {
      eventID: `local-${this.sequence}`,
      eventName: q.eventName,
      eventSource: 'aws:dynamodb',
      eventVersion: '1.1',
      awsRegion: this.opts.region,
      eventSourceARN: `arn:aws:dynamodb:${this.opts.region}:000000000000:table/${this.opts.tableName}/stream/local`,
      dynamodb: {
        Keys: { pk: { S: q.keys.pk ?? '' }, sk: { S: q.keys.sk ?? '' } },
        SequenceNumber: String(this.sequence).padStart(21, '0'),
        StreamViewType: 'KEYS_ONLY',
        ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      },
    };
  }

  /** Records queued, not yet delivered (the batch in flight not included). */
  get backlog(): number {
    return this.queue.length;
  }

  /** True while records are queued or a batch is being delivered. */
  get busy(): boolean {
    return this.running !== undefined || this.queue.length > 0;
  }

  /** Resolves once every queued record was delivered (tests, the CLI). */
  idle(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((ok) => this.idleWaiters.push(ok));
  }

  /** Stops accepting records and waits for the batch in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
    for (const w of this.idleWaiters.splice(0)) w();
  }

  /** True when a previous run stopped with records not delivered. */
  static missedChanges(dirtyFile: string): boolean {
    return existsSync(dirtyFile);
  }
}

let active: LocalTableStream | undefined;

/** The running platform's stream (local-only admin routes wait for it to drain). */
export function activeTableStream(): LocalTableStream | undefined {
  return active;
}
export function setActiveTableStream(stream: LocalTableStream | undefined): void {
  active = stream;
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms).unref?.());
