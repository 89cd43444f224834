import type { AnalysisResult, AnalyzeInput } from '../domain/analysis.schema.js';

/** Turns customer text into language, sentiment, category, key phrases and PII. */
export interface Analyzer {
  readonly name: string;
  analyze(input: AnalyzeInput): Promise<AnalysisResult>;
  /** Same order as the inputs; one result per input. */
  analyzeBatch(inputs: readonly AnalyzeInput[]): Promise<AnalysisResult[]>;
}
