import type { AnalysisResult, AnalyzeInput } from '../domain/analysis.schema.js';
import type { Analyzer } from '../ports/analyzer.port.js';

interface Pending {
  readonly input: AnalyzeInput;
  resolve(r: AnalysisResult): void;
  reject(e: unknown): void;
}

/**
 * Coalesces the `analyze` calls made in the same turn of the event loop into `analyzeBatch` calls
 * of up to `maxBatch` (the processor handles an SQS batch's records concurrently, one call each;
 * Comprehend bills and throttles per request, and its batch APIs take 25 documents).
 */
export class BatchingAnalyzer implements Analyzer {
  readonly name: string;
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(private readonly inner: Analyzer, private readonly maxBatch = 25) {
    this.name = inner.name;
  }

  analyze(input: AnalyzeInput): Promise<AnalysisResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  analyzeBatch(inputs: readonly AnalyzeInput[]): Promise<AnalysisResult[]> {
    return this.inner.analyzeBatch(inputs);
  }

  analyzeBatchSettled(inputs: readonly AnalyzeInput[]): Promise<Array<AnalysisResult | Error>> {
    return this.inner.analyzeBatchSettled ? this.inner.analyzeBatchSettled(inputs) : this.inner.analyzeBatch(inputs);
  }

  private flush(): void {
    const all = this.pending;
    this.pending = [];
    this.scheduled = false;
    for (let i = 0; i < all.length; i += this.maxBatch) {
      const chunk = all.slice(i, i + this.maxBatch);
      const inputs = chunk.map((p) => p.input);
      // Per-item outcomes where the engine gives them: an item Comprehend was throttled on fails alone.
      const settled: Promise<ReadonlyArray<AnalysisResult | Error>> = this.inner.analyzeBatchSettled
        ? this.inner.analyzeBatchSettled(inputs)
        : this.inner.analyzeBatch(inputs);
      settled.then(
        (results) =>
          chunk.forEach((p, n) => {
            const r = results[n];
            if (r === undefined) p.reject(new Error('analyzer returned fewer results than inputs'));
            else if (r instanceof Error) p.reject(r);
            else p.resolve(r);
          }),
        (error: unknown) => chunk.forEach((p) => p.reject(error)),
      );
    }
  }
}
