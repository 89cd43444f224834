/**
 * Progress for commands that run longer than a few seconds (`ouvidor bench`, `seed`, `metrics rebuild`).
 *
 * Written here rather than taken from a library: nothing suitable is installed (cli-progress, ora and
 * listr are not dependencies) and what is needed is one line redrawn in place on a terminal and a
 * plain line now and then otherwise — some 60 lines, against a dependency for every user of `npx ouvidor`.
 *
 * On a TTY: `label [#######.......] 1234/2000  62 %  151/s  ETA 5 s`, redrawn at most every 100 ms.
 * Otherwise (CI, a pipe, a log file): one plain line every `everyMs` (5 s) or every 10 % of the total.
 * Always on stderr by default, so stdout keeps the command's result (`--json`).
 */

export interface ProgressStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface ProgressOptions {
  /** Undefined: a counter without bar or ETA. */
  readonly total?: number;
  readonly stream?: ProgressStream;
  /** Plain mode: at most one line per this interval (default 5 s) unless 10 % more is done. */
  readonly everyMs?: number;
  /** Nothing at all (e.g. `--quiet`, or tests). */
  readonly silent?: boolean;
  readonly now?: () => number;
}

export interface Progress {
  /** `n` more done. */
  tick(n?: number): void;
  /** `done` so far (and optionally a new total). */
  update(done: number, total?: number): void;
  /** The final line: the count, the time taken and an optional note. */
  finish(note?: string): void;
}

const BAR = 24;

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : s < 3600 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export function progress(label: string, opts: ProgressOptions = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? (() => Date.now());
  const tty = stream.isTTY === true;
  const started = now();
  let total = opts.total;
  let done = 0;
  let lastDraw = -Infinity;
  let lastShare = 0;
  let finished = false;

  const line = (): string => {
    const elapsed = Math.max(1, now() - started);
    const rate = (done * 1000) / elapsed;
    const parts = [label];
    if (total !== undefined && total > 0) {
      const share = Math.min(1, done / total);
      if (tty) parts.push(`[${'#'.repeat(Math.round(share * BAR)).padEnd(BAR, '.')}]`);
      parts.push(`${done}/${total}`, `${Math.floor(share * 100)} %`);
      parts.push(`${rate.toFixed(rate < 10 ? 1 : 0)}/s`);
      if (done > 0 && done < total) parts.push(`ETA ${formatDuration(((total - done) / rate) * 1000)}`);
    } else {
      parts.push(String(done), `${rate.toFixed(rate < 10 ? 1 : 0)}/s`);
    }
    return parts.join('  ');
  };

  const draw = (force: boolean): void => {
    if (opts.silent || finished) return;
    const t = now();
    if (tty) {
      if (!force && t - lastDraw < 100) return;
      const text = line();
      stream.write(`\r${text.slice(0, Math.max(20, (stream.columns ?? 100) - 1)).padEnd(Math.min(stream.columns ?? 100, 100) - 1)}`);
    } else {
      const share = total ? done / total : 0;
      if (!force && t - lastDraw < (opts.everyMs ?? 5000) && share - lastShare < 0.1) return;
      lastShare = share;
      stream.write(`${line()}\n`);
    }
    lastDraw = t;
  };

  return {
    tick(n = 1) {
      done += n;
      draw(false);
    },
    update(d, t) {
      done = d;
      if (t !== undefined) total = t;
      draw(false);
    },
    finish(note) {
      if (opts.silent || finished) return;
      const text = `${label}  ${done}${total !== undefined ? `/${total}` : ''} in ${formatDuration(now() - started)}${note ? `  ${note}` : ''}`;
      stream.write(tty ? `\r${text.padEnd(Math.min(stream.columns ?? 100, 100) - 1)}\n` : `${text}\n`);
      finished = true;
    },
  };
}
