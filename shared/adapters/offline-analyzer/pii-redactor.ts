/**
 * PII detection and redaction without any service: e-mail addresses, phone numbers
 * (Brazilian and international), payment cards (Luhn), CPF and CNPJ (check digits).
 * Order, protocol and ticket numbers are left alone. Offsets are UTF-16 indexes
 * into the original text (JavaScript string indexes).
 */
import type { PiiEntity } from '../../domain/analysis.schema.js';
import {
  isBrazilianLocalPhone,
  isBrazilianPhone,
  isValidCardNumber,
  isValidCnpj,
  isValidCpf,
} from './pii-validators.js';

export type OfflinePiiType = 'EMAIL' | 'PHONE' | 'CREDIT_DEBIT_NUMBER' | 'CPF' | 'CNPJ';

const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const CNPJ_RE = /(?<![\w.\/-])\d{2}\.?\d{3}\.?\d{3}\/?\d{4}-?\d{2}(?![\w\/-]|\.\d)/g;
const CPF_RE = /(?<![\w.\/-])\d{3}\.?\d{3}\.?\d{3}[-\s]?\d{2}(?![\w\/-]|\.\d)/g;
const CARD_RE = /(?<![\w+.\/-])\d(?:[ -]?\d){12,18}(?![\w\/-]|\.\d)/g;
const BR_PHONE_RE =
  /(?<![\w+\/-]|\d[\s.])(?:\+\s?55[\s.-]?)?(?:\(\s?0?\d{2}\s?\)\s?|0?\d{2}[\s.-]?)?(?:9\s?\d{4}|[2-5]\d{3})[\s.-]?\d{4}(?![\w\/-]|\.\d|[\s.]\d)/g;
const INTL_PHONE_RE = /(?<![\w+])\+\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){1,5}(?![\w\/-]|\.\d)/g;
const NANP_PHONE_RE = /(?<![\w+\/-])(?:1[\s.-])?\(?[2-9]\d{2}\)?[\s.-]\d{3}[\s.-]\d{4}(?![\w\/-]|\.\d)/g;

/** Words right before a number that make it an order/protocol/ticket id, not PII. */
const ID_CONTEXT_RE =
  /(?:\b(?:pedido|pedidos|protocolo|protocolos|protocol|ordem|order|orders|ticket|chamado|chamados|caso|case|nota fiscal|nf-?e?|nfe|rastreio|rastreamento|tracking|codigo|code|c[oó]d|invoice|fatura|boleto|linha digit[aá]vel|matr[ií]cula|contrato|contract|id|ref|refer[eê]ncia|reference|reserva|booking|confirmation|confirma[cç][aã]o|serial|imei|lote|sku|nsu|transa[cç][aã]o|transaction)\b|#)\s*(?:de|do|da|number|no\.?|n[º°o]\.?|n[uú]mero|is|[ée])?\s*[:#-]?\s*$/i;
/** Words that say the number is personal data after all. */
const PII_CONTEXT_RE =
  /(?:cpf|cnpj|tel|telefone|fone|cel|celular|whats(?:app)?|zap|contato|ligue|ligar|phone|mobile|cell|call me|text me|reach me|cart[aã]o|card)\b[^\n]{0,20}$/i;

const SCORE: Readonly<Record<OfflinePiiType, number>> = {
  EMAIL: 0.99,
  CNPJ: 0.98,
  CPF: 0.97,
  CREDIT_DEBIT_NUMBER: 0.97,
  PHONE: 0.9,
};

interface Span {
  type: OfflinePiiType;
  begin: number;
  end: number;
}

function digitsOf(s: string): string {
  return s.replace(/\D/g, '');
}

function isIdentifierContext(text: string, begin: number): boolean {
  const before = text.slice(Math.max(0, begin - 40), begin);
  return ID_CONTEXT_RE.test(before) && !PII_CONTEXT_RE.test(before);
}

function hasPiiContext(text: string, begin: number, word: RegExp): boolean {
  return word.test(text.slice(Math.max(0, begin - 30), begin));
}

const CPF_WORD_RE = /cpf/i;
const PHONE_WORD_RE = /tel|fone|cel|whats|zap|ligue|phone|mobile|cell|contato/i;

function phoneShaped(digits: string): boolean {
  return isBrazilianPhone(digits);
}

function* matches(re: RegExp, text: string): Generator<{ begin: number; end: number; raw: string }> {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const raw = m[0].replace(/[\s.-]+$/, '');
    yield { begin: m.index, end: m.index + raw.length, raw };
  }
}

function detectSpans(text: string): Span[] {
  const spans: Span[] = [];
  const taken = (b: number, e: number): boolean => spans.some((s) => b < s.end && e > s.begin);
  const push = (type: OfflinePiiType, begin: number, end: number): void => {
    if (!taken(begin, end)) spans.push({ type, begin, end });
  };
  if (text.includes('@')) for (const m of matches(EMAIL_RE, text)) push('EMAIL', m.begin, m.end);
  if (!/\d{2}/.test(text)) return spans;

  for (const m of matches(CNPJ_RE, text)) {
    if (isValidCnpj(digitsOf(m.raw)) && !isIdentifierContext(text, m.begin)) push('CNPJ', m.begin, m.end);
  }
  for (const m of matches(CPF_RE, text)) {
    const d = digitsOf(m.raw);
    if (!isValidCpf(d) || isIdentifierContext(text, m.begin)) continue;
    const formatted = /[.-]/.test(m.raw);
    // An unformatted 11-digit number that is also a valid mobile number is a phone unless "CPF" is said.
    if (!formatted && phoneShaped(d) && !hasPiiContext(text, m.begin, CPF_WORD_RE)) continue;
    if (!formatted && hasPiiContext(text, m.begin, PHONE_WORD_RE) && !hasPiiContext(text, m.begin, CPF_WORD_RE)) continue;
    push('CPF', m.begin, m.end);
  }
  for (const m of matches(CARD_RE, text)) {
    if (isValidCardNumber(digitsOf(m.raw)) && !isIdentifierContext(text, m.begin)) push('CREDIT_DEBIT_NUMBER', m.begin, m.end);
  }
  for (const m of matches(INTL_PHONE_RE, text)) {
    const d = digitsOf(m.raw);
    if (d.length >= 8 && d.length <= 15) push('PHONE', m.begin, m.end);
  }
  for (const m of matches(BR_PHONE_RE, text)) {
    let d = digitsOf(m.raw);
    if (m.raw.trimStart().startsWith('+')) d = d.slice(2);
    else if (d.length === 12 && d.startsWith('0')) d = d.slice(1);
    const hasSeparator = /[\s().-]/.test(m.raw);
    const ok = isBrazilianPhone(d) || (hasSeparator && /^\d{4,5}-\d{4}$/.test(m.raw) && isBrazilianLocalPhone(d));
    if (ok && !isIdentifierContext(text, m.begin)) push('PHONE', m.begin, m.end);
  }
  for (const m of matches(NANP_PHONE_RE, text)) {
    if (!isIdentifierContext(text, m.begin)) push('PHONE', m.begin, m.end);
  }
  return spans.sort((a, b) => a.begin - b.begin);
}

/** PII entities in `text` (EMAIL, PHONE, CREDIT_DEBIT_NUMBER, CPF, CNPJ). */
export function detectPii(text: string): PiiEntity[] {
  return detectSpans(text).map((s) => ({ type: s.type, beginOffset: s.begin, endOffset: s.end, score: SCORE[s.type] }));
}

/** Replaces each entity with its `[TYPE]` placeholder. Entities must not overlap. */
export function redactEntities(text: string, entities: readonly PiiEntity[]): string {
  let out = '';
  let cursor = 0;
  for (const e of [...entities].sort((a, b) => a.beginOffset - b.beginOffset)) {
    if (e.beginOffset < cursor) continue;
    out += text.slice(cursor, e.beginOffset) + `[${e.type}]`;
    cursor = e.endOffset;
  }
  return out + text.slice(cursor);
}

/**
 * Detects and redacts PII offline. `language` is accepted for interface symmetry
 * with Comprehend: the patterns (Brazilian and international formats) apply to any
 * language.
 */
export function offlineRedact(text: string, language?: string): { pii: PiiEntity[]; redactedText: string } {
  void language;
  const pii = detectPii(text);
  return { pii, redactedText: pii.length > 0 ? redactEntities(text, pii) : text };
}
