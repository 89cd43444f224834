/**
 * Scores one sentence (or turn): lexicon valences with negation scope, intensifiers
 * and diminishers, contrast and concession clauses, emojis, exclamation and
 * shouting. Produces positive and negative masses, not a label.
 */
import { emojiValence, SARCASM_EMOJIS } from './emoji.lexicon.js';
import type { CompiledLexicon } from './sentiment-lexicons.js';
import { STOPWORDS } from './stopwords.js';
import { collapseStretch, type Token } from './text-normalizer.js';

export interface SegmentScore {
  /** Weighted positive mass (>= 0). */
  pos: number;
  /** Weighted negative mass (>= 0). */
  neg: number;
  /** Number of sentiment-bearing tokens. */
  hits: number;
  /** A contrast ("but", "mas") separates clauses of opposite polarity. */
  contrastFlip: boolean;
  /** Sarcasm cue present (emoji). */
  sarcasmCue: boolean;
  /** Ends with a question mark. */
  question: boolean;
}

const NEGATION_WORDS = 3;
const NEGATION_TOKENS = 6;
const NEGATE_POSITIVE = -0.75;
const NEGATE_NEGATIVE = -0.5;
const BEFORE_CONTRAST = 0.8;
const AFTER_CONTRAST = 1.25;
const CONCEDED = 0.6;
const QUESTION_DAMPING = 0.55;
const EMPTY: ReadonlySet<string> = new Set();

interface Clause {
  pos: number;
  neg: number;
  weight: number;
  conceded: boolean;
}

function valence(lex: CompiledLexicon, t: Token): number | undefined {
  const v = lex.valenceOf(t.norm);
  if (v !== undefined || !t.elongated) return v;
  return lex.valenceOf(collapseStretch(t.norm, 1));
}

/** Scores one segment's tokens with one language's lexicon. */
export function scoreSegment(tokens: readonly Token[], lex: CompiledLexicon): SegmentScore {
  const { lexicon } = lex;
  const stop = STOPWORDS[lex.language] ?? EMPTY;
  const clauses: Clause[] = [{ pos: 0, neg: 0, weight: 1, conceded: false }];
  let clause = clauses[0] as Clause;
  let negWords = 0;
  let negTokens = 0;
  let mult = 1;
  let multTtl = 0;
  let lastHit: { clause: Clause; value: number; at: number } | undefined;
  let hits = 0;
  let exclaim = 0;
  let sarcasmCue = false;
  let question = false;

  const newClause = (weight: number, conceded: boolean): void => {
    if (clause.pos + clause.neg === 0 && clauses.length > 1 && clause.weight === weight) return;
    clause = { pos: 0, neg: 0, weight, conceded };
    clauses.push(clause);
    negWords = 0;
    negTokens = 0;
  };
  const add = (value: number, at: number): void => {
    if (value > 0) clause.pos += value;
    else clause.neg -= value;
    hits++;
    lastHit = { clause, value, at };
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'punct') {
      if (t.norm.includes('!')) exclaim += Math.min(3, t.norm.length);
      if (t.norm.includes('?')) question = i >= tokens.length - 2;
      if (t.norm === ',' && clause.conceded) newClause(AFTER_CONTRAST, false);
      negWords = 0;
      negTokens = 0;
      continue;
    }
    if (t.kind === 'emoji') {
      const v = emojiValence(t.norm);
      if (SARCASM_EMOJIS.has(t.norm)) sarcasmCue = true;
      if (v !== 0) add(v, i);
      continue;
    }
    // Multi-word entries, longest first.
    let matched = false;
    const maxLen = lexicon.phraseStarts.has(t.norm) ? lexicon.maxPhraseLength : 1;
    for (let len = Math.min(maxLen, tokens.length - i); len >= 2 && !matched; len--) {
      let phrase = t.norm;
      for (let k = 1; k < len; k++) phrase += ' ' + (tokens[i + k] as Token).norm;
      const pv = lexicon.phrases.get(phrase);
      if (pv !== undefined) {
        const inScope = negWords > 0 && negTokens > 0;
        add(inScope ? pv * (pv > 0 ? NEGATE_POSITIVE : NEGATE_NEGATIVE) : pv * mult, i);
        mult = 1;
        negWords = 0;
        i += len - 1;
        matched = true;
      } else if (lexicon.intensifiers.has(phrase)) {
        mult = lexicon.intensifiers.get(phrase) ?? 1;
        multTtl = 3;
        i += len - 1;
        matched = true;
      } else if (lexicon.contrast.has(phrase)) {
        newClause(AFTER_CONTRAST, false);
        i += len - 1;
        matched = true;
      } else if (lexicon.concessive.has(phrase)) {
        newClause(CONCEDED, true);
        i += len - 1;
        matched = true;
      }
    }
    if (matched) continue;
    const w = t.norm;
    if (lexicon.contrast.has(w)) {
      newClause(AFTER_CONTRAST, false);
      continue;
    }
    if (lexicon.concessive.has(w)) {
      newClause(CONCEDED, true);
      continue;
    }
    if (lexicon.negators.has(w)) {
      negWords = NEGATION_WORDS;
      negTokens = NEGATION_TOKENS;
      continue;
    }
    if (lexicon.scopeBreakers.has(w)) {
      negWords = 0;
      negTokens = 0;
    }
    const intens = lexicon.intensifiers.get(w);
    const v = valence(lex, t);
    if (intens !== undefined && v === undefined) {
      mult = intens;
      multTtl = 3;
      continue;
    }
    const inScope = negWords > 0 && negTokens > 0;
    if (v !== undefined && v !== 0) {
      // Post-posed intensifier ("caro demais", "bom demais"): boosts the previous hit.
      if (w === 'demais' && lastHit && lastHit.at >= i - 2) {
        const extra = lastHit.value * 0.5;
        if (extra > 0) lastHit.clause.pos += extra;
        else lastHit.clause.neg -= extra;
        continue;
      }
      let value = v * mult;
      if (inScope) value = v * (v > 0 ? NEGATE_POSITIVE : NEGATE_NEGATIVE);
      if (t.shouted) value *= 1.3;
      if (t.elongated) value *= 1.2;
      add(value, i);
      mult = 1;
      negWords = 0;
    } else if (inScope) {
      const nv = lexicon.negatedValence.get(w);
      if (nv !== undefined) {
        add(nv, i);
        negWords = 0;
      }
    }
    if (!stop.has(w)) negWords--;
    negTokens--;
    if (multTtl > 0 && --multTtl === 0) mult = 1;
  }

  // Weigh clauses: what follows a contrast dominates what precedes it.
  let pos = 0;
  let neg = 0;
  let contrastFlip = false;
  for (let c = 0; c < clauses.length; c++) {
    const cl = clauses[c] as Clause;
    const next = clauses[c + 1];
    const weight = next && next.weight === AFTER_CONTRAST && !next.conceded && next.pos + next.neg > 0 ? BEFORE_CONTRAST * cl.weight : cl.weight;
    pos += cl.pos * weight;
    neg += cl.neg * weight;
    if (next) {
      const a = cl.pos - cl.neg;
      const b = next.pos - next.neg;
      if ((a >= 0.8 && b <= -0.8) || (a <= -0.8 && b >= 0.8)) contrastFlip = true;
    }
  }
  if (exclaim > 0 && pos + neg > 0) {
    const boost = 1 + 0.08 * Math.min(4, exclaim);
    if (pos >= neg) pos *= boost;
    else neg *= boost;
  }
  if (question) {
    pos *= QUESTION_DAMPING;
    neg *= QUESTION_DAMPING;
  }
  return { pos, neg, hits, contrastFlip, sarcasmCue, question };
}
