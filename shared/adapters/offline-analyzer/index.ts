export { OfflineAnalyzer } from './offline-analyzer.adapter.js';
export { offlineRedact, detectPii, redactEntities, type OfflinePiiType } from './pii-redactor.js';
export { classifyCategory, type CategoryInput, type CategoryDecision } from './category-classifier.js';
export { DEFAULT_CASCADE_THRESHOLD, overallConfidence } from './confidence.js';
export { detectLanguage, type DetectedLanguage } from './language-detector.js';
export { analyzeSentiment, type SentimentAnalysis } from './sentiment-aggregator.js';
export { extractKeyPhrases } from './key-phrases.js';
export { isValidCpf, isValidCnpj, luhnValid, isValidCardNumber } from './pii-validators.js';
