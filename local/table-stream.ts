import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { GetItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

export type Keys = { pk?: string; sk?: string };
type Image = Record<string, AttributeValue>;
type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;

export interface LocalTableStreamOptions {
  readonly tableName: string;
  readonly region: string;
  /** Which keys can ever pass the event source mapping's filter (cheap, before any image is known). */
  readonly filter: (keys: Keys) => boolean;
  /** The event source mapping's filter on a whole record (keys and images). */
  readonly recordFilter?: (keys: Keys, oldImage: Image | undefined, newImage: Image | undefined) => boolean;
  /**
   * A client of the same table that is neither observed nor counted: the stream's own reads of an
   * item's image (on AWS the stream is not a table read).
   */
  readonly imageReader: DynamoDBClient;
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
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly oldImage: Image | undefined;
  readonly newImage: Image | undefined;
  attempts: number;
}

/** A write to observe: its keys, and the new image when the request carries it (a put). */
export interface Written {
  readonly keys: Keys;
  readonly put?: Image;
  readonly remove?: boolean;
  /** Written only if absent: the old image is none when the write succeeds. */
  readonly created?: boolean;
  /** An update asked (by the stream) to return the item as written: its new image, no read needed. */
  readonly returnsNew?: boolean;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof (v as { S?: unknown })?.S === 'string' ? (v as { S: string }).S : undefined);
const keysOf = (o: unknown): Keys => {
  const r = (o ?? {}) as Record<string, unknown>;
  return { pk: str(r.pk), sk: str(r.sk) };
};
const keyString = (k: Keys) => `${k.pk}\n${k.sk}`;
/** The items a request writes, among those `filter` keeps (a put's image when it carries one). */
export function writesOf(command: string, input: Record<string, unknown>, tableName: string, filter: (keys: Keys) => boolean): Written[] {
  if (input.TableName !== undefined && input.TableName !== tableName) return [];
  let all: Written[] = [];
  // A put that succeeds under `attribute_not_exists(pk)` created the item: its old image is none, no read needed.
  if (command === 'PutItemCommand') all = [{ keys: keysOf(input.Item), put: input.Item as Image, ...(input.ConditionExpression === 'attribute_not_exists(pk)' && { created: true }) }];
  else if (command === 'UpdateItemCommand') all = [{ keys: keysOf(input.Key) }];
  else if (command === 'DeleteItemCommand') all = [{ keys: keysOf(input.Key), remove: true }];
  else if (command === 'BatchWriteItemCommand') {
    const requests = ((input.RequestItems as Record<string, unknown[]> | undefined)?.[tableName] ?? []) as Record<string, { Item?: unknown; Key?: unknown }>[];
    all = requests.map((r) => (r.PutRequest ? { keys: keysOf(r.PutRequest.Item), put: r.PutRequest.Item as Image } : { keys: keysOf(r.DeleteRequest?.Key), remove: true }));
  }
  return all.filter((w) => filter(w.keys));
}

/**
 * Puts `observe` around every write of the client that `writesOf` keeps: the stream's hook on a
 * client, in this thread (LocalTableStream.attach) or another (local/pipeline-thread.ts).
 */
export function observeWrites(
  client: DynamoDBClient,
  opts: { tableName: string; filter: (keys: Keys) => boolean },
  observe: (written: Written[], write: () => Promise<unknown>) => Promise<unknown>,
): void {
  // An update that returns nothing is asked to return the item as written (ALL_NEW: no extra
  // capacity on DynamoDB): the stream's new image without a read. The caller gets what it asked for.
  const ASKED = Symbol('ouvidorStreamAskedAllNew');
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = (args as unknown as { input: Record<string, unknown> }).input;
      const asked = context.commandName === 'UpdateItemCommand' && (input.ReturnValues === undefined || input.ReturnValues === 'NONE') && input.TableName === opts.tableName && opts.filter(keysOf(input.Key));
      if (!asked) return next(args);
      input.ReturnValues = 'ALL_NEW';
      (context as Record<symbol, unknown>)[ASKED] = true;
      const out = await next(args);
      delete (out as { output?: { Attributes?: unknown } }).output?.Attributes;
      return out;
    },
    { step: 'initialize', name: 'ouvidorLocalTableStreamAllNew' },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = (args as unknown as { input: Record<string, unknown> }).input;
      const returnsNew = (context as Record<symbol, unknown>)[ASKED] === true || input.ReturnValues === 'ALL_NEW';
      const written = writesOf(context.commandName ?? '', input, opts.tableName, opts.filter).map((w) => (returnsNew && !w.remove && !w.put ? { ...w, returnsNew } : w));
      if (written.length === 0) return next(args);
      return observe(written, () => next(args)) as ReturnType<typeof next>;
    },
    { step: 'build', name: 'ouvidorLocalTableStream' },
  );
}

const ATTRIBUTE_TYPES = new Set(['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL']);
/**
 * A returned item as a stream image: a copy of it when it is in DynamoDB's JSON already, else
 * marshalled (a document client converts the output to plain values before this middleware sees it).
 */
function asImage(item: Record<string, unknown>): Image {
  const typed = Object.values(item).every((v) => {
    if (typeof v !== 'object' || v === null || v instanceof Set || Array.isArray(v)) return false;
    const keys = Object.keys(v);
    return keys.length === 1 && ATTRIBUTE_TYPES.has(keys[0]!);
  });
  return typed ? structuredClone(item as Image) : marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: true });
}

/** Images known from the last write of an item (its next record's old image), kept for this many items. */
const TRACKED_IMAGES = 20_000;
const DELIVERED_KEPT = 2_000;

/**
 * What DynamoDB Streams (NEW_AND_OLD_IMAGES) and the Lambda event source mapping do on AWS, for
 * dynalite (which has no streams): every successful write to the table through the runtime's client
 * (PutItem, UpdateItem, DeleteItem, BatchWriteItem) whose keys may pass the filter becomes a stream
 * record with the item's exact images before and after that write; records are delivered in order,
 * in batches, one batch at a time (one shard), and a batch's reported failure is retried from that
 * record with backoff. Images: a put's new image is its item; an update's is read after it; the old
 * image is the previous write's new image (read before the write when not known). Writes to one
 * such item are serialized here so each record's images are exactly that write's before and after.
 * The stream's reads go through `imageReader` (not the observed client: not counted as table reads).
 * In memory only: `dirtyFile` says so across a crash.
 */
export class LocalTableStream {
  private readonly queue: Queued[] = [];
  private sequence = 0n;
  private running: Promise<void> | undefined;
  private idleWaiters: (() => void)[] = [];
  private stopped = false;
  private dirty = false;
  private readonly images = new Map<string, Image | undefined>();
  private readonly locks = new Map<string, Promise<void>>();
  private readonly delivered: DynamoDBRecord[] = [];
  private readonly writeListeners = new Set<(keys: Keys) => void>();

  constructor(private readonly opts: LocalTableStreamOptions) {}

  /** Observes the client's writes (at the build step: the request's attributes are marshalled there). */
  attach(client: DynamoDBClient): void {
    observeWrites(client, { tableName: this.opts.tableName, filter: (keys) => !this.stopped && this.opts.filter(keys) }, (written, write) => this.observe(written, write));
  }

  /** Called with the keys of every successful write the stream observed (any thread's): the bench's cues. */
  onWrite(listener: (keys: Keys) => void): () => void {
    this.writeListeners.add(listener);
    return () => void this.writeListeners.delete(listener);
  }

  /** The stream's filter on keys (a client on another thread applies it before asking to observe). */
  passes(keys: Keys): boolean {
    return !this.stopped && this.opts.filter(keys);
  }

  /**
   * Runs the write with its items locked, and queues a record per item it changed. Public for a
   * client on another thread (local/pipeline-thread.ts), whose write runs when `write` is called.
   */
  async observe<T>(written: readonly Written[], write: () => Promise<T>): Promise<T> {
    if (this.stopped) return write();
    const keys = [...new Set(written.map((w) => keyString(w.keys)))].sort();
    const release = await this.lock(keys);
    try {
      const before = await Promise.all(written.map((w) => (w.created ? undefined : this.knownImage(w.keys))));
      let out: T;
      try {
        out = await write();
      } catch (error) {
        // Refused (a failed condition writes nothing) or unknown: read the image again next time.
        for (const k of keys) this.images.delete(k);
        throw error;
      }
      // A batch write may leave items unprocessed: those were not written.
      const unprocessed = new Set(
        (((out as { output?: { UnprocessedItems?: Record<string, Record<string, { Item?: unknown; Key?: unknown }>[]> } }).output?.UnprocessedItems?.[this.opts.tableName]) ?? []).map((r) =>
          keyString(keysOf(r.PutRequest?.Item ?? r.DeleteRequest?.Key)),
        ),
      );
      for (const [i, w] of written.entries()) {
        const k = keyString(w.keys);
        if (unprocessed.has(k)) continue;
        // A copy: the caller's client may convert the output in place (the document client does).
        const attributes = w.returnsNew ? (out as { output?: { Attributes?: Image } }).output?.Attributes : undefined;
        const returned = attributes && asImage(attributes);
        const after = w.remove ? undefined : (w.put ?? returned ?? (await this.read(w.keys)));
        this.remember(k, after);
        this.push(w.keys, before[i], after);
        for (const listener of this.writeListeners) listener(w.keys);
      }
      return out;
    } finally {
      release();
    }
  }

  private async knownImage(keys: Keys): Promise<Image | undefined> {
    const k = keyString(keys);
    return this.images.has(k) ? this.images.get(k) : this.read(keys);
  }

  private async read(keys: Keys): Promise<Image | undefined> {
    const out = await this.opts.imageReader.send(
      new GetItemCommand({ TableName: this.opts.tableName, Key: { pk: { S: keys.pk ?? '' }, sk: { S: keys.sk ?? '' } }, ConsistentRead: true }),
    );
    return out.Item;
  }

  private remember(k: string, image: Image | undefined): void {
    this.images.delete(k);
    this.images.set(k, image);
    if (this.images.size > TRACKED_IMAGES) this.images.delete(this.images.keys().next().value!);
  }

  private async lock(keys: string[]): Promise<() => void> {
    let release!: () => void;
    const mine = new Promise<void>((ok) => (release = ok));
    const waits = keys.map((k) => this.locks.get(k) ?? Promise.resolve());
    for (const k of keys) this.locks.set(k, mine);
    await Promise.all(waits);
    return () => {
      for (const k of keys) if (this.locks.get(k) === mine) this.locks.delete(k);
      release();
    };
  }

  private push(keys: Keys, oldImage: Image | undefined, newImage: Image | undefined): void {
    // DynamoDB writes no stream record for a write that left the item as it was.
    if (this.stopped || (!oldImage && !newImage) || isDeepStrictEqual(oldImage, newImage)) return;
    if (this.opts.recordFilter && !this.opts.recordFilter(keys, oldImage, newImage)) return;
    const eventName = !oldImage ? 'INSERT' : !newImage ? 'REMOVE' : 'MODIFY';
    this.queue.push({ keys, eventName, oldImage, newImage, attempts: 0 });
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
      this.delivered.push(...records);
      if (this.delivered.length > DELIVERED_KEPT) this.delivered.splice(0, this.delivered.length - DELIVERED_KEPT);
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
        ...(q.oldImage && { OldImage: q.oldImage as never }),
        ...(q.newImage && { NewImage: q.newImage as never }),
        SequenceNumber: String(this.sequence).padStart(21, '0'),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
        ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      },
    };
  }

  /** The last records delivered (at most DELIVERED_KEPT; tests replay them as the stream redelivers). */
  recentRecords(): DynamoDBRecord[] {
    return [...this.delivered];
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
