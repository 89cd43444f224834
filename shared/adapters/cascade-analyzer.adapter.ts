import type { AnalysisResult, AnalyzeInput } from '../domain/analysis.schema.js';
import { isAnalyzerUnavailableError } from '../domain/analyzer.errors.js';
import type { Analyzer, SettledAnalysis } from '../ports/analyzer.port.js';
import type { ComprehendAnalyzer } from './comprehend-analyzer.adapter.js';

/**
 * What to do when Comprehend is unavailable for an item (throttled past its retries → AnalyzerUnavailableError):
 * - 'fail' (default): that item's outcome is the error, so its SQS record fails and is retried
 *   later (the other records of the batch are not); nothing degraded is stored. Choose this when
 *   Comprehend's answer is what you pay for.
 * - 'offline': keep the offline result for it (engine 'offline', `fallback.reason`
 *   'comprehend-unavailable') and report it via `onDegraded`. Choose this when freshness matters
 *   more than the second opinion.
 * Other Comprehend errors never reach here: the Comprehend adapter keeps the offline answer for
 * what they affect (`fallback.reason` 'comprehend-error').
 */
export type ComprehendUnavailablePolicy = 'fail' | 'offline';

export interface CascadeAnalyzerOptions {
  readonly offline: Analyzer;
  readonly comprehend: Pick<ComprehendAnalyzer, 'enrich'> & Partial<Pick<ComprehendAnalyzer, 'enrichSettled'>>;
  /** 0..1: offline results with `confidence >= threshold` are kept; the rest go to Comprehend. */
  readonly threshold: number;
  readonly onComprehendUnavailable?: ComprehendUnavailablePolicy;
  /** Told when 'offline' swallowed an AnalyzerUnavailableError; default console.warn. */
  readonly onDegraded?: (info: { readonly items: number; readonly error: Error }) => void;
}

/**
 * Offline first, Comprehend only for what the offline engine is unsure of: the whole batch is
 * analyzed offline, the items under the threshold are sent to `comprehend.enrich` in one call,
 * and the results come back in input order.
 */
export class CascadeAnalyzer implements Analyzer {
  readonly name = 'cascade';
  private readonly offline: Analyzer;
  private readonly comprehend: CascadeAnalyzerOptions['comprehend'];
  private readonly threshold: number;
  private readonly onUnavailable: ComprehendUnavailablePolicy;
  private readonly onDegraded: (info: { readonly items: number; readonly error: Error }) => void;

  constructor(options: CascadeAnalyzerOptions) {
    if (!Number.isFinite(options.threshold) || options.threshold < 0 || options.threshold > 1) {
      throw new RangeError(`CascadeAnalyzer threshold must be within 0..1, got ${options.threshold}`);
    }
    this.offline = options.offline;
    this.comprehend = options.comprehend;
    this.threshold = options.threshold;
    this.onUnavailable = options.onComprehendUnavailable ?? 'fail';
    this.onDegraded =
      options.onDegraded ??
      ((info) => console.warn(JSON.stringify({ level: 'WARN', source: 'CascadeAnalyzer', message: 'Comprehend unavailable; offline results kept', items: info.items, error: info.error.message })));
  }

  async analyze(input: AnalyzeInput): Promise<AnalysisResult> {
    const [result] = await this.analyzeBatch([input]);
    if (result === undefined) throw new Error('CascadeAnalyzer returned no result');
    return result;
  }

  async analyzeBatch(inputs: readonly AnalyzeInput[]): Promise<AnalysisResult[]> {
    const settled = await this.analyzeBatchSettled(inputs);
    const failed = settled.find((r): r is Error => r instanceof Error);
    if (failed) throw failed;
    return settled as AnalysisResult[];
  }

  /** Per input: its result, or (policy 'fail') the AnalyzerUnavailableError of the Comprehend call it was in. */
  async analyzeBatchSettled(inputs: readonly AnalyzeInput[]): Promise<SettledAnalysis[]> {
    if (inputs.length === 0) return [];
    const offline = await this.offline.analyzeBatch(inputs);
    if (offline.length !== inputs.length) {
      throw new RangeError(`offline analyzer returned ${offline.length} results for ${inputs.length} inputs`);
    }
    const unsure = offline.flatMap((r, i) => (r.confidence >= this.threshold ? [] : [i]));
    if (unsure.length === 0) return offline;

    const unsureInputs = unsure.map((i) => inputs[i] as AnalyzeInput);
    const unsureOffline = unsure.map((i) => offline[i] as AnalysisResult);
    let enriched: SettledAnalysis[];
    try {
      enriched = this.comprehend.enrichSettled
        ? await this.comprehend.enrichSettled(unsureInputs, unsureOffline)
        : await this.comprehend.enrich(unsureInputs, unsureOffline);
    } catch (error) {
      // An engine without per-item outcomes: its unavailability is every unsure item's.
      if (!isAnalyzerUnavailableError(error)) throw error;
      enriched = unsure.map(() => error);
    }
    if (enriched.length !== unsure.length) {
      throw new RangeError(`comprehend.enrich returned ${enriched.length} results for ${unsure.length} inputs`);
    }
    const degraded = enriched.filter((r) => r instanceof Error && isAnalyzerUnavailableError(r));
    if (this.onUnavailable === 'offline' && degraded.length > 0) this.onDegraded({ items: degraded.length, error: degraded[0] as Error });
    const out: SettledAnalysis[] = [...offline];
    unsure.forEach((i, j) => {
      const r = enriched[j] as SettledAnalysis;
      if (r instanceof Error && this.onUnavailable === 'offline' && isAnalyzerUnavailableError(r)) {
        const cause = r.cause as { name?: string } | undefined;
        out[i] = { ...(offline[i] as AnalysisResult), fallback: { reason: 'comprehend-unavailable', errorCode: cause?.name ?? r.name } };
      } else out[i] = r;
    });
    return out;
  }
}
