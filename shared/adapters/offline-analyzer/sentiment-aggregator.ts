/**
 * Document-level sentiment: scores each sentence / turn, weighs them (customer turns
 * decide transcripts, e-mail greetings and sign-offs count for nothing, short
 * "ok, thanks" turns barely count), applies sarcasm and complaint-pattern cues, and
 * turns the masses into Comprehend's label and four scores.
 */
import type { SentimentLabel } from '../../domain/analysis.schema.js';
import { decide, type SentimentDecision } from './sentiment-decision.js';
import { scoreSegment, type ContrastDirection } from './sentiment-scorer.js';
import { lexiconFor } from './sentiment-lexicons.js';
import { foldAccents, tokenize } from './text-normalizer.js';
import { segmentText, type SegmentedText } from './text-segmenter.js';

export interface SentimentAnalysis extends SentimentDecision {
  readonly pos: number;
  readonly neg: number;
  readonly hits: number;
  readonly contrast: ContrastDirection;
  readonly sarcasm: boolean;
  /** Net polarity of the last polar clause (> 0: ends on a positive note). */
  readonly lastNet: number;
  /** The text that decided the sentiment (customer turns of a transcript, or all). */
  readonly decidingText: string;
}

const SARCASM_RE: Readonly<Record<string, RegExp>> = {
  pt: /\b(?:que maravilha|que otimo|que beleza|que lindo|parabens aos envolvidos|parabens pel[oa]s? (?:demora|atraso|descaso)|como sempre|obrigad[oa] por nada|so que nao|adorei esperar|amei esperar|muito obrigad[oa] por nada|ta de parabens|show de bola,)\b/,
  en: /(?:^|[.!?]\s+)(?:great|perfect|wonderful|lovely|fantastic|brilliant|awesome|nice),? (?:so|another|more|now|just|thanks|exactly)\b|\b(?:as always|as usual|thanks for nothing|thanks a lot for nothing|oh great|just great|love it when|yeah right|so much for|what a joke|good job,? (?:guys|team)|well done,? (?:guys|team)|love that for me|real convenient|very convenient)\b/,
};

/** Complaint patterns that the word lexicon cannot see. */
const CUE_RES: Readonly<Record<string, ReadonlyArray<readonly [RegExp, number]>>> = {
  pt: [
    [/\b(?:liguei|ligamos|entrei em contato|reclamei|mandei (?:e-?mail|mensagem)|fui (?:a|na) loja|enviei|mandei)\b[^.!?]{0,30}(?:\b(?:\d+|duas|tres|quatro|cinco|seis|varias|mil|dez|umas?)\s+vezes\b|\b\d+\s?x\b)/, -2],
    [/\b(?:desde (?:ontem|anteontem|segunda|terca|quarta|quinta|sexta|sabado|domingo|o mes passado|semana passada))|\b(?:ha|faz|fazem|por|mais de|quase|desde)\s+(?:\d+|dois|duas|tres|quatro|cinco|seis|sete|oito|dez|quinze|vinte|trinta)\s+(?:dias|semanas|meses|horas)\b/, -0.7],
  ],
  en: [
    [/\b(?:called|calling|phoned|emailed|contacted|chased|messaged|visited)\b[^.!?]{0,30}\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|multiple|several|many|countless|numerous)\s+times\b/, -2],
    [/\b(?:for|over|after|more than|almost|nearly|in)\s+(?:\d+|two|three|four|five|six|seven|eight|ten|eleven|twelve|fifteen|twenty|thirty)\s+(?:days|weeks|months|hours)\b/, -0.7],
  ],
};

const ACK_MAX_WORDS = 6;
const ACK_WEIGHT = 0.15;

export function analyzeSentiment(text: string, language: string, pre?: SegmentedText): SentimentAnalysis {
  const lex = lexiconFor(language);
  const { segments, isTranscript } = pre ?? segmentText(text);
  const hasCustomer = isTranscript && segments.some((s) => s.speaker !== 'agent');
  let pos = 0;
  let neg = 0;
  let hits = 0;
  let contrast: ContrastDirection = 'none';
  let sarcasmCue = 0;
  let lastNet = 0;
  let deciding = '';
  let carry = 0;
  let prevBlock = -1;
  const blockNet = new Map<number, number>();
  // Customer turns after the first that are only a short "ok, thanks" barely count.
  const turnWords = new Map<number, number>();
  let firstCustomerBlock = -1;
  if (isTranscript) {
    for (const seg of segments) {
      if (seg.speaker === 'agent' || seg.boilerplate) continue;
      if (firstCustomerBlock < 0) firstCustomerBlock = seg.block;
      turnWords.set(seg.block, (turnWords.get(seg.block) ?? 0) + countWords(seg.text));
    }
  }
  for (const seg of segments) {
    if (seg.boilerplate || (hasCustomer && seg.speaker === 'agent')) continue;
    deciding += deciding.length > 0 ? '\n' + seg.text : seg.text;
    const tokens = tokenize(seg.text, lex.language);
    const s = scoreSegment(tokens, lex, seg.block === prevBlock || !isTranscript ? carry : 0, seg.text);
    const ack = isTranscript && seg.block !== firstCustomerBlock && (turnWords.get(seg.block) ?? 99) <= ACK_MAX_WORDS;
    const weight = ack && !s.question ? ACK_WEIGHT : 1;
    pos += s.pos * weight;
    neg += s.neg * weight;
    hits += s.hits;
    if (s.contrast === 'down' || (s.contrast === 'up' && contrast === 'none')) contrast = s.contrast;
    sarcasmCue = Math.max(sarcasmCue, s.sarcasmCue);
    if (s.lastNet !== 0 && weight === 1) lastNet = s.lastNet;
    const net = s.pos - s.neg;
    blockNet.set(seg.block, (blockNet.get(seg.block) ?? 0) + net);
    carry = net;
    prevBlock = seg.block;
  }
  const folded = foldAccents(deciding);
  for (const [re, value] of CUE_RES[lex.language] ?? []) {
    if (re.test(folded)) neg -= value;
  }
  // A clearly positive paragraph next to a clearly negative one is a contrast too.
  if (contrast === 'none' && segments.length > 2) {
    let posBlocks = 0;
    let negBlocks = 0;
    for (const p of blockNet.values()) {
      if (p >= 1.5) posBlocks++;
      else if (p <= -1.5) negBlocks++;
    }
    if (posBlocks > 0 && negBlocks > 0) contrast = 'down';
  }
  const sarcasmRe = SARCASM_RE[lex.language];
  const sarcasm =
    pos > 0 &&
    (sarcasmCue === 2 || (neg >= 1.2 && contrast === 'none' && (sarcasmCue === 1 || (sarcasmRe !== undefined && sarcasmRe.test(folded)))));
  if (sarcasm) {
    neg += pos * 0.8 + (sarcasmCue === 2 ? 0.8 : 0);
    pos *= 0.15;
    if (contrast === 'down' || contrast === 'up') contrast = 'none';
    lastNet = -1;
  }
  const decision = decide(pos, neg, contrast);
  return { ...decision, pos, neg, hits, contrast, sarcasm, lastNet, decidingText: deciding };
}

const WORDS_RE = /[\p{L}\d]+/gu;
function countWords(text: string): number {
  return text.match(WORDS_RE)?.length ?? 0;
}

export type { SentimentLabel };
