import type { ComprehendClient, LanguageCode } from '@aws-sdk/client-comprehend';
import type { AnalysisFallback, AnalysisResult, AnalyzeInput, PiiEntity } from '../domain/analysis.schema.js';
import { isAnalyzerUnavailableError } from '../domain/analyzer.errors.js';
import type { Analyzer, SettledAnalysis } from '../ports/analyzer.port.js';
import { mapWithConcurrency, runInBatches, type DocumentFailure } from './comprehend/comprehend-batch.helper.js';
import { isPiiLanguage, isSentimentLanguage, normalizeLanguage } from './comprehend/comprehend-languages.helper.js';
import { dominantLanguageOperation, keyPhrasesOperation, sentimentOperation, uniquePhrases, type DetectedLanguage, type ScoredPhrase } from './comprehend/comprehend-operations.helper.js';
import type { RetryPolicy } from './comprehend/comprehend-retry.helper.js';
import { detectPiiWithComprehend } from './comprehend/comprehend-pii.helper.js';
import { mergeOfflineOnlyPii, redactText } from './comprehend/pii-redaction.helper.js';
import { adjustCategoryForSentiment, combineSentimentParts, maxScore, type SentimentPart } from './comprehend/sentiment-combine.helper.js';
import { MAX_DOCUMENT_BYTES, splitByUtf8Limit } from './comprehend/utf8-chunker.helper.js';

/**
 * What Comprehend is asked for an item. `all`: language (unless given), sentiment, key phrases and
 * PII (en/es). `sentiment` (the cascade's default): only BatchDetectSentiment, in the language the
 * input gives or the offline engine detected; key phrases, PII and the language stay offline.
 */
export const COMPREHEND_ESCALATIONS = ['sentiment', 'all'] as const;
export type ComprehendEscalation = (typeof COMPREHEND_ESCALATIONS)[number];

/** The Comprehend actions of the `sentiment` mode (the single call retries one failed document). */
export const COMPREHEND_SENTIMENT_IAM_ACTIONS: readonly string[] = Object.freeze(['comprehend:BatchDetectSentiment', 'comprehend:DetectSentiment']);

/** Exactly the Comprehend actions this adapter calls in `all` mode; the CDK stack grants only these. */
export const COMPREHEND_IAM_ACTIONS: readonly string[] = Object.freeze([
  'comprehend:BatchDetectDominantLanguage',
  'comprehend:BatchDetectSentiment',
  'comprehend:BatchDetectKeyPhrases',
  'comprehend:DetectDominantLanguage',
  'comprehend:DetectSentiment',
  'comprehend:DetectKeyPhrases',
  'comprehend:DetectPiiEntities',
]);

/** The actions a mode calls: what IAM must grant, no more. */
export const comprehendIamActions = (mode: ComprehendEscalation): readonly string[] =>
  mode === 'sentiment' ? COMPREHEND_SENTIMENT_IAM_ACTIONS : COMPREHEND_IAM_ACTIONS;

/** Something Comprehend could not do for one item, answered by the offline engine instead. */
export interface ComprehendNotice {
  readonly kind: 'fallback-to-offline' | 'unsupported-language';
  /** Which Comprehend operation ('DetectSentiment', 'DetectPiiEntities', …), if any. */
  readonly operation?: string;
  /** Index of the item in the inputs given to enrich/analyzeBatch. */
  readonly itemIndex: number;
  readonly errorCode?: string;
  readonly message: string;
}

export interface ComprehendAnalyzerOptions {
  readonly client: ComprehendClient;
  /** Runs first (cheap); supplies category, PII outside en/es and every fallback. */
  readonly offline: Analyzer;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Throttling retries per call before AnalyzerUnavailableError (default 5). */
  readonly maxRetries?: number;
  /** Jitter source in [0, 1) (default Math.random). */
  readonly random?: () => number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** DetectPiiEntities calls in flight (default 4). */
  readonly piiConcurrency?: number;
  /** Told about every per-item fallback; default: a JSON line on console.warn. */
  readonly onNotice?: (notice: ComprehendNotice) => void;
  /** Which calls to make (default `all`; the cascade's default is `sentiment`). */
  readonly escalate?: ComprehendEscalation;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const defaultNotice = (n: ComprehendNotice): void => console.warn(JSON.stringify({ level: 'WARN', source: 'ComprehendAnalyzer', ...n }));

/**
 * Amazon Comprehend engine. The offline engine runs first; Comprehend then decides the
 * language (unless the input gives it), the sentiment (texts cut at sentence boundaries into
 * documents under 5,000 UTF-8 bytes, parts combined as documented in sentiment-combine.helper),
 * key phrases, and PII for English and Spanish. Anything Comprehend cannot do for an item keeps
 * the offline answer for that part and is reported through `onNotice`.
 */
export class ComprehendAnalyzer implements Analyzer {
  readonly name = 'comprehend';
  private readonly client: ComprehendClient;
  private readonly offline: Analyzer;
  private readonly policy: RetryPolicy;
  private readonly piiConcurrency: number;
  private readonly onNotice: (notice: ComprehendNotice) => void;
  readonly escalate: ComprehendEscalation;

  constructor(options: ComprehendAnalyzerOptions) {
    this.client = options.client;
    this.offline = options.offline;
    this.policy = {
      maxRetries: options.maxRetries ?? 5,
      baseDelayMs: options.baseDelayMs ?? 100,
      maxDelayMs: options.maxDelayMs ?? 5_000,
      sleep: options.sleep ?? defaultSleep,
      random: options.random ?? Math.random,
    };
    this.piiConcurrency = options.piiConcurrency ?? 4;
    this.onNotice = options.onNotice ?? defaultNotice;
    this.escalate = options.escalate ?? 'all';
  }

  async analyze(input: AnalyzeInput): Promise<AnalysisResult> {
    const [result] = await this.analyzeBatch([input]);
    if (result === undefined) throw new Error('ComprehendAnalyzer returned no result');
    return result;
  }

  async analyzeBatch(inputs: readonly AnalyzeInput[]): Promise<AnalysisResult[]> {
    return settledOrThrow(await this.analyzeBatchSettled(inputs));
  }

  /** Per input: its result, or the AnalyzerUnavailableError of a call it was in (retry that record only). */
  async analyzeBatchSettled(inputs: readonly AnalyzeInput[]): Promise<SettledAnalysis[]> {
    if (inputs.length === 0) return [];
    return this.enrichSettled(inputs, await this.offline.analyzeBatch(inputs));
  }

  /** The Comprehend part, for items already analyzed offline (same order, same length); throws if any item was throttled out. */
  async enrich(inputs: readonly AnalyzeInput[], offlineResults: readonly AnalysisResult[]): Promise<AnalysisResult[]> {
    return settledOrThrow(await this.enrichSettled(inputs, offlineResults));
  }

  /**
   * The Comprehend part, item by item. A call or document that fails for a reason retrying will
   * not fix keeps the offline answer for that part, marked `fallback` on the item's result; an item
   * caught in a call throttled past the retries gets its AnalyzerUnavailableError instead of a
   * result (only that item's record is retried), and the other items are unaffected.
   */
  async enrichSettled(inputs: readonly AnalyzeInput[], offlineResults: readonly AnalysisResult[]): Promise<SettledAnalysis[]> {
    if (inputs.length !== offlineResults.length) {
      throw new RangeError(`enrich: ${inputs.length} inputs but ${offlineResults.length} offline results`);
    }
    const fallbacks: Array<AnalysisFallback | undefined> = inputs.map(() => undefined);
    const unavailable: Array<Error | undefined> = inputs.map(() => undefined);
    const onFailure = (operation: string, item: number, f: DocumentFailure): void => {
      this.fallback(operation, item, f);
      if (item >= 0 && fallbacks[item] === undefined) fallbacks[item] = { reason: 'comprehend-error', errorCode: f.errorCode.slice(0, 200), operation };
    };
    const onUnavailable = (item: number, error: Error): void => {
      if (item >= 0) unavailable[item] ??= error;
    };
    const all = this.escalate === 'all';
    const languages = all ? await this.resolveLanguages(inputs, offlineResults, onFailure, onUnavailable) : givenOrOfflineLanguages(inputs, offlineResults);
    const parts: SentimentPart[][] = inputs.map(() => []);
    const phrases: Array<ScoredPhrase[] | undefined> = inputs.map(() => undefined);
    const byLanguage = new Map<LanguageCode, Array<{ item: number; text: string }>>();
    languages.forEach((language, item) => {
      if (language === undefined) return;
      if (!isSentimentLanguage(language.code)) {
        this.onNotice({ kind: 'unsupported-language', itemIndex: item, message: `Comprehend does not support '${language.code}'; offline result kept` });
        fallbacks[item] = { reason: 'unsupported-language', errorCode: 'UnsupportedLanguage', operation: 'DetectSentiment' };
        return;
      }
      const docs = byLanguage.get(language.code) ?? [];
      for (const chunk of splitByUtf8Limit(inputs[item]?.text ?? '', MAX_DOCUMENT_BYTES, language.code)) {
        if (chunk.text.trim() !== '') docs.push({ item, text: chunk.text });
      }
      byLanguage.set(language.code, docs);
    });

    for (const [code, docs] of byLanguage) {
      const texts = docs.map((d) => d.text);
      const failed = (operation: string) => (f: DocumentFailure) => onFailure(operation, docs[f.documentIndex]?.item ?? -1, f);
      const throttled = (doc: number, error: Error) => onUnavailable(docs[doc]?.item ?? -1, error);
      const [sentiments, keyPhrases] = await Promise.all([
        runInBatches(texts, sentimentOperation(this.client, code), this.policy, failed('DetectSentiment'), throttled),
        all ? runInBatches(texts, keyPhrasesOperation(this.client, code), this.policy, failed('DetectKeyPhrases'), throttled) : [],
      ]);
      docs.forEach((doc, j) => {
        const sentiment = sentiments[j];
        if (sentiment !== undefined) parts[doc.item]?.push({ sentiment, weight: doc.text.length });
        const found = keyPhrases[j];
        if (found !== undefined) phrases[doc.item] = [...(phrases[doc.item] ?? []), ...found];
      });
    }

    const pii = await mapWithConcurrency(inputs, this.piiConcurrency, (input, item) => {
      const code = languages[item]?.code;
      const wanted = all && code !== undefined && isPiiLanguage(code) && unavailable[item] === undefined;
      return wanted ? this.detectPii(input.text, code, item, onFailure, onUnavailable) : Promise.resolve(undefined);
    });

    return offlineResults.map((offline, item): SettledAnalysis => {
      const error = unavailable[item];
      if (error) return error;
      const fallback = fallbacks[item];
      const language = languages[item];
      if (language === undefined || !isSentimentLanguage(language.code)) return fallback ? { ...offline, fallback } : offline;
      const itemParts = parts[item] ?? [];
      const sentiment = itemParts.length > 0 ? combineSentimentParts(itemParts) : undefined;
      const found = pii[item];
      const itemPii = found ? mergeOfflineOnlyPii(found, offline.pii) : undefined;
      return {
        language: all ? language : offline.language,
        sentiment: sentiment ?? offline.sentiment,
        category: sentiment ? adjustCategoryForSentiment(offline.category, sentiment.label) : offline.category,
        keyPhrases: uniquePhrases(phrases[item]) ?? offline.keyPhrases,
        pii: itemPii ?? offline.pii,
        redactedText: itemPii ? redactText(inputs[item]?.text ?? '', itemPii) : offline.redactedText,
        engine: sentiment ? 'comprehend' : 'offline',
        confidence: sentiment ? maxScore(sentiment.scores) : offline.confidence,
        ...(fallback && { fallback }),
      };
    });
  }

  /** The input's language when given (no detection), else Comprehend's; undefined for blank texts. */
  private async resolveLanguages(
    inputs: readonly AnalyzeInput[],
    offline: readonly AnalysisResult[],
    onFailure: (operation: string, item: number, f: DocumentFailure) => void,
    onUnavailable: (item: number, error: Error) => void,
  ): Promise<Array<DetectedLanguage | undefined>> {
    const out: Array<DetectedLanguage | undefined> = inputs.map(() => undefined);
    const toDetect: number[] = [];
    inputs.forEach((input, i) => {
      if (input.text.trim() === '') return;
      if (input.language !== undefined && input.language.trim() !== '') out[i] = { code: normalizeLanguage(input.language), confidence: 1 };
      else toDetect.push(i);
    });
    if (toDetect.length === 0) return out;
    const texts = toDetect.map((i) => splitByUtf8Limit(inputs[i]?.text ?? '', MAX_DOCUMENT_BYTES)[0]?.text ?? '');
    const throttled = new Set<number>();
    const detected = await runInBatches(
      texts,
      dominantLanguageOperation(this.client),
      this.policy,
      (f) => onFailure('DetectDominantLanguage', toDetect[f.documentIndex] ?? -1, f),
      (doc, error) => {
        throttled.add(toDetect[doc] ?? -1);
        onUnavailable(toDetect[doc] ?? -1, error);
      },
    );
    toDetect.forEach((item, j) => {
      // A throttled item makes no further call: its record is retried whole.
      if (throttled.has(item)) return;
      const found = detected[j];
      const fallback = offline[item]?.language;
      out[item] = found ? { code: normalizeLanguage(found.code), confidence: found.confidence }
        : fallback ? { code: normalizeLanguage(fallback.code), confidence: fallback.confidence } : undefined;
    });
    return out;
  }

  /** Comprehend's PII (UTF-16 offsets of the whole text); undefined = keep the offline PII. */
  private async detectPii(
    text: string,
    language: LanguageCode,
    item: number,
    onFailure: (operation: string, item: number, f: DocumentFailure) => void,
    onUnavailable: (item: number, error: Error) => void,
  ): Promise<PiiEntity[] | undefined> {
    try {
      return await detectPiiWithComprehend(this.client, this.policy, text, language);
    } catch (error) {
      if (isAnalyzerUnavailableError(error)) {
        onUnavailable(item, error);
        return undefined;
      }
      const e = error as { name?: string; message?: string };
      onFailure('DetectPiiEntities', item, { documentIndex: item, errorCode: e.name ?? 'Error', message: e.message ?? String(error) });
      return undefined;
    }
  }

  private fallback(operation: string, itemIndex: number, failure: DocumentFailure): void {
    this.onNotice({
      kind: 'fallback-to-offline',
      operation,
      itemIndex,
      errorCode: failure.errorCode,
      message: `${operation} failed for item ${itemIndex}; offline result kept for that part (${failure.message})`,
    });
  }
}

/** `sentiment` mode: the input's language when given, else the offline engine's; undefined for blank texts. */
function givenOrOfflineLanguages(inputs: readonly AnalyzeInput[], offline: readonly AnalysisResult[]): Array<DetectedLanguage | undefined> {
  return inputs.map((input, i) => {
    if (input.text.trim() === '') return undefined;
    if (input.language !== undefined && input.language.trim() !== '') return { code: normalizeLanguage(input.language), confidence: 1 };
    const found = offline[i]?.language;
    return found ? { code: normalizeLanguage(found.code), confidence: found.confidence } : undefined;
  });
}

/** The results, or the first item's error (every item of a batch API call fails together). */
export function settledOrThrow(settled: readonly SettledAnalysis[]): AnalysisResult[] {
  const failed = settled.find((r): r is Error => r instanceof Error);
  if (failed) throw failed;
  return settled as AnalysisResult[];
}

