/**
 * Document-level sentiment: scores each sentence / turn, weighs them (customer turns
 * decide transcripts, e-mail greetings and sign-offs count for nothing), applies
 * sarcasm cues, and turns the masses into Comprehend's label and four scores.
 */
import type { SentimentLabel, SentimentScores } from '../../domain/analysis.schema.js';
import { scoreSegment } from './sentiment-scorer.js';
import { lexiconFor } from './sentiment-lexicons.js';
import { foldAccents, tokenize } from './text-normalizer.js';
import { segmentText, type SegmentedText } from './text-segmenter.js';

export interface SentimentAnalysis {
  readonly label: SentimentLabel;
  readonly scores: SentimentScores;
  /** 0..1: how sure the rules are of the label. */
  readonly confidence: number;
  readonly pos: number;
  readonly neg: number;
  readonly hits: number;
  readonly contrastFlip: boolean;
  readonly sarcasm: boolean;
  /** The text that decided the sentiment (customer turns of a transcript, or all). */
  readonly decidingText: string;
}

const SARCASM_RE: Readonly<Record<string, RegExp>> = {
  pt: /\b(?:que maravilha|que otimo|que beleza|que lindo|parabens aos envolvidos|parabens pel[oa]s? (?:demora|atraso|descaso)|como sempre|obrigad[oa] por nada|so que nao|adorei esperar|amei esperar|muito obrigad[oa] por nada|ta de parabens)\b/,
  en: /\b(?:as always|as usual|thanks for nothing|thanks a lot for nothing|just great|oh great|great,? (?:another|more)|love it when|just what i needed|yeah right|so much for|what a joke|good job,? (?:guys|team)|well done,? (?:guys|team)|nice one|love it\.|love that for me|bravo)\b/,
};

const CUSTOMER_WEIGHT = 1;
const AGENT_WEIGHT = 0;
const NEUTRAL_FLOOR = 0.6;

export function analyzeSentiment(text: string, language: string, pre?: SegmentedText): SentimentAnalysis {
  const lex = lexiconFor(language);
  const { segments, isTranscript } = pre ?? segmentText(text);
  const hasCustomer = isTranscript && segments.some((s) => s.speaker !== 'agent');
  let pos = 0;
  let neg = 0;
  let hits = 0;
  let contrastFlip = false;
  let sarcasmCue = false;
  let deciding = '';
  const blockPolarity = new Map<number, number>();
  for (const seg of segments) {
    if (seg.boilerplate) continue;
    const weight = hasCustomer && seg.speaker === 'agent' ? AGENT_WEIGHT : CUSTOMER_WEIGHT;
    if (weight === 0) continue;
    deciding += deciding.length > 0 ? '\n' + seg.text : seg.text;
    const s = scoreSegment(tokenize(seg.text, lex.language), lex);
    pos += s.pos * weight;
    neg += s.neg * weight;
    hits += s.hits;
    contrastFlip ||= s.contrastFlip;
    sarcasmCue ||= s.sarcasmCue;
    blockPolarity.set(seg.block, (blockPolarity.get(seg.block) ?? 0) + s.pos - s.neg);
  }
  // A clearly positive paragraph next to a clearly negative one is a contrast too.
  let posBlocks = 0;
  let negBlocks = 0;
  for (const p of blockPolarity.values()) {
    if (p >= 1.5) posBlocks++;
    else if (p <= -1.5) negBlocks++;
  }
  const crossBlockContrast = posBlocks > 0 && negBlocks > 0;

  const sarcasmRe = SARCASM_RE[lex.language];
  const sarcasm =
    pos > 0 && neg >= 1.2 && (sarcasmCue || (sarcasmRe !== undefined && sarcasmRe.test(foldAccents(deciding))));
  if (sarcasm) {
    neg += pos * 0.8;
    pos *= 0.15;
  }
  const decision = decide(pos, neg, contrastFlip || crossBlockContrast);
  return { ...decision, pos, neg, hits, contrastFlip, sarcasm, decidingText: deciding };
}

interface Decision {
  label: SentimentLabel;
  scores: SentimentScores;
  confidence: number;
}

/** Turns positive/negative masses into a label, four scores and a confidence. */
export function decide(pos: number, neg: number, contrast: boolean): Decision {
  const total = pos + neg;
  const hi = Math.max(pos, neg);
  const lo = Math.min(pos, neg);
  const ratio = hi > 0 ? lo / hi : 0;
  let label: SentimentLabel;
  let confidence: number;
  if (total < NEUTRAL_FLOOR) {
    label = 'NEUTRAL';
    confidence = 0.8 - 0.4 * (total / NEUTRAL_FLOOR);
  } else if (lo >= 0.9 && (ratio >= 0.5 || (contrast && ratio >= 0.28))) {
    label = 'MIXED';
    confidence = 0.5 + (contrast ? 0.2 : 0) + 0.25 * Math.min(1, ratio) + 0.05 * Math.min(1, lo / 3);
  } else {
    label = pos > neg ? 'POSITIVE' : 'NEGATIVE';
    const margin = (hi - lo) / total;
    confidence = 0.3 + 0.3 * Math.min(1, hi / 2.5) + 0.35 * margin;
    if (contrast && ratio >= 0.2) confidence -= 0.1;
  }
  confidence = Math.max(0.05, Math.min(0.99, confidence));
  return { label, scores: toScores(label, confidence, pos, neg, lo), confidence };
}

function toScores(label: SentimentLabel, confidence: number, pos: number, neg: number, lo: number): SentimentScores {
  const raw: Record<SentimentLabel, number> = {
    POSITIVE: pos + 0.05,
    NEGATIVE: neg + 0.05,
    MIXED: lo * 1.5 + 0.03,
    NEUTRAL: NEUTRAL_FLOOR,
  };
  const top = 0.5 + 0.49 * confidence;
  let rest = 0;
  for (const k of Object.keys(raw) as SentimentLabel[]) if (k !== label) rest += raw[k];
  const share = (k: SentimentLabel): number => (k === label ? top : ((1 - top) * raw[k]) / rest);
  return {
    Positive: round(share('POSITIVE')),
    Negative: round(share('NEGATIVE')),
    Neutral: round(share('NEUTRAL')),
    Mixed: round(share('MIXED')),
  };
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 10_000) / 10_000;
}
