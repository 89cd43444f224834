/** Load shapes for the bench: closed loop (a fixed number of clients) and open loop (arrivals at a rate). */

export interface Sent<T> {
  readonly index: number;
  readonly ok: boolean;
  readonly ms: number;
  readonly value?: T;
  readonly error?: string;
}

/** `count` requests, `concurrency` at a time, each client sending its next as soon as one answers. */
export async function closedLoop<T>(count: number, concurrency: number, send: (i: number) => Promise<T>, onDone?: (s: Sent<T>) => void): Promise<Sent<T>[]> {
  const results: Sent<T>[] = new Array(count);
  let next = 0;
  const client = async () => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      try {
        const value = await send(i);
        results[i] = { index: i, ok: true, ms: performance.now() - t0, value };
      } catch (e) {
        results[i] = { index: i, ok: false, ms: performance.now() - t0, error: (e as Error).message };
      }
      onDone?.(results[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, client));
  return results;
}

/**
 * Open loop: request i is due at `i / ratePerSec` seconds whatever the earlier ones are doing (as
 * independent customers arrive), so a slow answer does not slow the arrivals. Latency is measured
 * from the time a request was due, not from when the timer got to send it: a late send is the
 * server's event loop being busy (the platform runs in this process), and hiding it would be
 * coordinated omission.
 */
export async function openLoop<T>(count: number, ratePerSec: number, send: (i: number) => Promise<T>, onDone?: (s: Sent<T>) => void): Promise<Sent<T>[]> {
  const results: Sent<T>[] = new Array(count);
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / ratePerSec;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((ok) => setTimeout(ok, wait));
    inFlight.push(
      send(i).then(
        (value) => {
          results[i] = { index: i, ok: true, ms: performance.now() - due, value };
        },
        (e: unknown) => {
          results[i] = { index: i, ok: false, ms: performance.now() - due, error: (e as Error).message };
        },
      ).then(() => onDone?.(results[i]!)),
    );
  }
  await Promise.all(inFlight);
  return results;
}

/** Nearest-rank percentile (p in 0..100) of the values, rounded to 0.1 ms; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return Math.round(sorted[rank - 1]! * 10) / 10;
}
