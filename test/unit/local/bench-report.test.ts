import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchResult } from '../../../local/bench/bench.js';
import { formatBench, saveUnder } from '../../../local/bench/bench-report.js';
import { benchBodies } from '../../../local/bench/bench-load.js';
import { percentile } from '../../../local/bench/http-load.js';
import { FeedbackInputSchema } from '../../../shared/domain/feedback-input.schema.js';

const result: BenchResult = {
  items: 2000, concurrency: 32, date: '2026-01-05T10:00:00.000Z', machine: { cpus: 2, model: 'Test CPU', node: 'v20.0.0', platform: 'linux-x64' },
  rawStoreWritesPerSec: 1900, e2eItemsPerSec: 151.2, ratio: 0.08, acceptP50Ms: 12.5, acceptP99Ms: 80.1, readableP99Ms: 240,
  storeOpsPerItem: { reads: 4, writes: 8, writeUnits: 18.5, sample: 50, byCommand: { PutItemCommand: 2, UpdateItemCommand: 6, GetItemCommand: 4 } },
  analyzerDocsPerSec: 9000, restartCatchUpSec: 31.5, lost: 0, doubled: 0, refused: 0, problems: [], steady: { rate: 50, seconds: 20, requests: 1000, readableP50Ms: 120 },
  platformErrors: { count: 0, examples: [] }, bundles: { 'get-feedback': { bytes: 150_000, initMs: 90, emptyInitMs: 40 }, 'process-feedback': { bytes: 280_000, initMs: 180, emptyInitMs: 41 } },
};

describe('the bench report', () => {
  it('prints each figure with what it means, and the problems when there are', () => {
    const text = formatBench(result);
    expect(text).toMatch(/e2eItemsPerSec +151\.2 +items\/s accepted/);
    expect(text).toMatch(/storeOpsPerItem +4 R \/ 8 W \/ 18\.5 WU +per item, counted on 50 items/);
    expect(text).toMatch(/PutItem 2, UpdateItem 6, GetItem 4/);
    expect(text).not.toContain('PROBLEMS');
    expect(text).toMatch(/bundles +≤ 273 KB, init ≤ 180 ms +2 functions; an empty module inits in 41 ms/);
    expect(formatBench({ ...result, e2eItemsPerSec: null, lost: 2, problems: ['2 accepted but not stored: #1 X, #2 Y'] })).toMatch(/e2eItemsPerSec +- [\s\S]*lost +2[\s\S]*PROBLEMS:\n {2}- 2 accepted but not stored/);
  });

  it('--save keeps the other keys of docs/benchmarks.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-save-'));
    try {
      const file = join(dir, 'benchmarks.json');
      writeFileSync(file, JSON.stringify({ analyzer: { docsPerSec: 1 } }));
      saveUnder(file, 'bench', { e2eItemsPerSec: 3 });
      saveUnder(file, 'bench', { e2eItemsPerSec: 4 });
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ analyzer: { docsPerSec: 1 }, bench: { e2eItemsPerSec: 4 } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the bench load', () => {
  it('is deterministic, valid API input, mostly Portuguese, tagged for the verification', () => {
    const a = benchBodies(200, { run: 'r', offset: 10 });
    expect(benchBodies(200, { run: 'r', offset: 10 })).toEqual(a);
    for (const body of a) expect(FeedbackInputSchema.safeParse(body).success).toBe(true);
    expect(a.map((b) => b.metadata!.n)).toEqual(Array.from({ length: 200 }, (_, i) => 10 + i));
    const pt = a.filter((b) => /\.com\.br$/.test(b.customer?.email ?? '') || /[ãçõé]/.test(b.text)).length;
    expect(pt / a.length).toBeGreaterThan(0.45);
    expect(pt / a.length).toBeLessThan(0.85);
  });

  it('takes nearest-rank percentiles', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(v, 50)).toBe(50);
    expect(percentile(v, 99)).toBe(99);
    expect(percentile([5], 99)).toBe(5);
    expect(percentile([], 50)).toBeNaN();
  });
});
