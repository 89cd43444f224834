import { describe, expect, it } from 'vitest';
import { formatDuration, progress } from '../../../local/progress.js';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns: 100, write: (c: string) => chunks.push(c) } };
}

describe('progress', () => {
  it('prints plain lines every 10 % (or every few seconds) when not on a terminal, with rate and ETA', () => {
    let t = 0;
    const { chunks, stream } = sink(false);
    const p = progress('seed', { total: 100, stream, now: () => t });
    for (let i = 0; i < 100; i++) {
      t += 100; // 10 items per second
      p.tick();
    }
    p.finish('done');
    expect(chunks.length).toBeGreaterThanOrEqual(10);
    expect(chunks.length).toBeLessThanOrEqual(12);
    expect(chunks[4]).toMatch(/^seed {2}(\d+)\/100 {2}\1 % {2}10\/s {2}ETA \d s\n$/);
    expect(chunks.at(-1)).toBe('seed  100/100 in 10 s  done\n');
    expect(chunks.every((c) => !c.includes('\r'))).toBe(true);
  });

  it('redraws one line with a bar on a terminal, at most every 100 ms', () => {
    let t = 0;
    const { chunks, stream } = sink(true);
    const p = progress('bench', { total: 4, stream, now: () => t });
    p.tick();
    p.tick(); // same instant: not redrawn
    t = 200;
    p.update(2);
    expect(chunks).toHaveLength(2);
    expect(chunks[1]).toMatch(/^\rbench {2}\[#{12}\.{12}\] {2}2\/4 {2}50 %/);
    p.finish();
    expect(chunks.at(-1)).toMatch(/^\rbench {2}2\/4 in 0 s *\n$/);
  });

  it('counts without a total, and stays silent when asked', () => {
    const { chunks, stream } = sink(false);
    const p = progress('rebuild', { stream, now: () => 0 });
    p.update(5);
    expect(chunks[0]).toMatch(/^rebuild {2}5 {2}/);
    const quiet = sink(false);
    const q = progress('x', { total: 3, stream: quiet.stream, silent: true });
    q.tick();
    q.finish();
    expect(quiet.chunks).toEqual([]);
  });

  it('formats durations', () => {
    expect(formatDuration(4_400)).toBe('4 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(3_720_000)).toBe('1 h 2 min');
  });
});
