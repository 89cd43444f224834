import type { Platform } from '../runtime.js';

/**
 * Waits until the platform has been quiet (queue, bus and metrics stream empty: `Platform.quiet()`,
 * which asks the queue, not the store) on two checks `everyMs` apart, and returns when the first
 * of them was made. `until` adds a condition checked only while quiet (e.g. nothing left in
 * `received` after a restart, whose re-queueing may come in rounds). Fails after `timeoutMs`.
 */
export async function waitQuiet(platform: Pick<Platform, 'quiet'>, opts: { everyMs?: number; timeoutMs: number; until?: () => Promise<boolean>; untilEveryMs?: number; onWait?: () => void }): Promise<number> {
  const every = opts.everyMs ?? 50;
  const deadline = performance.now() + opts.timeoutMs;
  let quietSince: number | undefined;
  let lastUntil = -Infinity;
  while (performance.now() < deadline) {
    const t = performance.now();
    if (await platform.quiet()) {
      if (quietSince === undefined) quietSince = t;
      else if (!opts.until) return quietSince;
      else if (performance.now() - lastUntil >= (opts.untilEveryMs ?? 1000)) {
        lastUntil = performance.now();
        if (await opts.until()) return quietSince;
        quietSince = undefined;
      }
    } else quietSince = undefined;
    opts.onWait?.();
    await new Promise((ok) => setTimeout(ok, every));
  }
  throw new Error(`the platform did not settle within ${Math.round(opts.timeoutMs / 1000)} s`);
}
