import { SHARE_ENV, Worker } from 'node:worker_threads';
import type { StoreOps } from './bench/store-op-counter.js';
import type { FromPipeline, PipelineThreadData, ToPipeline } from './pipeline-thread.js';
import type { LocalTableStream } from './table-stream.js';

export interface PipelineThread {
  /** Event deliveries scheduled or running on the thread's bus. */
  pending(): Promise<number>;
  /** Store operations counted on the thread's client (the bench): start, then snapshot or stop. */
  count(action: 'start' | 'snapshot' | 'stop'): Promise<StoreOps | undefined>;
  stop(): Promise<void>;
}

/**
 * Starts the pipeline thread (local/pipeline-thread.ts) and serves it: the table stream observes
 * each of its writes here, in order with this thread's; errors are reported through `onError`.
 */
export async function startPipelineThread(data: PipelineThreadData, stream: LocalTableStream, onError: (e: unknown) => void): Promise<PipelineThread> {
  const worker = new Worker(new URL('./pipeline.worker.mjs', import.meta.url), {
    workerData: data,
    env: SHARE_ENV,
    execArgv: [],
    // The same young generation as the CLI's main thread (bin/ouvidor.mjs): many short-lived objects per item.
    resourceLimits: { maxYoungGenerationSizeMb: 192 },
  });
  const post = (m: ToPipeline) => worker.postMessage(m);
  const writes = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void }>();
  const replies = new Map<number, (v: unknown) => void>();
  let seq = 0;
  let stopped: (() => void) | undefined;
  const ready = new Promise<void>((ok, fail) => {
    worker.once('error', fail);
    worker.on('message', (m: FromPipeline) => {
      switch (m.type) {
        case 'ready':
          return ok();
        case 'observe':
          // Runs the thread's write under the stream's lock: `go` lets it write, `written` says how it went.
          return void stream
            .observe(m.written, () => new Promise((resolve, reject) => {
              writes.set(m.id, { ok: resolve, fail: reject });
              post({ type: 'go', id: m.id });
            }))
            .catch(() => {}); // the thread's own caller gets the write's error
        case 'written': {
          const w = writes.get(m.id);
          writes.delete(m.id);
          return m.failed ? w?.fail(new Error('write refused or failed')) : w?.ok({ output: m.output });
        }
        case 'reply':
          replies.get(m.id)?.(m.value);
          return void replies.delete(m.id);
        case 'error':
          return onError(new Error(`pipeline thread: ${m.message}`));
        case 'stopped':
          return stopped?.();
      }
    });
  });
  await ready;
  worker.on('error', onError);
  const ask = <T>(m: (id: number) => ToPipeline) =>
    new Promise<T>((ok) => {
      const id = ++seq;
      replies.set(id, ok as (v: unknown) => void);
      post(m(id));
    });
  return {
    pending: () => ask<number>((id) => ({ type: 'pending', id })),
    count: (action) => ask<StoreOps | undefined>((id) => ({ type: 'count', id, action })),
    stop: async () => {
      const done = new Promise<void>((ok) => (stopped = ok));
      post({ type: 'stop' });
      const forced = setTimeout(() => void worker.terminate(), 10_000);
      await done;
      clearTimeout(forced);
      await worker.terminate();
    },
  };
}
