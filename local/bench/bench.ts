import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { signLocalToken } from '../../shared/adapters/jwt-token-verifier.adapter.js';
import { OfflineAnalyzer } from '../../shared/adapters/offline-analyzer/offline-analyzer.adapter.js';
import type { FeedbackInput } from '../../shared/domain/feedback-input.schema.js';
import { config } from '../../shared/runtime/config.js';
import { EMULATOR_CREDENTIALS } from '../emulators.js';
import { progress as makeProgress, type Progress, type ProgressOptions } from '../progress.js';
import { startPlatform, type Platform } from '../runtime.js';
import { benchBodies } from './bench-load.js';
import { closedLoop, openLoop, percentile } from './http-load.js';
import { waitQuiet } from './quiet.js';
import { rawStoreWritesPerSec } from './raw-store.js';
import { attachStoreOpCounter, type StoreOps } from './store-op-counter.js';
import { verifyRun } from './verify.js';
import { watchFeedbackWrites } from './write-cues.js';

import type { Phase } from './bench-phases.js';

export interface BenchOptions {
  readonly items: number;
  readonly concurrency: number;
  /** Steady phase: arrivals per second and for how long. */
  readonly steadyRate: number;
  readonly steadySeconds: number;
  /** Items counted operation by operation (write units read each item before and after: slow). */
  readonly opsItems: number;
  /** Items left `received` for the restart phase. */
  readonly restartItems: number;
  /** Fresh node processes per function for the module-init median (bundles phase). */
  readonly bundleRuns?: number;
  readonly phases: ReadonlySet<Phase>;
  /** Progress options (stream, silent) for every phase. */
  readonly progress?: Omit<ProgressOptions, 'total'>;
  /** How long a phase may wait for the platform to settle. */
  readonly settleTimeoutMs?: number;
}

export interface StoreOpsPerItem {
  readonly reads: number;
  readonly writes: number;
  readonly writeUnits: number;
  /** How many items were counted (fewer than the e2e load: counting write units slows the store). */
  readonly sample: number;
  readonly byCommand: Record<string, number>;
}

export interface BenchResult {
  readonly items: number;
  readonly concurrency: number;
  readonly date: string;
  readonly machine: { readonly cpus: number; readonly model: string; readonly node: string; readonly platform: string };
  readonly rawStoreWritesPerSec: number | null;
  readonly e2eItemsPerSec: number | null;
  readonly ratio: number | null;
  readonly acceptP50Ms: number | null;
  readonly acceptP99Ms: number | null;
  readonly readableP99Ms: number | null;
  readonly storeOpsPerItem: StoreOpsPerItem | null;
  readonly analyzerDocsPerSec: number | null;
  readonly restartCatchUpSec: number | null;
  readonly lost: number;
  readonly doubled: number;
  /** POSTs the platform answered with an error (not accepted, so not lost; the command exits 1 when any). */
  readonly refused: number;
  /** What the verification found wrong (empty when lost and doubled are 0). */
  readonly problems: string[];
  readonly steady: { readonly rate: number; readonly seconds: number; readonly requests: number; readonly readableP50Ms: number | null } | null;
  /** Per function: its minified bundle without the SDK the runtime provides, and the median module init beside an empty module's (`local/bench/bundles.ts`). */
  readonly bundles: Record<string, { readonly bytes: number; readonly initMs: number; readonly emptyInitMs: number }> | null;
  /** Errors the platform reported meanwhile (retried by its own rules; the verification says whether anything was lost). */
  readonly platformErrors: { readonly count: number; readonly examples: readonly string[] };
}

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;
const credentials = { accessKeyId: EMULATOR_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: EMULATOR_CREDENTIALS.AWS_SECRET_ACCESS_KEY };

export function machine(): BenchResult['machine'] {
  return { cpus: cpus().length, model: cpus()[0]?.model.trim() ?? 'unknown', node: process.version, platform: `${process.platform}-${process.arch}` };
}

interface Running {
  readonly platform: Platform;
  readonly base: string;
  readonly token: string;
  readonly client: DynamoDBClient;
  readonly table: string;
}

/** Temporary data folders in use: removed even when the bench is interrupted (Ctrl-C). */
const scratch = new Set<string>();
let cleanupInstalled = false;
function scratchDir(prefix: string): string {
  if (!cleanupInstalled) {
    cleanupInstalled = true;
    process.once('exit', () => {
      for (const d of scratch) rmSync(d, { recursive: true, force: true });
    });
  }
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.add(dir);
  return dir;
}
function dropScratch(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  scratch.delete(dir);
}

/** What the platform reported as errors during the run (e.g. a processor batch timed out and retried). */
const platformErrors = { count: 0, examples: [] as string[] };

async function start(dataDir: string, pauseProcessing = false): Promise<Running> {
  const onError = (e: unknown) => {
    platformErrors.count++;
    const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    if (platformErrors.examples.length < 5 && !platformErrors.examples.includes(text)) platformErrors.examples.push(text);
  };
  const platform = await startPlatform({ port: 0, host: '127.0.0.1', dataDir, pauseProcessing, onError, pipelineThread: process.env.OUVIDOR_PIPELINE_THREAD !== '0' });
  const token = await signLocalToken(config().OUVIDOR_JWT_SECRET!, 'ouvidor-bench', ['admin'], 3600);
  const client = new DynamoDBClient({ region: 'us-east-1', endpoint: platform.emulators.dynamodbEndpoint, credentials });
  return { platform, base: `http://127.0.0.1:${platform.port}`, token, client, table: config().OUVIDOR_TABLE_NAME };
}

async function stop(r: Running): Promise<void> {
  r.client.destroy();
  await r.platform.stop();
}

/** POST one body; the item's id on a 202, else an error naming the status. */
async function post(r: Running, body: FeedbackInput): Promise<string> {
  const res = await fetch(`${r.base}/v1/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== 202) throw new Error(`POST /v1/feedback answered ${res.status}: ${text.slice(0, 200)}`);
  return (JSON.parse(text) as { id: string }).id;
}

async function getJson<T>(r: Running, path: string): Promise<T> {
  const res = await fetch(`${r.base}${path}`, { headers: { authorization: `Bearer ${r.token}` } });
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
  return (await res.json()) as T;
}

/** The metrics report's item count over yesterday..tomorrow (UTC): today in any time zone. */
async function metricsItems(r: Running): Promise<number> {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return (await getJson<{ totals: { items: number } }>(r, `/v1/metrics?from=${day(-1)}&to=${day(1)}`)).totals.items;
}

/**
 * Sends `bodies` at `concurrency`; records accepted ids by request number. A refused POST (e.g. a 500
 * or 503 under overload) was not accepted, so it is not lost: it is counted in `refused` and said.
 */
async function load(r: Running, bodies: readonly FeedbackInput[], concurrency: number, accepted: Map<number, string>, bar?: Progress): Promise<void> {
  const results = await closedLoop(bodies.length, concurrency, (i) => post(r, bodies[i]!), () => bar?.tick());
  for (const s of results) if (s.ok) accepted.set(Number(bodies[s.index]!.metadata!.n), s.value!);
  noteRefused(results.filter((s) => !s.ok).map((s) => s.error ?? ''), bodies.length);
}

const refusals = { count: 0, problems: [] as string[] };
function noteRefused(errors: string[], of: number): void {
  if (errors.length === 0) return;
  refusals.count += errors.length;
  refusals.problems.push(`${errors.length} of ${of} POSTs were not accepted (nothing to lose, but the platform refused them): ${errors[0]!.slice(0, 200)}`);
}

/**
 * `ouvidor bench`: the local platform with its real adapters, on a fresh data folder (removed
 * afterwards), measured phase by phase; then every accepted item is checked (lost, doubled).
 */
export async function runBench(opts: BenchOptions): Promise<BenchResult> {
  const bar = (label: string, total?: number) => makeProgress(label.padEnd(9), { ...opts.progress, ...(total !== undefined && { total }) });
  const has = (p: Phase) => opts.phases.has(p);
  const run = `bench-${Date.now().toString(36)}`;
  const settleMs = opts.settleTimeoutMs ?? 10 * 60_000;
  const result: { -readonly [K in keyof BenchResult]: BenchResult[K] } = {
    items: opts.items, concurrency: opts.concurrency, date: new Date().toISOString(), machine: machine(),
    rawStoreWritesPerSec: null, e2eItemsPerSec: null, ratio: null, acceptP50Ms: null, acceptP99Ms: null, readableP99Ms: null,
    storeOpsPerItem: null, analyzerDocsPerSec: null, restartCatchUpSec: null, lost: 0, doubled: 0, refused: 0, problems: [], steady: null, bundles: null, platformErrors,
  };
  platformErrors.count = 0;
  platformErrors.examples.length = 0;
  refusals.count = 0;
  refusals.problems.length = 0;
  let n = 0;
  const next = (count: number): FeedbackInput[] => {
    const bodies = benchBodies(count, { run, seed: 11 + n, offset: n });
    n += count;
    return bodies;
  };
  const texts = benchBodies(Math.max(200, Math.min(opts.items, 2000)), { run: 'texts', seed: 5 }).map((b) => b.text);

  if (has('raw') || has('e2e') || has('ops') || has('steady')) {
    const dir = scratchDir('ouvidor-bench-');
    const r = await start(dir);
    const accepted = new Map<number, string>();
    try {
      if (has('raw')) {
        const writes = Math.max(200, opts.items);
        const b = bar('raw', writes);
        b.update(0);
        result.rawStoreWritesPerSec = round(await rawStoreWritesPerSec(r.platform.emulators.dynamodbEndpoint, { writes, concurrency: opts.concurrency, texts, credentials }), 0);
        b.update(writes);
        b.finish(`${result.rawStoreWritesPerSec} conditional puts/s`);
      }
      if (has('e2e')) {
        const bodies = next(opts.items);
        // Progress only: an item whose record was written twice (received, then analyzed) is counted as processed.
        const seen = new Map<string, number>();
        const processed = bar('e2e', opts.items);
        const unwatch = watchFeedbackWrites(r.platform.tableStream, (id) => {
          const k = (seen.get(id) ?? 0) + 1;
          seen.set(id, k);
          if (k === 2) processed.tick();
        });
        const t0 = performance.now();
        try {
          await load(r, bodies, opts.concurrency, accepted);
          const done = await waitQuiet(r.platform, { timeoutMs: settleMs });
          result.e2eItemsPerSec = round(opts.items / ((done - t0) / 1000));
        } finally {
          unwatch();
        }
        processed.finish(`${result.e2eItemsPerSec} items/s end to end`);
        if (result.rawStoreWritesPerSec) result.ratio = round(result.e2eItemsPerSec / result.rawStoreWritesPerSec, 3);
      }
      if (has('ops')) {
        const reader = new DynamoDBClient({ region: 'us-east-1', endpoint: r.platform.emulators.dynamodbEndpoint, credentials });
        await waitQuiet(r.platform, { timeoutMs: settleMs });
        const counter = attachStoreOpCounter(r.platform.dynamodb, { tableName: r.table, units: { imageReader: reader } });
        // The pipeline thread's client counts its own operations (the same counter, there).
        await r.platform.pipeline?.count('start');
        try {
          const b = bar('ops', opts.opsItems);
          await load(r, next(opts.opsItems), Math.min(4, opts.concurrency), accepted, b);
          await waitQuiet(r.platform, { timeoutMs: settleMs });
          const s = sumOps(counter.snapshot(), await r.platform.pipeline?.count('stop'));
          const per = (x: number) => round(x / opts.opsItems, 2);
          result.storeOpsPerItem = { reads: per(s.reads), writes: per(s.writes), writeUnits: per(s.writeUnits), sample: opts.opsItems, byCommand: Object.fromEntries(Object.entries(s.byCommand).map(([k, v]) => [k, per(v)])) };
          b.finish(`${result.storeOpsPerItem.reads} reads, ${result.storeOpsPerItem.writes} writes, ${result.storeOpsPerItem.writeUnits} WU per item`);
        } finally {
          counter.detach();
          await r.platform.pipeline?.count('stop');
          reader.destroy();
        }
      }
      if (has('steady')) await steady(r, opts, next, accepted, result, bar, settleMs);
      const v = bar('verify');
      const check = await verifyRun({ client: r.client, table: r.table, run, accepted, metricsItems: () => metricsItems(r) });
      v.finish(`${check.analyzed} analyzed, metrics count ${check.metricsItems}`);
      result.lost += check.lost;
      result.doubled += check.doubled;
      result.problems.push(...check.problems);
    } finally {
      await stop(r);
      dropScratch(dir);
    }
  }
  if (has('analyzer')) {
    const b = bar('analyzer');
    result.analyzerDocsPerSec = round(analyzerDocsPerSec(texts), 0);
    b.finish(`${result.analyzerDocsPerSec} docs/s per CPU-second`);
  }
  if (has('restart')) await restart(opts, next, run, result, bar, settleMs);
  result.refused = refusals.count;
  result.problems.push(...refusals.problems);
  if (has('bundles')) {
    const { measureBundles } = await import('./bundles.js');
    const b = bar('bundles');
    const figures = await measureBundles({ runs: opts.bundleRuns ?? 10, onProgress: (done, total) => b.update(done, total) });
    result.bundles = Object.fromEntries(figures.map((f) => [f.name, { bytes: f.bytes, initMs: f.initMs, emptyInitMs: f.emptyInitMs }]));
    const largest = Math.max(...figures.map((f) => f.bytes));
    const slowest = Math.max(...figures.map((f) => f.initMs));
    b.finish(`largest ${Math.round(largest / 1024)} KB, slowest init ${slowest} ms`);
  }
  return result;
}

type Bar = (label: string, total?: number) => Progress;
type Mutable = { -readonly [K in keyof BenchResult]: BenchResult[K] };

/**
 * A steady `steadyRate` requests per second (open loop) for `steadySeconds`: the POST latency, and
 * the time from each 202 until `GET /v1/feedback/{id}` shows it analyzed — asked when the store
 * sees the item's record written (a cue, see write-cues.ts), and every 500 ms otherwise.
 */
async function steady(r: Running, opts: BenchOptions, next: (n: number) => FeedbackInput[], accepted: Map<number, string>, result: Mutable, bar: Bar, settleMs: number): Promise<void> {
  await waitQuiet(r.platform, { timeoutMs: settleMs });
  const count = Math.max(1, Math.round(opts.steadyRate * opts.steadySeconds));
  const bodies = next(count);
  const b = bar('steady', count);
  const waiting = new Map<string, number>(); // id → when its 202 arrived
  const writes = new Map<string, number>(); // id → writes seen (the ingest write comes before the 202)
  const readable: number[] = [];
  const asking = new Set<string>();
  const ask = (id: string): void => {
    if (asking.has(id) || !waiting.has(id)) return;
    asking.add(id);
    getJson<{ stage: string }>(r, `/v1/feedback/${id}`)
      .then((fb) => {
        const since = waiting.get(id);
        if (fb.stage === 'analyzed' && since !== undefined) {
          readable.push(performance.now() - since);
          waiting.delete(id);
          writes.delete(id);
        }
      })
      .catch(() => {})
      .finally(() => asking.delete(id));
  };
  const unwatch = watchFeedbackWrites(r.platform.tableStream, (id) => {
    writes.set(id, (writes.get(id) ?? 0) + 1);
    if (waiting.has(id)) ask(id);
  });
  const fallback = setInterval(() => {
    for (const id of waiting.keys()) ask(id);
  }, 500);
  try {
    const sent = await openLoop(
      count,
      opts.steadyRate,
      async (i) => {
        const id = await post(r, bodies[i]!);
        waiting.set(id, performance.now());
        if ((writes.get(id) ?? 0) > 1) ask(id); // analyzed before we heard back
        return id;
      },
      () => b.tick(),
    );
    for (const s of sent) if (s.ok) accepted.set(Number(bodies[s.index]!.metadata!.n), s.value!);
    noteRefused(sent.filter((s) => !s.ok).map((s) => s.error ?? ''), count);
    const deadline = performance.now() + settleMs;
    while (waiting.size > 0 && performance.now() < deadline) await new Promise((ok) => setTimeout(ok, 50));
    if (waiting.size > 0) result.problems.push(`${waiting.size} steady-phase items never became readable`);
    const latencies = sent.map((s) => s.ms);
    result.acceptP50Ms = percentile(latencies, 50);
    result.acceptP99Ms = percentile(latencies, 99);
    result.readableP99Ms = readable.length > 0 ? percentile(readable, 99) : null;
    result.steady = { rate: opts.steadyRate, seconds: opts.steadySeconds, requests: count, readableP50Ms: readable.length > 0 ? percentile(readable, 50) : null };
    b.finish(`accept p50 ${result.acceptP50Ms} ms, p99 ${result.acceptP99Ms} ms; readable p99 ${result.readableP99Ms} ms`);
  } finally {
    clearInterval(fallback);
    unwatch();
  }
  await waitQuiet(r.platform, { timeoutMs: settleMs });
}

/** Documents per second of CPU time on one core (the analyzer is synchronous), after a warm-up. */
function analyzerDocsPerSec(texts: readonly string[]): number {
  const analyzer = new OfflineAnalyzer();
  for (const text of texts) analyzer.analyzeSync({ text });
  let docs = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < 1500) {
    for (const text of texts) analyzer.analyzeSync({ text });
    docs += texts.length;
  }
  const cpu = process.cpuUsage(cpu0);
  return docs / ((cpu.user + cpu.system) / 1e6);
}

/**
 * `restartItems` accepted while the queue consumer is off (they stay `received`; the queue lives in
 * memory and goes with the stop), then the platform started again on the same data folder: the time
 * from that start until every one of them is analyzed with its workflows and metrics done.
 */
async function restart(opts: BenchOptions, next: (n: number) => FeedbackInput[], run: string, result: Mutable, bar: Bar, settleMs: number): Promise<void> {
  const dir = scratchDir('ouvidor-bench-restart-');
  const accepted = new Map<number, string>();
  try {
    const first = await start(dir, true);
    try {
      const a = bar('accept', opts.restartItems);
      await load(first, next(opts.restartItems), opts.concurrency, accepted, a);
      await first.platform.tableStream.idle();
      a.finish('left received, the queue consumer off; stopping');
    } finally {
      await stop(first);
    }
    const b = bar('restart', opts.restartItems);
    const t0 = performance.now();
    const second = await start(dir);
    try {
      const received = () => countReceived(second, [...accepted.values()]);
      const done = await waitQuiet(second.platform, {
        timeoutMs: settleMs,
        untilEveryMs: 2000,
        until: async () => {
          const left = await received();
          b.update(opts.restartItems - left);
          return left === 0;
        },
      });
      result.restartCatchUpSec = round((done - t0) / 1000);
      b.finish(`${result.restartCatchUpSec} s from the restart`);
      const check = await verifyRun({ client: second.client, table: second.table, run, accepted, metricsItems: () => metricsItems(second) });
      result.lost += check.lost;
      result.doubled += check.doubled;
      result.problems.push(...check.problems.map((p) => `restart: ${p}`));
    } finally {
      await stop(second);
    }
  } finally {
    dropScratch(dir);
  }
}

/** How many of the ids are not analyzed yet: one consistent BatchGetItem per 100 ids (only while the platform is quiet). */
async function countReceived(r: Running, ids: readonly string[]): Promise<number> {
  const { BatchGetItemCommand } = await import('@aws-sdk/client-dynamodb');
  let left = 0;
  for (let i = 0; i < ids.length; i += 100) {
    let keys = ids.slice(i, i + 100).map((id) => ({ pk: { S: `FEEDBACK#${id}` }, sk: { S: 'FEEDBACK' } }));
    while (keys.length > 0) {
      const out = await r.client.send(new BatchGetItemCommand({ RequestItems: { [r.table]: { Keys: keys, ConsistentRead: true, ProjectionExpression: 'stage' } } }));
      left += (out.Responses?.[r.table] ?? []).filter((it) => it.stage?.S !== 'analyzed').length;
      keys = (out.UnprocessedKeys?.[r.table]?.Keys ?? []) as typeof keys;
    }
  }
  return left;
}

/** Two threads' counts as one. */
function sumOps(a: StoreOps, b: StoreOps | undefined): StoreOps {
  if (!b) return a;
  const byCommand: Record<string, number> = { ...a.byCommand };
  for (const [k, v] of Object.entries(b.byCommand)) byCommand[k] = (byCommand[k] ?? 0) + v;
  return { reads: a.reads + b.reads, writes: a.writes + b.writes, writeUnits: a.writeUnits + b.writeUnits, indexWriteUnits: a.indexWriteUnits + b.indexWriteUnits, readUnits: a.readUnits + b.readUnits, byCommand };
}
