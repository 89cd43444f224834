import { describe, expect, it } from 'vitest';
import { BatchingAnalyzer } from '../../shared/adapters/batching-analyzer.adapter.js';
import type { AnalyzeInput } from '../../shared/domain/analysis.schema.js';
import { ScriptedAnalyzer } from '../support/fakes.js';

class CountingAnalyzer extends ScriptedAnalyzer {
  batches: number[] = [];
  override async analyzeBatch(inputs: readonly AnalyzeInput[]) {
    this.batches.push(inputs.length);
    return super.analyzeBatch(inputs);
  }
}

describe('BatchingAnalyzer', () => {
  it('turns concurrent analyze calls into batch calls of at most 25, results in order', async () => {
    const inner = new CountingAnalyzer();
    const batching = new BatchingAnalyzer(inner);
    const texts = Array.from({ length: 30 }, (_, i) => (i % 2 ? `bad ${i}` : `good ${i}`));
    const results = await Promise.all(texts.map((text) => batching.analyze({ text })));
    expect(inner.batches).toEqual([25, 5]);
    expect(results.map((r) => r.sentiment.label)).toEqual(texts.map((t) => (t.startsWith('bad') ? 'NEGATIVE' : 'POSITIVE')));
  });

  it('fails every call of a failed batch, and the next calls go through', async () => {
    const inner = new CountingAnalyzer();
    const batching = new BatchingAnalyzer(inner);
    inner.failOn = /boom/;
    const outcome = await Promise.allSettled([batching.analyze({ text: 'boom' }), batching.analyze({ text: 'fine' })]);
    expect(outcome.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    inner.failOn = undefined;
    expect((await batching.analyze({ text: 'fine' })).sentiment.label).toBe('POSITIVE');
  });
});
