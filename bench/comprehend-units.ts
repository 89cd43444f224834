import { MAX_DOCUMENT_BYTES, splitByUtf8Limit } from '../shared/adapters/comprehend/utf8-chunker.helper.js';

/**
 * Comprehend units one call bills for a text: the adapter sends it as documents under 5,000 UTF-8
 * bytes; each document is ceil(characters / 100) units, at least 3.
 */
export function comprehendUnits(text: string, language?: string): number {
  const docs = splitByUtf8Limit(text, MAX_DOCUMENT_BYTES, language).filter((d) => d.text.trim() !== '');
  return docs.reduce((sum, d) => sum + Math.max(3, Math.ceil(d.text.length / 100)), 0) || 3;
}
