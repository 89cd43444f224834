/**
 * Scores one sentence (or turn): lexicon valences with negation scope, intensifiers
 * and diminishers, contrast / concession / counterfactual clauses, emojis,
 * exclamation and shouting. Produces positive and negative masses, not a label.
 */
import { emojiValence, SARCASM_EMOJIS, STRONG_SARCASM_EMOJIS } from './emoji.lexicon.js';
import type { CompiledLexicon } from './sentiment-lexicons.js';
import { STOPWORDS } from './stopwords.js';
import { collapseStretch, type Token } from './text-normalizer.js';
import { combine, ScoreState, type SegmentScore } from './sentiment-clauses.js';

export type { ContrastDirection, SegmentScore } from './sentiment-clauses.js';

const NEGATION_WORDS = 2;
const NEGATION_TOKENS = 6;
const NEGATE_POSITIVE = -0.75;
const NEGATE_NEGATIVE = -0.5;
/** Words that make a clause a request, not a complaint (no implicit contrast). */
const REQUEST_WORDS: ReadonlySet<string> = new Set([
  'please', 'consider', 'would', 'could', 'suggest', 'wish', 'favor', 'seria', 'poderiam', 'podiam', 'sugiro', 'gostaria', 'deveriam',
]);
const EMPTY: ReadonlySet<string> = new Set();
const SCARE_QUOTES_RE = /["“][^"”]{2,40}["”]/;

function valence(lex: CompiledLexicon, t: Token): number | undefined {
  const v = lex.valenceOf(t.norm);
  if (v !== undefined || !t.elongated) return v;
  return lex.valenceOf(collapseStretch(t.norm, 1));
}

/**
 * Scores one segment's tokens with one language's lexicon. `carry` is the net
 * polarity of the previous sentence, used when this one opens with "But ...".
 */
export function scoreSegment(tokens: readonly Token[], lex: CompiledLexicon, carry = 0, rawText = ''): SegmentScore {
  const { lexicon } = lex;
  const stop = STOPWORDS[lex.language] ?? EMPTY;
  if (carry !== 0 && !startsWithContrast(tokens, lex)) carry = 0;
  const st = new ScoreState(lexicon, carry);
  if (rawText.length > 0 && (rawText.includes('"') || rawText.includes('“')) && SCARE_QUOTES_RE.test(rawText)) st.sarcasmCue = 1;

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'punct') {
      if (t.norm.includes('!')) st.exclaim += Math.min(3, t.norm.length);
      if (t.norm.includes('?')) st.question = i >= tokens.length - 3;
      if (t.norm === ',' && (st.clause.kind === 'conceded' || st.clause.kind === 'irrealis')) st.open('after');
      st.negWords = 0;
      st.negTokens = 0;
      continue;
    }
    if (t.kind === 'emoji') {
      if (STRONG_SARCASM_EMOJIS.has(t.norm)) st.sarcasmCue = 2;
      else if (SARCASM_EMOJIS.has(t.norm) && st.sarcasmCue === 0) st.sarcasmCue = 1;
      st.add(emojiValence(t.norm), i);
      continue;
    }
    // Multi-word entries, longest first.
    let matched = false;
    const maxLen = lexicon.phraseStarts.has(t.norm) ? lexicon.maxPhraseLength : 1;
    for (let len = Math.min(maxLen, tokens.length - i); len >= 2 && !matched; len--) {
      let phrase = t.norm;
      for (let k = 1; k < len; k++) phrase += ' ' + (tokens[i + k] as Token).norm;
      const pv = lexicon.phrases.get(phrase);
      matched = true;
      if (pv !== undefined) {
        // Negative concord ("não tenho nada a reclamar"): a phrase opening with a negator is not flipped again.
        const flip = st.inScope && !lexicon.negators.has(t.norm);
        st.add(flip ? pv * (pv > 0 ? NEGATE_POSITIVE : NEGATE_NEGATIVE) : pv * st.mult, i);
        st.clause.content++;
      } else if (lexicon.intensifiers.has(phrase)) {
        st.mult = lexicon.intensifiers.get(phrase) ?? 1;
        st.multTtl = 3;
      } else if (!st.connective(phrase)) {
        matched = false;
      }
      if (matched) i += len - 1;
    }
    if (matched) continue;
    const w = t.norm;
    if (st.connective(w)) continue;
    if (lexicon.negators.has(w)) {
      st.negWords = NEGATION_WORDS;
      st.negTokens = NEGATION_TOKENS;
      continue;
    }
    if (lexicon.scopeBreakers.has(w)) {
      st.negWords = 0;
      st.negTokens = 0;
    }
    if (REQUEST_WORDS.has(w)) st.clause.request = true;
    const isStop = stop.has(w);
    if (!isStop) st.clause.content++;
    const intens = lexicon.intensifiers.get(w);
    const v = valence(lex, t);
    if (intens !== undefined && v === undefined) {
      st.mult = intens;
      st.multTtl = 3;
      continue;
    }
    const inScope = st.inScope;
    const negated = inScope ? lexicon.negatedValence.get(w) : undefined;
    if (negated !== undefined) {
      // "não funciona", "never worked": the negated reading of an expected-good word.
      st.add(negated, i);
    } else if (v !== undefined && v !== 0) {
      // Post-posed intensifier ("caro demais", "bom demais"): boosts the previous hit.
      if (w === 'demais' && st.lastHitClause && st.lastHitAt >= i - 2) {
        const extra = st.lastHitValue * 0.5;
        if (extra > 0) st.lastHitClause.pos += extra;
        else st.lastHitClause.neg -= extra;
        continue;
      }
      let value = inScope ? v * (v > 0 ? NEGATE_POSITIVE : NEGATE_NEGATIVE) : v * st.mult;
      if (t.shouted) value *= 1.3;
      if (t.elongated) value *= 1.2;
      st.add(value, i);
    }
    if (!isStop) st.negWords--;
    st.negTokens--;
    if (st.multTtl > 0 && --st.multTtl === 0) st.mult = 1;
  }
  return combine(st.clauses, carry !== 0, st.exclaim, st.question, st.hits, st.sarcasmCue);
}

function startsWithContrast(tokens: readonly Token[], lex: CompiledLexicon): boolean {
  const a = tokens[0]?.norm ?? '';
  const b = tokens[1]?.norm ?? '';
  return lex.lexicon.contrast.has(a) || lex.lexicon.contrast.has(`${a} ${b}`);
}
