/**
 * Key phrases: the few noun phrases a support lead would tag an item with.
 * Candidates are runs of content words (cut at stopwords, punctuation, verbs and
 * strong sentiment words), joined by "de/da/do" or "of"; ranked by frequency,
 * length, domain vocabulary and position.
 */
import { lexiconFor } from './sentiment-lexicons.js';
import { STOPWORDS } from './stopwords.js';
import { foldAccents } from './text-normalizer.js';
import { segmentText } from './text-segmenter.js';

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

export function extractKeyPhrases(text: string, language: string, max = MAX_PHRASES): string[] {
  const stop = STOPWORDS[language] ?? STOPWORDS.en ?? new Set<string>();
  const connectors = CONNECTORS[language] ?? new Set<string>();
  const lex = lexiconFor(language);
  const verbRe = language === 'pt' ? PT_VERB_RE : EN_VERB_RE;
  const found = new Map<string, Candidate>();
  let position = 0;

  const flush = (run: Array<{ raw: string; norm: string }>): void => {
    while (run.length > 0 && connectors.has((run[run.length - 1] as { norm: string }).norm)) run.pop();
    if (run.length === 0) return;
    for (let start = 0; start < run.length; start += MAX_WORDS) {
      const part = run.slice(start, start + MAX_WORDS);
      while (part.length > 0 && connectors.has((part[part.length - 1] as { norm: string }).norm)) part.pop();
      if (part.length === 0) continue;
      const key = part.map((w) => w.norm).join(' ');
      const surface = part.map((w) => w.raw).join(' ');
      const single = part.length === 1 ? (part[0] as { raw: string; norm: string }) : undefined;
      if (single && single.norm.length < 3 && !ACRONYM_RE.test(single.raw)) continue;
      const prev = found.get(key);
      if (prev) prev.count++;
      else
        found.set(key, {
          surface,
          key,
          count: 1,
          first: position,
          words: part.length,
          domain: part.some((w) => DOMAIN_NOUNS.has(w.norm)),
        });
    }
    run.length = 0;
  };

  for (const seg of segmentText(text).segments) {
    if (seg.boilerplate) continue;
    const run: Array<{ raw: string; norm: string }> = [];
    WORD_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = WORD_RE.exec(seg.text)) !== null) {
      position++;
      const raw = m[0].replace(/[’']s$/, '');
      const norm = foldAccents(raw);
      const isWord = /^[\p{L}\p{M}]/u.test(raw);
      if (!isWord || raw.startsWith('[')) {
        flush(run);
        continue;
      }
      if (connectors.has(norm) && run.length > 0) {
        run.push({ raw, norm });
        continue;
      }
      const valence = lex.valenceOf(norm) ?? 0;
      const content =
        !stop.has(norm) &&
        (DOMAIN_NOUNS.has(norm) || ACRONYM_RE.test(raw) || (Math.abs(valence) < 1.5 && !verbRe.test(norm) && norm.length > 2));
      if (content) run.push({ raw: ACRONYM_RE.test(raw) ? raw : raw.toLowerCase(), norm });
      else flush(run);
    }
    flush(run);
  }

  const ranked = [...found.values()].sort((a, b) => score(b) - score(a) || a.first - b.first);
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
