import { isAnalyzerUnavailableError } from '../../domain/analyzer.errors.js';
import { withThrottleRetry, type RetryPolicy } from './comprehend-retry.helper.js';

/** Comprehend's Batch* calls take at most 25 documents. */
export const COMPREHEND_BATCH_SIZE = 25;

export interface BatchOutcome<R> {
  readonly results: ReadonlyArray<{ readonly index: number; readonly value: R | undefined }>;
  readonly errors: ReadonlyArray<{ readonly index: number; readonly code: string; readonly message: string }>;
}

/** One Comprehend operation in its batch and single-document forms. */
export interface BatchOperation<R> {
  readonly label: string;
  sendBatch(texts: readonly string[]): Promise<BatchOutcome<R>>;
  sendOne(text: string): Promise<R | undefined>;
}

export interface DocumentFailure {
  readonly documentIndex: number;
  readonly errorCode: string;
  readonly message: string;
}

/**
 * Runs `operation` over `texts` in groups of 25, each call retried on throttling. A document
 * that comes back in `ErrorList` (or missing from both lists) is retried alone once with the
 * single-document call; if that fails too its slot stays undefined and `onFailure` is told —
 * the rest of the batch is unaffected. A batch call that fails for another reason (not
 * throttling) fails each of its documents (`onFailure`, no single retries: the same request
 * would fail again). Throttling that outlasts the retries (AnalyzerUnavailableError), on a batch
 * call or a single retry, is told per document through `onUnavailable`; the other groups go on.
 */
export async function runInBatches<R>(
  texts: readonly string[],
  operation: BatchOperation<R>,
  policy: RetryPolicy,
  onFailure: (failure: DocumentFailure) => void,
  onUnavailable: (documentIndex: number, error: Error) => void,
): Promise<Array<R | undefined>> {
  const out: Array<R | undefined> = new Array<R | undefined>(texts.length).fill(undefined);
  for (let start = 0; start < texts.length; start += COMPREHEND_BATCH_SIZE) {
    const group = texts.slice(start, start + COMPREHEND_BATCH_SIZE);
    let outcome: BatchOutcome<R>;
    try {
      outcome = await withThrottleRetry(() => operation.sendBatch(group), policy, operation.label);
    } catch (error) {
      group.forEach((_, i) => {
        if (isAnalyzerUnavailableError(error)) return onUnavailable(start + i, error);
        const e = error as { name?: string; message?: string };
        onFailure({ documentIndex: start + i, errorCode: e.name ?? 'Error', message: `batch call: ${e.message ?? String(error)}` });
      });
      continue;
    }
    const done = new Set<number>();
    for (const r of outcome.results) {
      if (r.index < 0 || r.index >= group.length || r.value === undefined) continue;
      out[start + r.index] = r.value;
      done.add(r.index);
    }
    const codes = new Map(outcome.errors.map((e) => [e.index, e] as const));
    for (let i = 0; i < group.length; i += 1) {
      if (done.has(i)) continue;
      const batchError = codes.get(i);
      try {
        const value = await withThrottleRetry(() => operation.sendOne(group[i] ?? ''), policy, `${operation.label} (single)`);
        if (value === undefined) throw new Error('empty response');
        out[start + i] = value;
      } catch (error) {
        if (isAnalyzerUnavailableError(error)) {
          onUnavailable(start + i, error);
          continue;
        }
        const e = error as { name?: string; message?: string };
        onFailure({
          documentIndex: start + i,
          errorCode: e.name ?? batchError?.code ?? 'Error',
          message: `batch: ${batchError?.code ?? 'missing result'}; single retry: ${e.message ?? String(error)}`,
        });
      }
    }
  }
  return out;
}

/** Maps with at most `limit` calls in flight; results in input order. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next;
      next += 1;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
