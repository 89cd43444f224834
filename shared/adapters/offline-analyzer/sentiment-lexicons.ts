/**
 * The compiled lexicons per language, built once at module load.
 */
import { buildLexicon, makeWordLookup, type SentimentLexicon } from './lexicon-builder.js';
import { EN_LEXICON_SOURCE } from './sentiment-en.lexicon.js';
import { PT_LEXICON_SOURCE } from './sentiment-pt.lexicon.js';

export interface CompiledLexicon {
  readonly language: string;
  readonly lexicon: SentimentLexicon;
  readonly valenceOf: (word: string) => number | undefined;
}

function compile(language: string, lexicon: SentimentLexicon): CompiledLexicon {
  return { language, lexicon, valenceOf: makeWordLookup(lexicon) };
}

const PT = compile('pt', buildLexicon(PT_LEXICON_SOURCE));
const EN = compile('en', buildLexicon(EN_LEXICON_SOURCE));

/** Languages with a sentiment lexicon. */
export const SUPPORTED_LANGUAGES: ReadonlySet<string> = new Set(['pt', 'en']);

/**
 * The lexicon for a language. Spanish and Galician texts borrow the Portuguese
 * lexicon (many shared roots); anything else falls back to English, which at
 * least covers loanwords and emojis. Callers lower confidence for those.
 */
export function lexiconFor(language: string): CompiledLexicon {
  if (language === 'pt' || language === 'es' || language === 'gl') return PT;
  return EN;
}
