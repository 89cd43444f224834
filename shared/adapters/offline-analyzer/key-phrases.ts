/**
 * Key phrases: the few noun phrases a support lead would tag an item with.
 * Candidates are runs of content words (cut at stopwords, punctuation, verbs and
 * strong sentiment words), joined by "de/da/do" or "of"; ranked by frequency,
 * length, domain vocabulary and position.
 */
import { lexiconFor } from './sentiment-lexicons.js';
import { STOPWORDS } from './stopwords.js';
import { foldWord } from './text-normalizer.js';
import { segmentText, type Segment } from './text-segmenter.js';

const WORD_RE = /[\p{L}\p{M}][\p{L}\p{M}\d'’-]*|\d+[\p{L}]*|[^\s\p{L}\p{M}\d]+/gu;
const CONNECTORS: Readonly<Record<string, ReadonlySet<string>>> = {
  pt: new Set(['de', 'da', 'do', 'das', 'dos', 'com']),
  en: new Set(['of']),
};
const PT_VERB_RE = /(?:ou|ei|aram|eram|iram|ando|endo|indo|avam|ava|amos|emos|imos|asse|esse|isse|aria|eria|iria)$/;
const EN_VERB_RE = /(?:ed|ly)$/;

/** Nouns that name what customers talk about: always good tags. */
const DOMAIN_NOUNS = new Set(
  (
    'entrega entregador atraso reembolso estorno cobranca boleto pix sac fila atendimento atendente produto pedido ' +
    'app aplicativo site defeito suporte fatura cartao frete prazo troca devolucao garantia pagamento assinatura ' +
    'plano internet sinal conta senha cadastro cupom desconto preco valor taxa juros loja chat whatsapp ' +
    'ouvidoria protocolo embalagem qualidade cardapio comida quarto limpeza recepcao consulta exame ' +
    'refund delivery order charge support app website shipping package tracking invoice billing payment ' +
    'subscription account password login checkout coupon discount price fee staff service quality ' +
    'chargeback warranty replacement return driver room food booking appointment battery update'
  ).split(' '),
);
const ACRONYM_RE = /^[A-Z]{2,5}$/;
const POSSESSIVE_RE = /[’']s$/;
const MAX_PHRASES = 5;
const MAX_WORDS = 4;

interface Candidate {
  surface: string;
  key: string;
  count: number;
  first: number;
  words: number;
  domain: boolean;
}

interface Word {
  raw: string;
  norm: string;
}

interface Context {
  readonly connectors: ReadonlySet<string>;
  readonly found: Map<string, Candidate>;
  position: number;
}

function isConnector(ctx: Context, w: Word | undefined): boolean {
  return w !== undefined && ctx.connectors.has(w.norm);
}

/** Records the candidate phrases of a run of content words and empties the run. */
function flush(ctx: Context, run: Word[]): void {
  while (run.length > 0 && isConnector(ctx, run[run.length - 1])) run.pop();
  for (let start = 0; start < run.length; start += MAX_WORDS) {
    const part = run.slice(start, start + MAX_WORDS);
    while (part.length > 0 && isConnector(ctx, part[part.length - 1])) part.pop();
    if (part.length === 0) continue;
    const single = part.length === 1 ? part[0] : undefined;
    if (single && single.norm.length < 3 && !ACRONYM_RE.test(single.raw)) continue;
    let key = '';
    let surface = '';
    let domain = false;
    for (const w of part) {
      key += key.length > 0 ? ' ' + w.norm : w.norm;
      surface += surface.length > 0 ? ' ' + w.raw : w.raw;
      domain ||= DOMAIN_NOUNS.has(w.norm);
    }
    const prev = ctx.found.get(key);
    if (prev) prev.count++;
    else ctx.found.set(key, { surface, key, count: 1, first: ctx.position, words: part.length, domain });
  }
  run.length = 0;
}

const LETTER_START_RE = /^[\p{L}\p{M}]/u;

/**
 * The few noun phrases that best tag `text` (surface forms, most relevant first).
 * `segments` may be passed when the caller already segmented the text.
 */
export function extractKeyPhrases(text: string, language: string, max = MAX_PHRASES, segments?: readonly Segment[]): string[] {
  const stop = STOPWORDS[language] ?? STOPWORDS.en ?? new Set<string>();
  const lex = lexiconFor(language);
  const verbRe = language === 'pt' ? PT_VERB_RE : EN_VERB_RE;
  const ctx: Context = { connectors: CONNECTORS[language] ?? new Set<string>(), found: new Map(), position: 0 };
  const run: Word[] = [];
  for (const seg of segments ?? segmentText(text).segments) {
    if (seg.boilerplate) continue;
    WORD_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = WORD_RE.exec(seg.text)) !== null) {
      ctx.position++;
      const raw = m[0].replace(POSSESSIVE_RE, '');
      if (!LETTER_START_RE.test(raw)) {
        flush(ctx, run);
        continue;
      }
      const norm = foldWord(raw);
      if (ctx.connectors.has(norm) && run.length > 0) {
        run.push({ raw, norm });
        continue;
      }
      const acronym = ACRONYM_RE.test(raw);
      const content =
        !stop.has(norm) &&
        !lex.lexicon.negators.has(norm) &&
        (DOMAIN_NOUNS.has(norm) ||
          acronym ||
          (norm.length > 2 && !verbRe.test(norm) && Math.abs(lex.valenceOf(norm) ?? 0) < 1.5));
      if (content) run.push({ raw: acronym ? raw : raw.toLowerCase(), norm });
      else flush(ctx, run);
    }
    flush(ctx, run);
  }

  const ranked = [...ctx.found.values()].sort((a, b) => score(b) - score(a) || a.first - b.first);
  const out: Candidate[] = [];
  for (const c of ranked) {
    if (out.length >= max) break;
    // Skip phrases contained in (or containing) one already chosen.
    if (out.some((o) => ` ${o.key} `.includes(` ${c.key} `) || ` ${c.key} `.includes(` ${o.key} `))) continue;
    out.push(c);
  }
  return out.map((c) => c.surface);
}

function score(c: Candidate): number {
  return c.count * 1.5 + Math.min(3, c.words) * 0.6 + (c.domain ? 1.2 : 0) - c.first * 0.002;
}
