/**
 * Builds lookup structures from the compact lexicon sources: `word:valence`,
 * `stem*:valence` (prefix, for inflected forms) and `multi_word_phrase:valence`.
 */

export interface SentimentLexicon {
  /** Exact words (accents folded). */
  readonly words: ReadonlyMap<string, number>;
  /** Stems matched as prefixes (longest wins), for inflected forms. */
  readonly prefixes: ReadonlyMap<string, number>;
  /** Multi-word expressions, tokens joined by one space. */
  readonly phrases: ReadonlyMap<string, number>;
  readonly maxPhraseLength: number;
  /** First words of phrases and multi-word connectives (cheap pre-check). */
  readonly phraseStarts: ReadonlySet<string>;
  /** Words that negate the next few words ("não", "never", "didn't"). */
  readonly negators: ReadonlySet<string>;
  /** Neutral words that are negative once negated ("não funciona", "never arrived"). */
  readonly negatedValence: ReadonlyMap<string, number>;
  /** Multipliers for the next sentiment word ("muito" 1.5, "um pouco" 0.5). */
  readonly intensifiers: ReadonlyMap<string, number>;
  /** "but"-type connectives: the clause after them dominates. */
  readonly contrast: ReadonlySet<string>;
  /** "although"-type connectives: the clause they open is conceded. */
  readonly concessive: ReadonlySet<string>;
  /** Counterfactual openers ("achei que", "I thought"): their clause barely counts. */
  readonly irrealis: ReadonlySet<string>;
  /** Words that end a negation scope early. */
  readonly scopeBreakers: ReadonlySet<string>;
}

export interface LexiconSource {
  readonly valences: string;
  readonly negators: string;
  readonly negatedValence: string;
  readonly intensifiers: string;
  readonly contrast: string;
  readonly concessive: string;
  readonly irrealis: string;
  readonly scopeBreakers: string;
}

function entries(source: string): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const item of source.split(/\s+/)) {
    if (item.length === 0) continue;
    const at = item.lastIndexOf(':');
    if (at <= 0) throw new Error(`lexicon entry without valence: ${item}`);
    const value = Number(item.slice(at + 1));
    if (!Number.isFinite(value)) throw new Error(`bad lexicon valence: ${item}`);
    out.push([item.slice(0, at), value]);
  }
  return out;
}

function words(source: string): Set<string> {
  return new Set(source.split(/\s+/).filter((w) => w.length > 0).map((w) => w.replace(/_/g, ' ')));
}

export function buildLexicon(source: LexiconSource): SentimentLexicon {
  const wordMap = new Map<string, number>();
  const prefixes = new Map<string, number>();
  const phrases = new Map<string, number>();
  let maxPhraseLength = 1;
  for (const [key, value] of entries(source.valences)) {
    if (key.includes('_')) {
      const phrase = key.replace(/_/g, ' ');
      // A trailing `*` on a phrase stands for the gender/number endings -o, -a, -os, -as.
      const variants = phrase.endsWith('*') ? ['o', 'a', 'os', 'as'].map((e) => phrase.slice(0, -1) + e) : [phrase];
      for (const v of variants) phrases.set(v, value);
      maxPhraseLength = Math.max(maxPhraseLength, phrase.split(' ').length);
    } else if (key.endsWith('*')) {
      prefixes.set(key.slice(0, -1), value);
    } else {
      wordMap.set(key, value);
    }
  }
  const intensifiers = new Map<string, number>();
  for (const [key, value] of entries(source.intensifiers)) {
    const phrase = key.replace(/_/g, ' ');
    intensifiers.set(phrase, value);
    maxPhraseLength = Math.max(maxPhraseLength, phrase.split(' ').length);
  }
  const contrast = words(source.contrast);
  const concessive = words(source.concessive);
  const irrealis = words(source.irrealis);
  const phraseStarts = new Set<string>();
  for (const key of [...phrases.keys(), ...intensifiers.keys(), ...contrast, ...concessive, ...irrealis]) {
    const parts = key.split(' ');
    if (parts.length > 1) {
      phraseStarts.add(parts[0] as string);
      maxPhraseLength = Math.max(maxPhraseLength, parts.length);
    }
  }
  return {
    words: wordMap,
    prefixes,
    phrases,
    maxPhraseLength,
    phraseStarts,
    negators: words(source.negators),
    negatedValence: new Map(entries(source.negatedValence)),
    intensifiers,
    contrast,
    concessive,
    irrealis,
    scopeBreakers: words(source.scopeBreakers),
  };
}

const MIN_STEM = 3;

/**
 * Valence of one normalised word: exact entry first, then the longest matching
 * stem. Results are memoised per lexicon (bounded).
 */
export function makeWordLookup(lexicon: SentimentLexicon): (word: string) => number | undefined {
  const memo = new Map<string, number | null>();
  let longest = 0;
  for (const stem of lexicon.prefixes.keys()) longest = Math.max(longest, stem.length);
  return (word: string): number | undefined => {
    const cached = memo.get(word);
    if (cached !== undefined) return cached ?? undefined;
    let value: number | undefined = lexicon.words.get(word);
    if (value === undefined) {
      for (let len = Math.min(longest, word.length); len >= MIN_STEM; len--) {
        const hit = lexicon.prefixes.get(word.slice(0, len));
        if (hit !== undefined) {
          value = hit;
          break;
        }
      }
    }
    if (memo.size > 50_000) memo.clear();
    memo.set(word, value ?? null);
    return value;
  };
}
