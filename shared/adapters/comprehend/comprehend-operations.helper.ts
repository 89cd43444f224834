import {
  BatchDetectDominantLanguageCommand,
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
  DetectDominantLanguageCommand,
  DetectKeyPhrasesCommand,
  DetectSentimentCommand,
  type BatchItemError,
  type ComprehendClient,
  type DominantLanguage,
  type KeyPhrase,
  type LanguageCode,
} from '@aws-sdk/client-comprehend';
import type { Sentiment } from '../../domain/analysis.schema.js';
import type { BatchOperation, BatchOutcome } from './comprehend-batch.helper.js';
import { toSentiment } from './sentiment-combine.helper.js';

export interface DetectedLanguage {
  readonly code: string;
  readonly confidence: number;
}
export interface ScoredPhrase {
  readonly text: string;
  readonly score: number;
}

const errorsOf = (list: BatchItemError[] | undefined): BatchOutcome<never>['errors'] =>
  (list ?? []).map((e) => ({ index: e.Index ?? -1, code: e.ErrorCode ?? 'UNKNOWN', message: e.ErrorMessage ?? '' }));

function topLanguage(languages: DominantLanguage[] | undefined): DetectedLanguage | undefined {
  const best = [...(languages ?? [])].sort((a, b) => (b.Score ?? 0) - (a.Score ?? 0))[0];
  return best?.LanguageCode ? { code: best.LanguageCode, confidence: Math.min(1, Math.max(0, best.Score ?? 0)) } : undefined;
}

const phrasesOf = (list: KeyPhrase[] | undefined): ScoredPhrase[] =>
  (list ?? []).flatMap((k) => (k.Text ? [{ text: k.Text, score: k.Score ?? 0 }] : []));

export function dominantLanguageOperation(client: ComprehendClient): BatchOperation<DetectedLanguage> {
  return {
    label: 'DetectDominantLanguage',
    async sendBatch(texts) {
      const r = await client.send(new BatchDetectDominantLanguageCommand({ TextList: [...texts] }));
      return {
        results: (r.ResultList ?? []).map((x) => ({ index: x.Index ?? -1, value: topLanguage(x.Languages) })),
        errors: errorsOf(r.ErrorList),
      };
    },
    async sendOne(text) {
      const r = await client.send(new DetectDominantLanguageCommand({ Text: text }));
      return topLanguage(r.Languages);
    },
  };
}

export function sentimentOperation(client: ComprehendClient, language: LanguageCode): BatchOperation<Sentiment> {
  return {
    label: 'DetectSentiment',
    async sendBatch(texts) {
      const r = await client.send(new BatchDetectSentimentCommand({ TextList: [...texts], LanguageCode: language }));
      return {
        results: (r.ResultList ?? []).map((x) => ({ index: x.Index ?? -1, value: toSentiment(x.Sentiment, x.SentimentScore) })),
        errors: errorsOf(r.ErrorList),
      };
    },
    async sendOne(text) {
      const r = await client.send(new DetectSentimentCommand({ Text: text, LanguageCode: language }));
      return toSentiment(r.Sentiment, r.SentimentScore);
    },
  };
}

export function keyPhrasesOperation(client: ComprehendClient, language: LanguageCode): BatchOperation<ScoredPhrase[]> {
  return {
    label: 'DetectKeyPhrases',
    async sendBatch(texts) {
      const r = await client.send(new BatchDetectKeyPhrasesCommand({ TextList: [...texts], LanguageCode: language }));
      return {
        results: (r.ResultList ?? []).map((x) => ({ index: x.Index ?? -1, value: phrasesOf(x.KeyPhrases) })),
        errors: errorsOf(r.ErrorList),
      };
    },
    async sendOne(text) {
      const r = await client.send(new DetectKeyPhrasesCommand({ Text: text, LanguageCode: language }));
      return phrasesOf(r.KeyPhrases);
    },
  };
}

export const MAX_KEY_PHRASES = 30;

/** Highest-scoring first, case-insensitively unique, at most MAX_KEY_PHRASES. */
export function uniquePhrases(found: readonly ScoredPhrase[] | undefined): string[] | undefined {
  if (found === undefined) return undefined;
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of [...found].sort((a, b) => b.score - a.score)) {
    const key = p.text.trim().toLocaleLowerCase();
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(p.text.trim());
    if (out.length >= MAX_KEY_PHRASES) break;
  }
  return out;
}
