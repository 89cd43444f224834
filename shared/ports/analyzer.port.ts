import type { AnalysisResult, AnalyzeInput } from '../domain/analysis.schema.js';

/** Turns customer text into language, sentiment, category, key phrases and PII. */
export interface Analyzer {
  readonly name: string;
  analyze(input: AnalyzeInput): Promise<AnalysisResult>;
  /** Same order as the inputs; one result per input. */
  analyzeBatch(inputs: readonly AnalyzeInput[]): Promise<AnalysisResult[]>;
  /**
   * Optional: one outcome per input, an Error (the engine unavailable for that input) instead of
   * a result where only some inputs failed, so a caller retries those alone.
   */
  analyzeBatchSettled?(inputs: readonly AnalyzeInput[]): Promise<SettledAnalysis[]>;
}

/** A result, or the error that kept this one input from being analyzed (the others are unaffected). */
export type SettledAnalysis = AnalysisResult | Error;
