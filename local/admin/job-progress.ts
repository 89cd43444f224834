/**
 * How far the local admin jobs running in this process have got (`POST /v1/local/seed`,
 * `POST /v1/local/metrics/rebuild`): the job updates it, `GET /v1/local/progress?job=` reads it, and
 * the CLI that started the job polls it to draw its progress while it waits for the answer.
 */
export interface JobProgress {
  readonly job: string;
  readonly running: boolean;
  /** What the job is doing now, e.g. `items`, `surveys`, `metrics`. */
  readonly phase: string;
  readonly done: number;
  readonly total?: number;
  readonly startedAt: string;
}

const jobs = new Map<string, JobProgress>();

/** A callback for a use case's `onProgress`: records the job's phase and count. */
export function progressOf(job: string): (phase: string, done: number, total?: number) => void {
  const startedAt = new Date().toISOString();
  jobs.set(job, { job, running: true, phase: 'starting', done: 0, startedAt });
  return (phase, done, total) => jobs.set(job, { job, running: true, phase, done, ...(total !== undefined && { total }), startedAt });
}

export function finishJob(job: string): void {
  const j = jobs.get(job);
  if (j) jobs.set(job, { ...j, running: false });
}

export const jobProgress = (job: string): JobProgress | undefined => jobs.get(job);
