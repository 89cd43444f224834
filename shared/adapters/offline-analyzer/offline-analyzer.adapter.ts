/**
 * The built-in offline analyzer: language, sentiment, category, key phrases and PII
 * with rules and lexicons only (no network, no AWS SDK, no file reads).
 */
import type { AnalysisResult, AnalyzeInput } from '../../domain/analysis.schema.js';
import type { Analyzer } from '../../ports/analyzer.port.js';
import { classifyCategory } from './category-classifier.js';
import { overallConfidence } from './confidence.js';
import { extractKeyPhrases } from './key-phrases.js';
import { detectLanguage } from './language-detector.js';
import { offlineRedact } from './pii-redactor.js';
import { analyzeSentiment } from './sentiment-aggregator.js';
import { SUPPORTED_LANGUAGES } from './sentiment-lexicons.js';
import { segmentText } from './text-segmenter.js';

export { DEFAULT_CASCADE_THRESHOLD } from './confidence.js';
export { offlineRedact } from './pii-redactor.js';
export { classifyCategory } from './category-classifier.js';

export class OfflineAnalyzer implements Analyzer {
  readonly name = 'offline';

  async analyze(input: AnalyzeInput): Promise<AnalysisResult> {
    return this.analyzeSync(input);
  }

  async analyzeBatch(inputs: readonly AnalyzeInput[]): Promise<AnalysisResult[]> {
    return inputs.map((input) => this.analyzeSync(input));
  }

  /** Synchronous core, for callers that do not need a Promise (bench, CLI). */
  analyzeSync(input: AnalyzeInput): AnalysisResult {
    const text = input.text;
    const { pii, redactedText } = offlineRedact(text, input.language);
    const segmented = segmentText(redactedText);
    const language = detectLanguage(segmented.isTranscript ? stripSpeakers(redactedText) : redactedText, input.language);
    const lang = language.code === 'und' ? (input.language ?? 'en') : language.code;
    const sentiment = analyzeSentiment(redactedText, lang, segmented);
    const category = classifyCategory({
      text: sentiment.decidingText,
      language: lang,
      sentiment: sentiment.label,
      scores: sentiment.scores,
      endsPositive: sentiment.lastNet > 0,
    });
    // A question or a suggestion is expected to be neutral, whatever hypothetical praise it holds.
    const askedNeutral =
      sentiment.label === 'NEUTRAL' && (category.category === 'question' || category.category === 'suggestion');
    const confidence = overallConfidence({
      sentiment: askedNeutral ? Math.max(sentiment.confidence, 0.75) : sentiment.confidence,
      category: category.confidence,
      language: language.confidence,
      supportedLanguage: SUPPORTED_LANGUAGES.has(lang),
    });
    return {
      language: { code: language.code, confidence: round(language.confidence) },
      sentiment: { label: sentiment.label, scores: sentiment.scores },
      category: category.category,
      keyPhrases: extractKeyPhrases(redactedText, lang, undefined, segmented.segments),
      pii,
      redactedText,
      engine: 'offline',
      confidence,
    };
  }
}

function stripSpeakers(text: string): string {
  return text.replace(/^\s*[\p{L}]+\s*:\s*/gmu, '');
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
