import type { AnalysisResult, AnalyzeInput } from '../domain/analysis.schema.js';
import { isAnalyzerUnavailableError } from '../domain/analyzer.errors.js';
import type { Analyzer } from '../ports/analyzer.port.js';
import type { ComprehendAnalyzer } from './comprehend-analyzer.adapter.js';

/**
 * What to do when Comprehend is unavailable (throttled past its retries → AnalyzerUnavailableError):
 * - 'fail' (default): rethrow, so the SQS record fails and is retried later; nothing degraded is
 *   stored. Choose this when Comprehend's answer is what you pay for.
 * - 'offline': keep the offline results for the whole batch (engine 'offline') and report it via
 *   `onDegraded`. Choose this when freshness matters more than the second opinion.
 * Any other error always propagates.
 */
export type ComprehendUnavailablePolicy = 'fail' | 'offline';

export interface CascadeAnalyzerOptions {
  readonly offline: Analyzer;
  readonly comprehend: Pick<ComprehendAnalyzer, 'enrich'>;
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
  private readonly comprehend: Pick<ComprehendAnalyzer, 'enrich'>;
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
    if (inputs.length === 0) return [];
    const offline = await this.offline.analyzeBatch(inputs);
    if (offline.length !== inputs.length) {
      throw new RangeError(`offline analyzer returned ${offline.length} results for ${inputs.length} inputs`);
    }
    const unsure = offline.flatMap((r, i) => (r.confidence >= this.threshold ? [] : [i]));
    if (unsure.length === 0) return offline;

    let enriched: AnalysisResult[];
    try {
      enriched = await this.comprehend.enrich(
        unsure.map((i) => inputs[i] as AnalyzeInput),
        unsure.map((i) => offline[i] as AnalysisResult),
      );
    } catch (error) {
      if (this.onUnavailable === 'offline' && isAnalyzerUnavailableError(error)) {
        this.onDegraded({ items: unsure.length, error });
        return offline;
      }
      throw error;
    }
    if (enriched.length !== unsure.length) {
      throw new RangeError(`comprehend.enrich returned ${enriched.length} results for ${unsure.length} inputs`);
    }
    const out = [...offline];
    unsure.forEach((i, j) => {
      out[i] = enriched[j] as AnalysisResult;
    });
    return out;
  }
}
