/**
 * Clause bookkeeping for the sentence scorer: the mutable scoring state and how
 * clauses (plain, after "but", conceded, counterfactual) combine into masses.
 */
import type { SentimentLexicon } from './lexicon-builder.js';

export type ContrastDirection = 'none' | 'down' | 'up';

export interface SegmentScore {
  /** Weighted positive mass (>= 0). */
  pos: number;
  /** Weighted negative mass (>= 0). */
  neg: number;
  /** Number of sentiment-bearing tokens. */
  hits: number;
  /** A contrast separates clauses of opposite polarity: positive then negative ("down") or the reverse ("up"). */
  contrast: ContrastDirection;
  /** 0 none, 1 weak (needs negative context), 2 strong (🙃). */
  sarcasmCue: 0 | 1 | 2;
  /** Ends with a question mark. */
  question: boolean;
  /** Net polarity of the last clause that had any. */
  lastNet: number;
}

const BEFORE_CONTRAST = 0.7;
const AFTER_CONTRAST = 1.2;
const CONCEDED = 0.6;
const IRREALIS = 0.2;
/** A "but" clause with no sentiment words after a positive one is a complaint ("great, but it took forever"). */
const IMPLICIT_CONTRAST = 1.4;
const QUESTION_POS = 0.25;
const QUESTION_NEG = 0.45;

export type ClauseKind = 'base' | 'after' | 'conceded' | 'irrealis';
export interface Clause {
  pos: number;
  neg: number;
  kind: ClauseKind;
  content: number;
  request: boolean;
}
const WEIGHT: Readonly<Record<ClauseKind, number>> = { base: 1, after: AFTER_CONTRAST, conceded: CONCEDED, irrealis: IRREALIS };

/** Mutable state of one segment's scoring (a class, so no closures are built per call). */
export class ScoreState {
  clause: Clause;
  readonly clauses: Clause[];
  negWords = 0;
  negTokens = 0;
  mult = 1;
  multTtl = 0;
  lastHitClause: Clause | undefined;
  lastHitValue = 0;
  lastHitAt = -10;
  hits = 0;
  exclaim = 0;
  sarcasmCue: 0 | 1 | 2 = 0;
  question = false;

  constructor(
    readonly lexicon: SentimentLexicon,
    carry: number,
  ) {
    this.clause = { pos: Math.max(0, carry), neg: Math.max(0, -carry), kind: 'base', content: 0, request: false };
    this.clauses = [this.clause];
  }

  open(kind: ClauseKind): void {
    const c = this.clause;
    if (c.pos + c.neg === 0 && c.content === 0 && c.kind === kind) return;
    this.clause = { pos: 0, neg: 0, kind, content: 0, request: false };
    this.clauses.push(this.clause);
    this.negWords = 0;
    this.negTokens = 0;
  }

  add(value: number, at: number): void {
    if (value === 0) return;
    if (value > 0) this.clause.pos += value;
    else this.clause.neg -= value;
    this.hits++;
    this.lastHitClause = this.clause;
    this.lastHitValue = value;
    this.lastHitAt = at;
    this.mult = 1;
    this.negWords = 0;
  }

  connective(key: string): boolean {
    const lx = this.lexicon;
    if (lx.contrast.has(key)) this.open('after');
    else if (lx.concessive.has(key)) this.open('conceded');
    else if (lx.irrealis.has(key)) this.open('irrealis');
    else return false;
    return true;
  }

  get inScope(): boolean {
    return this.negWords > 0 && this.negTokens > 0;
  }
}

export function combine(
  clauses: Clause[],
  carried: boolean,
  exclaim: number,
  question: boolean,
  hits: number,
  sarcasmCue: 0 | 1 | 2,
): SegmentScore {
  let pos = 0;
  let neg = 0;
  let contrast: ContrastDirection = 'none';
  let lastNet = 0;
  for (let c = 0; c < clauses.length; c++) {
    const cl = clauses[c] as Clause;
    const prev = clauses[c - 1];
    if (prev && cl.kind === 'after' && !cl.request && cl.pos < 0.5 && cl.content >= 1 && prev.pos - prev.neg >= 1) {
      cl.neg = Math.max(cl.neg, IMPLICIT_CONTRAST);
    }
    const next = clauses[c + 1];
    const beforeContrast = next !== undefined && next.kind === 'after' && (next.content > 0 || next.pos + next.neg > 0);
    const weight = WEIGHT[cl.kind] * (beforeContrast ? BEFORE_CONTRAST : 1);
    const carriedClause = c === 0 && carried;
    if (!carriedClause) {
      pos += cl.pos * weight;
      neg += cl.neg * weight;
    }
    const net = cl.pos - cl.neg;
    if (prev && (cl.kind === 'after' || cl.kind === 'conceded')) {
      const a = prev.pos - prev.neg;
      if (a >= 0.8 && net <= -0.8) contrast = 'down';
      else if (a <= -0.8 && net >= 0.8 && contrast === 'none') contrast = 'up';
    }
    if (!carriedClause && Math.abs(net) >= 0.5) lastNet = net;
  }
  if (exclaim > 0 && pos + neg > 0) {
    const boost = 1 + 0.08 * Math.min(4, exclaim);
    if (pos >= neg) pos *= boost;
    else neg *= boost;
  }
  if (question) {
    pos *= QUESTION_POS;
    neg *= QUESTION_NEG;
  }
  return { pos, neg, hits, contrast, sarcasmCue, question, lastNet };
}

