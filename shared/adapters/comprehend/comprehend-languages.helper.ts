import type { LanguageCode } from '@aws-sdk/client-comprehend';

/**
 * Languages of Comprehend's sentiment and key-phrase detection ("all supported languages" in
 * https://docs.aws.amazon.com/comprehend/latest/dg/supported-languages.html).
 */
export const SENTIMENT_LANGUAGES: ReadonlySet<string> = new Set<LanguageCode>([
  'en', 'es', 'fr', 'de', 'it', 'pt', 'ar', 'hi', 'ja', 'ko', 'zh', 'zh-TW',
]);

/**
 * Languages of DetectPiiEntities: English and Spanish only (same page, "Detecting PII
 * entities"; the API reference lists `en | es` as the valid LanguageCode values). Every other
 * language keeps the offline engine's PII.
 */
export const PII_LANGUAGES: ReadonlySet<string> = new Set<LanguageCode>(['en', 'es']);

/** 'pt-BR' → 'pt', 'EN' → 'en', 'zh-Hant'/'zh-TW' → 'zh-TW', 'zh-CN' → 'zh'. */
export function normalizeLanguage(code: string): string {
  const lower = code.trim().toLowerCase().replace(/_/g, '-');
  if (lower === 'zh-tw' || lower.startsWith('zh-hant')) return 'zh-TW';
  return lower.split('-')[0] || lower;
}

export const isSentimentLanguage = (code: string): code is LanguageCode => SENTIMENT_LANGUAGES.has(code);
export const isPiiLanguage = (code: string): code is LanguageCode => PII_LANGUAGES.has(code);
