import type { Clock } from '../ports/clock.port.js';
import type { FeedbackStore } from '../ports/feedback-store.port.js';
import type { Log } from '../ports/logger.port.js';
import type { FeedbackQueue } from '../ports/queue.port.js';
import { METRIC, type Telemetry } from '../ports/telemetry.port.js';

export interface SweepDeps {
  readonly store: FeedbackStore;
  readonly queue: FeedbackQueue;
  readonly clock: Clock;
  readonly log: Log;
  readonly telemetry?: Telemetry;
}

export interface SweepOptions {
  /** Only items received at least this long ago (0: all, as at local start-up). */
  readonly olderThanMs: number;
  /** After this many sweeps an item is moved to `failed` (kept, visible, never dropped). */
  readonly maxSweeps: number;
  /**
   * Whether this pass counts towards maxSweeps. The local runtime's start-up pass does not: the
   * in-memory queue lost its messages, the items themselves did nothing wrong.
   */
  readonly countsAsRetry: boolean;
  readonly limit?: number;
}

export interface SweepResult {
  readonly requeued: number;
  readonly failed: number;
}

/**
 * Finds items accepted but never analyzed (queue send failed, process killed, queue state lost,
 * message dead-lettered) through the sparse `received` index, and enqueues them again.
 */
export async function sweepReceived(deps: SweepDeps, opts: SweepOptions): Promise<SweepResult> {
  const now = deps.clock.now();
  const before = new Date(now.getTime() - opts.olderThanMs).toISOString();
  const ids = await deps.store.listReceived(opts.olderThanMs === 0 ? '9999' : before, opts.limit ?? 500);
  let requeued = 0;
  let failed = 0;
  for (const id of ids) {
    const fb = await deps.store.get(id);
    if (!fb || fb.stage !== 'received') continue;
    const at = now.toISOString();
    if (opts.countsAsRetry) {
      if (fb.sweeps >= opts.maxSweeps) {
        if (await deps.store.markFailed(id, `not analyzed after ${fb.sweeps} re-enqueues`, at)) failed++;
        continue;
      }
      if (!(await deps.store.recordSweep(id, fb.sweeps + 1, at))) continue;
    }
    await deps.queue.send({ id });
    requeued++;
  }
  if (requeued + failed > 0) deps.log.info('sweep', { requeued, failed });
  if (failed > 0) deps.telemetry?.count(METRIC.feedbackFailed, failed);
  return { requeued, failed };
}
