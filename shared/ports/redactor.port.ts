import type { PiiEntity } from '../domain/analysis.schema.js';

/** Finds and masks PII in text that is stored but not analyzed (call turns, subjects, replies). */
export interface Redactor {
  redact(text: string, language?: string): { redactedText: string; pii: PiiEntity[] };
}
