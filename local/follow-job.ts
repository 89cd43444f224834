import type { JobProgress } from './admin/job-progress.js';
import { callRunningPlatform } from './on-disk-table.js';
import { progress, type Progress, type ProgressOptions } from './progress.js';

/** Draws a job's phases as progress bars: a new bar (and the previous one finished) when the phase changes. */
export function phaseBars(label: string, opts: Omit<ProgressOptions, 'total'> = {}): { report: (phase: string, done: number, total?: number) => void; finish: () => void } {
  let phase: string | undefined;
  let bar: Progress | undefined;
  return {
    report(p, done, total) {
      if (p !== phase) {
        bar?.finish();
        phase = p;
        bar = progress(`${label} ${p}`, { ...opts, ...(total !== undefined && { total }) });
      }
      bar!.update(done, total);
    },
    finish() {
      bar?.finish();
      bar = undefined;
    },
  };
}

/**
 * While `work` (a request to the running platform) is pending, polls `GET /v1/local/progress?job=`
 * every `everyMs` and draws what it says; a progress left from an earlier run is ignored.
 */
export async function followJob<T>(dir: string, job: string, work: Promise<T>, opts: Omit<ProgressOptions, 'total'> & { everyMs?: number } = {}): Promise<T> {
  const since = Date.now() - 1000;
  const bars = phaseBars(job, opts);
  let finished = false;
  const poll = async () => {
    while (!finished) {
      await new Promise((ok) => setTimeout(ok, opts.everyMs ?? 500));
      if (finished) break;
      try {
        const res = await callRunningPlatform(dir, 'GET', `/v1/local/progress?job=${encodeURIComponent(job)}`);
        if (!res?.ok) continue;
        const p = (await res.json()) as JobProgress;
        if (!finished && p.running && Date.parse(p.startedAt) >= since) bars.report(p.phase, p.done, p.total);
      } catch {
        // progress is best effort: the job's answer is what counts
      }
    }
  };
  const polling = poll();
  try {
    return await work;
  } finally {
    finished = true;
    await polling;
    bars.finish();
  }
}
