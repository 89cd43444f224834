/**
 * Language detection for short customer texts: function-word and spelling evidence
 * (works on three-word texts, where trigram models guess), backed by `franc-min`'s
 * trigram model for longer texts and languages outside the marker lists.
 * A hint from the customer/form wins unless the text clearly says otherwise.
 */
import { francAll } from 'franc-min';
import { foldAccents } from './text-normalizer.js';
import { lexiconFor } from './sentiment-lexicons.js';
import { LANGUAGE_MARKERS } from './stopwords.js';

export interface DetectedLanguage {
  /** ISO 639-1 code, or `und` when nothing can be told. */
  readonly code: string;
  readonly confidence: number;
}

/** ISO 639-3 (franc-min's codes) to ISO 639-1. */
const ISO3_TO_1: Readonly<Record<string, string>> = {
  por: 'pt', eng: 'en', spa: 'es', fra: 'fr', deu: 'de', ita: 'it', nld: 'nl', ron: 'ro', pol: 'pl', tur: 'tr',
  ind: 'id', zlm: 'ms', vie: 'vi', swh: 'sw', jav: 'jv', sun: 'su', hau: 'ha', yor: 'yo', ibo: 'ig', hun: 'hu',
  ces: 'cs', swe: 'sv', som: 'so', zul: 'zu', kin: 'rw', nya: 'ny', lin: 'ln', tgl: 'tl', ceb: 'ceb', ilo: 'ilo',
  hrv: 'hr', bos: 'bs', srp: 'sr', uzn: 'uz', azj: 'az', rus: 'ru', ukr: 'uk', bel: 'be', bul: 'bg', kaz: 'kk',
  arb: 'ar', urd: 'ur', pes: 'fa', hin: 'hi', mar: 'mr', npi: 'ne', cmn: 'zh', jpn: 'ja', kor: 'ko', ben: 'bn',
  tha: 'th', ell: 'el', heb: 'he', tam: 'ta', tel: 'te', guj: 'gu', kan: 'kn', mal: 'ml', pan: 'pa', amh: 'am',
  plt: 'mg', run: 'rn', ckb: 'ckb', fuv: 'ff', mad: 'mad', qug: 'qu', zyb: 'za', hms: 'hms', hnj: 'hnj',
  koi: 'kv', skr: 'skr', pbu: 'ps', mai: 'mai', bho: 'bho', mag: 'mag', kat: 'ka', hye: 'hy', khm: 'km', mya: 'my',
  sin: 'si', ori: 'or', lao: 'lo',
};

const MARKER_LANGS = Object.keys(LANGUAGE_MARKERS);
const PT_LEX = lexiconFor('pt');
const EN_LEX = lexiconFor('en');
const LEXICON_EVIDENCE = 0.6;

/** word -> [[language, weight]]: a word shared by k languages weighs 1/k. */
const MARKER_INDEX: ReadonlyMap<string, ReadonlyArray<readonly [string, number]>> = (() => {
  const index = new Map<string, Array<readonly [string, number]>>();
  for (const lang of MARKER_LANGS) {
    for (const word of LANGUAGE_MARKERS[lang] ?? []) {
      const list = index.get(word) ?? [];
      list.push([lang, 1]);
      index.set(word, list);
    }
  }
  for (const [word, list] of index) index.set(word, list.map(([l]) => [l, 1 / list.length] as const));
  return index;
})();

const WORD_RE = /[\p{L}]+(?:['’][\p{L}]+)?/gu;
const PT_CHARS_RE = /[ãõ]/g;
const CEDILLA_RE = /ç/g;
const ES_CHARS_RE = /[ñ¿¡]/g;
const DE_CHARS_RE = /[äöüß]/g;
const EN_CONTRACTION_RE = /\b\w+(?:n['’]t|['’](?:s|re|ve|ll|m|d))\b/gi;
const PT_LAUGH_RE = /\bk{3,}\b|\b(?:rs)+\b/gi;
const NON_LATIN_RE = /[\u0400-\u04ff\u0600-\u06ff\u0900-\u097f\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f\u0590-\u05ff\u0370-\u03ff]/;

function countMatches(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}

/** Marker evidence per language for a text. */
export function languageEvidence(text: string): Map<string, number> {
  const scores = new Map<string, number>();
  const add = (lang: string, w: number): void => {
    scores.set(lang, (scores.get(lang) ?? 0) + w);
  };
  const lower = text.toLowerCase();
  add('pt', 1.5 * Math.min(3, countMatches(PT_CHARS_RE, lower)) + 0.5 * Math.min(2, countMatches(CEDILLA_RE, lower)));
  add('pt', 1.5 * Math.min(2, countMatches(PT_LAUGH_RE, lower)));
  add('es', 1.5 * Math.min(3, countMatches(ES_CHARS_RE, lower)));
  add('de', 1.5 * Math.min(3, countMatches(DE_CHARS_RE, lower)));
  add('en', 1 * Math.min(3, countMatches(EN_CONTRACTION_RE, text)));
  const folded = foldAccents(text);
  WORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD_RE.exec(folded)) !== null) {
    const word = m[0].replace('’', "'");
    const hits = MARKER_INDEX.get(word);
    if (hits) {
      for (const [lang, w] of hits) add(lang, w);
    } else if (word.length > 2) {
      // Sentiment vocabulary known to only one of the two lexicons is weak evidence ("péssimo", "awful").
      const inPt = PT_LEX.lexicon.words.has(word) || PT_LEX.lexicon.negatedValence.has(word);
      const inEn = EN_LEX.lexicon.words.has(word) || EN_LEX.lexicon.negatedValence.has(word);
      if (inPt !== inEn) add(inPt ? 'pt' : 'en', LEXICON_EVIDENCE);
    }
  }
  return scores;
}

function francGuess(text: string): { code: string; score: number } | undefined {
  if (text.length < 20) return undefined;
  const ranked = francAll(text, { minLength: 10 });
  const top = ranked[0];
  if (!top || top[0] === 'und') return undefined;
  const code = ISO3_TO_1[top[0]];
  if (!code) return undefined;
  const second = ranked[1]?.[1] ?? 0;
  return { code, score: 1 - second };
}

function best(scores: Map<string, number>): { code: string; top: number; second: number } {
  let code = 'und';
  let top = 0;
  let second = 0;
  for (const [lang, s] of scores) {
    if (s > top) {
      second = top;
      top = s;
      code = lang;
    } else if (s > second) second = s;
  }
  return { code, top, second };
}

/**
 * Detects the language of `text` (ISO 639-1). `hint` (ISO 639-1 from the customer,
 * channel or form) is kept unless the text clearly is in another language.
 */
export function detectLanguage(text: string, hint?: string): DetectedLanguage {
  const d = detect(text, hint);
  return { code: d.code, confidence: Math.round(d.confidence * 1000) / 1000 };
}

function detect(text: string, hint?: string): DetectedLanguage {
  const hintCode = hint ? hint.toLowerCase().slice(0, 2) : undefined;
  const evidence = languageEvidence(text);
  const { code, top, second } = best(evidence);
  const margin = top - second;

  let guess: DetectedLanguage;
  if (top >= 1 && margin >= 1) {
    // Clear function-word evidence.
    guess = { code, confidence: Math.min(0.99, 0.6 + 0.1 * margin + 0.03 * top) };
  } else {
    const franc = NON_LATIN_RE.test(text) || top < 2 ? francGuess(text) : undefined;
    if (franc && (franc.code === code || top < 1)) {
      guess = { code: franc.code, confidence: Math.min(0.9, 0.45 + franc.score) };
    } else if (top > 0) {
      guess = { code, confidence: Math.min(0.7, 0.35 + 0.1 * margin + 0.05 * top) };
    } else {
      guess = { code: 'und', confidence: 0 };
    }
  }

  if (!hintCode) return guess;
  // The hint stands unless the text clearly says otherwise.
  const hintScore = evidence.get(hintCode) ?? 0;
  const clearlyOther = guess.code !== hintCode && guess.code !== 'und' && guess.confidence >= 0.75 && top - hintScore >= 3;
  if (clearlyOther) return guess;
  return { code: hintCode, confidence: guess.code === hintCode ? Math.max(guess.confidence, 0.9) : 0.8 };
}
