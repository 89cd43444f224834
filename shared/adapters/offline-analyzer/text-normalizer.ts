/**
 * Tokenising and normalising customer text: lower case, accents folded, informal
 * spellings expanded ("vcs", "pq", "mto", "u", "pls"), letters stretched for
 * emphasis ("demoroooou") collapsed.
 */

export type TokenKind = 'word' | 'number' | 'emoji' | 'punct';

export interface Token {
  /** Normalised form: lower case, accents folded, informal spelling expanded. */
  readonly norm: string;
  readonly kind: TokenKind;
  /** The word was stretched for emphasis ("sooo", "demoroooou"). */
  readonly elongated: boolean;
  /** The word was written in capitals ("NEVER"). */
  readonly shouted: boolean;
}

// Emoticons first, then words (with inner apostrophes/hyphens), numbers, emoji sequences, punctuation.
const TOKEN_RE =
  /[:;=]-?[)(DPp/]|<3|[\p{L}\p{M}]+(?:['’\-][\p{L}\p{M}]+)*|\d+(?:[.,:/]\d+)*|\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic}|\p{Emoji_Modifier})*|[!?]+|[.,;:…]+/gu;

const COMBINING_RE = /[\u0300-\u036f]/g;
const NON_ASCII_RE = /[^\x00-\x7f]/;
const STRETCH_RE = /(\p{L})\1{2,}/gu;
const STRETCH_TEST_RE = /(\p{L})\1{2,}/u;
const UPPER_RE = /^\p{Lu}{3,}$/u;

/** Lower-cases and strips diacritics ("Não" -> "nao"). */
export function foldAccents(text: string): string {
  const lower = text.toLowerCase();
  return NON_ASCII_RE.test(lower) ? lower.normalize('NFD').replace(COMBINING_RE, '') : lower;
}

const FOLD_CACHE = new Map<string, string>();

/** `foldAccents` for single words, memoised (bounded). */
export function foldWord(word: string): string {
  let folded = FOLD_CACHE.get(word);
  if (folded === undefined) {
    folded = foldAccents(word);
    if (FOLD_CACHE.size > 100_000) FOLD_CACHE.clear();
    FOLD_CACHE.set(word, folded);
  }
  return folded;
}

const INFORMAL_PT: ReadonlyMap<string, string> = new Map([
  ['vc', 'voce'], ['vcs', 'voces'], ['voce', 'voce'], ['pq', 'porque'], ['pqp', 'pqp'], ['q', 'que'], ['oq', 'que'],
  ['n', 'nao'], ['ñ', 'nao'], ['nn', 'nao'], ['naum', 'nao'], ['mto', 'muito'], ['mt', 'muito'], ['mta', 'muita'],
  ['mtos', 'muitos'], ['mtas', 'muitas'], ['muuito', 'muito'], ['tb', 'tambem'], ['tbm', 'tambem'], ['td', 'tudo'],
  ['tds', 'todos'], ['nd', 'nada'], ['ngm', 'ninguem'], ['blz', 'beleza'], ['vlw', 'valeu'], ['obg', 'obrigado'],
  ['obgd', 'obrigado'], ['obgda', 'obrigada'], ['msm', 'mesmo'], ['dps', 'depois'], ['hj', 'hoje'], ['cmg', 'comigo'],
  ['qnd', 'quando'], ['qdo', 'quando'], ['qto', 'quanto'], ['p', 'para'], ['pra', 'para'], ['pro', 'para'],
  ['pras', 'para'], ['pros', 'para'], ['ta', 'esta'], ['to', 'estou'], ['tava', 'estava'], ['tao', 'tao'],
  ['ja', 'ja'], ['eh', 'e'], ['neh', 'ne'], ['agr', 'agora'], ['sdd', 'saudade'], ['sdds', 'saudades'],
  ['cel', 'celular'], ['msg', 'mensagem'], ['qlq', 'qualquer'], ['qq', 'qualquer'], ['kd', 'cade'],
  ['fds', 'fim de semana'], ['mds', 'meu deus'], ['slk', 'nossa'], ['aff', 'aff'], ['vdd', 'verdade'],
  ['cm', 'como'], ['tmb', 'tambem'], ['ctz', 'certeza'], ['sla', 'sei la'], ['mn', 'mano'],
]);

const INFORMAL_EN: ReadonlyMap<string, string> = new Map([
  ['u', 'you'], ['ur', 'your'], ['r', 'are'], ['pls', 'please'], ['plz', 'please'], ['plss', 'please'],
  ['thx', 'thanks'], ['thnx', 'thanks'], ['ty', 'thanks'], ['tysm', 'thanks'], ['cant', "can't"],
  ['dont', "don't"], ['didnt', "didn't"], ['doesnt', "doesn't"], ['isnt', "isn't"], ['wasnt', "wasn't"],
  ['wont', "won't"], ['wouldnt', "wouldn't"], ['couldnt', "couldn't"], ['shouldnt', "shouldn't"],
  ['arent', "aren't"], ['werent', "weren't"], ['havent', "haven't"], ['hasnt', "hasn't"], ['aint', "ain't"],
  ['im', "i'm"], ['ive', "i've"], ['youre', "you're"], ['theyre', "they're"], ['thats', "that's"],
  ['its', "it's"], ['b4', 'before'], ['bc', 'because'], ['cuz', 'because'], ['coz', 'because'],
  ['tho', 'though'], ['thru', 'through'], ['ppl', 'people'], ['rly', 'really'], ['srsly', 'seriously'],
  ['gr8', 'great'], ['luv', 'love'], ['wtf', 'wtf'], ['smh', 'smh'], ['ngl', 'ngl'], ['tbh', 'tbh'],
  ['asap', 'asap'], ['idk', 'idk'], ['imo', 'imo'], ['omg', 'omg'], ['pkg', 'package'], ['acct', 'account'],
]);

/** Informal-spelling table for a language (empty for others). */
export function informalTable(language: string): ReadonlyMap<string, string> | undefined {
  return language === 'pt' ? INFORMAL_PT : language === 'en' ? INFORMAL_EN : undefined;
}

/** Collapses letters repeated 3+ times, to one letter (`"demoroooou"` -> `"demorou"`) or two (`"good"`). */
export function collapseStretch(word: string, keep: 1 | 2): string {
  return word.replace(STRETCH_RE, keep === 1 ? '$1' : '$1$1');
}

function classify(raw: string): TokenKind {
  const c = raw.charCodeAt(0);
  if ((c >= 48 && c <= 57)) return 'number';
  if (raw.length > 1 && (raw[0] === ':' || raw[0] === ';' || raw[0] === '=' || raw[0] === '<')) return 'emoji';
  if (c === 33 || c === 63 || c === 46 || c === 44 || c === 59 || c === 58 || c === 0x2026) return 'punct';
  return /\p{L}/u.test(raw[0] ?? '') ? 'word' : 'emoji';
}

/**
 * Splits text into normalised tokens. `language` chooses the informal-spelling table
 * (pt or en); other languages only get case and accent folding.
 */
export function tokenize(text: string, language: string): Token[] {
  const table = informalTable(language);
  const cache = table === INFORMAL_PT ? CACHE_PT : table === INFORMAL_EN ? CACHE_EN : CACHE_OTHER;
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    const raw = m[0];
    let token = cache.get(raw);
    if (token === undefined) {
      token = makeToken(raw, table);
      if (cache.size > CACHE_LIMIT) cache.clear();
      cache.set(raw, token);
    }
    out.push(token);
  }
  return out;
}

const CACHE_LIMIT = 100_000;
const CACHE_PT = new Map<string, Token>();
const CACHE_EN = new Map<string, Token>();
const CACHE_OTHER = new Map<string, Token>();

function makeToken(raw: string, table: ReadonlyMap<string, string> | undefined): Token {
  const kind = classify(raw);
  if (kind !== 'word') {
    return { norm: kind === 'emoji' ? raw.replace(/\uFE0F/g, '') : raw, kind, elongated: false, shouted: false };
  }
  let norm = foldAccents(raw).replace('’', "'");
  let elongated = false;
  if (STRETCH_TEST_RE.test(norm)) {
    elongated = true;
    norm = collapseStretch(norm, 2);
  }
  const informal = table?.get(norm);
  if (informal !== undefined) norm = informal;
  return { norm, kind, elongated, shouted: UPPER_RE.test(raw) };
}
