import type { Clock } from '../ports/clock.port.js';
import type { FeedbackStore } from '../ports/feedback-store.port.js';
import type { Log } from '../ports/logger.port.js';
import { sendAll, type FeedbackQueue } from '../ports/queue.port.js';
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
  /** Items per index page (default 500); every page is read: the sweep is not capped. */
  readonly pageSize?: number;
}

export interface SweepResult {
  readonly requeued: number;
  readonly failed: number;
}

/**
 * Finds items accepted but never analyzed (queue send failed, process killed, queue state lost,
 * message dead-lettered) through the sparse `received` index, every shard, page by page, and
 * enqueues them again in batches. The index says how often each was swept, so an item is read
 * only by the processor; the sweep's own writes are conditional on the item still being
 * `received` (an index entry a little behind costs at most one harmless duplicate message).
 */
export async function sweepReceived(deps: SweepDeps, opts: SweepOptions): Promise<SweepResult> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const before = opts.olderThanMs === 0 ? '9999' : new Date(now.getTime() - opts.olderThanMs).toISOString();
  let requeued = 0;
  let failed = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.store.listReceived(before, { limit: opts.pageSize ?? 500, ...(cursor !== undefined && { cursor }) });
    const due: { id: string }[] = [];
    for (const { id, sweeps } of page.items) {
      if (opts.countsAsRetry) {
        if (sweeps >= opts.maxSweeps) {
          if (await deps.store.markFailed(id, `not analyzed after ${sweeps} re-enqueues`, at)) failed++;
          continue;
        }
        if (!(await deps.store.recordSweep(id, sweeps + 1, at))) continue;
      }
      due.push({ id });
    }
    await sendAll(deps.queue, due);
    requeued += due.length;
    cursor = page.cursor;
  } while (cursor !== undefined);
  if (requeued + failed > 0) deps.log.info('sweep', { requeued, failed });
  if (failed > 0) deps.telemetry?.count(METRIC.feedbackFailed, failed);
  return { requeued, failed };
}
