import type { Redactor } from '../ports/redactor.port.js';
import { offlineRedact } from './offline-analyzer/pii-redactor.js';

/** The offline engine's PII detection (emails, phones, Luhn-valid cards, valid CPF/CNPJ) as a Redactor. */
export const offlineRedactor: Redactor = { redact: (text, language) => offlineRedact(text, language) };
