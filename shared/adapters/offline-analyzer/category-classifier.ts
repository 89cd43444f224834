/**
 * Category from what the customer does: asks (question), proposes (suggestion),
 * praises or complains (from the sentiment), or anything else (other).
 * Engine-agnostic: the Comprehend engine reuses it with Comprehend's sentiment.
 */
import type { Category, SentimentLabel, SentimentScores } from '../../domain/analysis.schema.js';
import { foldAccents } from './text-normalizer.js';

export interface CategoryInput {
  /** The text that speaks for the customer (for transcripts, the customer turns). */
  readonly text: string;
  /** ISO 639-1; pt and en have patterns, other languages only get the sentiment mapping. */
  readonly language: string;
  readonly sentiment: SentimentLabel;
  /** Optional: used to lean MIXED items towards praise or complaint. */
  readonly scores?: SentimentScores;
  /** Optional: the text ends on a positive note (leans MIXED towards praise). */
  readonly endsPositive?: boolean;
}

export interface CategoryDecision {
  readonly category: Category;
  /** 0..1. */
  readonly confidence: number;
}

interface Patterns {
  readonly suggestion: RegExp;
  readonly questionStart: RegExp;
  readonly questionPhrase: RegExp;
  readonly rhetorical: RegExp;
}

const PATTERNS: Readonly<Record<string, Patterns>> = {
  pt: {
    suggestion:
      /\b(?:seria (?:muito |bem |super )?(?:bom|otimo|legal|interessante|bacana|util|ideal|melhor|incrivel|maravilhoso|top|excelente|importante|bem-vindo)|ia ser (?:bom|otimo|legal|top|muito bom|incrivel|util)|(?:voces|vcs|a empresa|a loja|o app|o site) (?:poderiam|podiam|deveriam|deviam|precisam (?:melhorar|ter|colocar|criar|oferecer))|^(?:poderiam|podiam|deveriam|deviam)|sugiro|sugerimos|sugestao|sugestoes|gostaria de sugerir|fica a dica|que tal (?:voces|colocar|criar|ter|oferecer)|gostaria que (?:voces|tivesse|houvesse|o app|o site|a loja)|por que (?:voces )?nao (?:colocam|fazem|oferecem|criam|aceitam|tem)|espero que (?:voces )?(?:melhorem|coloquem|tragam|criem|voltem|adicionem)|deveria(?:m)? (?:ter|oferecer|colocar|existir|haver|aceitar|permitir)|poderia(?:m)? (?:ter|oferecer|colocar|criar|incluir|disponibilizar|adicionar|ampliar|aumentar|melhorar|aceitar|permitir|voltar)|(?:seria|fica) (?:uma )?(?:boa|otima) ideia|tragam de volta|voltem com|(?:deixaria|tornaria|ficaria) (?:ainda )?(?:melhor|perfeito|otimo)|ajudaria (?:muito|bastante)|podia(?:m)? ter)\b/,
    questionStart:
      /^(?:como|qual|quais|quando|onde|quanto|quantos|quantas|por que|porque|pq|sera que|voces (?:aceitam|entregam|tem|fazem|abrem|trabalham|vendem|atendem|enviam|oferecem|funcionam)|e possivel|tem como|da pra|da para|existe|posso|podem|pode|consigo|alguem sabe|o que|a que horas|ate quando|qual e)\b/,
    questionPhrase:
      /\b(?:gostaria de saber|queria saber|quero saber|preciso saber|gostaria de entender|queria entender|tenho uma duvida|tenho duvida|uma duvida|minha duvida|e possivel|tem como|como faco|como faz|como posso|como funciona|gostaria de solicitar|podem (?:me )?(?:enviar|informar|confirmar|ajudar|explicar)|poderiam (?:me )?(?:enviar|informar|confirmar|explicar)|qual (?:o|a|e) (?:prazo|valor|horario|procedimento|endereco))\b/,
    rhetorical: /\b(?:ate quando|cade|por que (?:ninguem|nao|voces nao)|pq (?:ninguem|nao|vcs nao)|e serio|que palhacada|como assim|o que eu faco)\b/,
  },
  en: {
    suggestion:
      /\b(?:(?:it )?would (?:be )?(?:really |so |very )?(?:great|nice|good|helpful|awesome|better|cool|amazing|useful|lovely|ideal|handy)(?: if| to)?|it'?d be (?:really |so )?(?:great|nice|good|helpful|awesome|cool|useful)|would love (?:to see|it if|if|a |an |more|some)|please,? (?:add|consider|bring|make|include|allow|let us|offer|support|implement|introduce|extend|expand)|(?:you|you guys|y'all|they|the app|the company) (?:should|could) (?:really )?(?:add|offer|have|consider|bring|make|include|allow|provide|let|get|hire|open|extend|start|improve|change)|you should|i(?:'d| would)? suggest|i recommend (?:that|you|adding|having)|my suggestion|^suggestion|feature request|would (?:really |also )?(?:make it|help)|let us (?:skip|choose|pick|have|change|use|turn|set|select|pay|save|sort|filter|download|export)|(?:i )?wish (?:you|there (?:was|were)|it (?:had|was|would)|they|the app)|could you (?:please )?(?:add|consider|make|bring|offer)|how about (?:adding|offering|making|a |an )|consider (?:adding|offering|making|having|bringing)|it would help (?:a lot )?if|why not (?:add|offer|make|have)|bring back|needs? (?:an option|a way|more options))\b/,
    questionStart:
      /^(?:how|what|when|where|which|who|why|is (?:it|there|this|that|my)|are (?:you|there|these|they)|do (?:you|i|they|we)|does|did (?:you|my)|can (?:i|you|we|someone)|could (?:you|i|we|someone)|would (?:you|it)|will (?:i|you|it|my|there)|should i|may i|any (?:idea|update|way|chance)|has my|have you)\b/,
    questionPhrase:
      /\b(?:i'?d like to know|i would like to know|i was wondering|wondering (?:if|whether|how|when)|i want to know|i need to know|is it possible|can you tell me|could you (?:please )?(?:tell|send|let me know|confirm|explain|advise|help)|please (?:let me know|advise|confirm|clarify|explain)|how (?:do|can|should) i|what is the (?:process|procedure|deadline|cost|price))\b/,
    rhetorical: /\b(?:so what am i supposed to|how (?:hard|difficult) is it|why (?:is it so hard|can't you|won't you|does nobody|is nobody|do i have to)|are you kidding|seriously\?|what's the point|how many times)\b/,
  },
};

const QMARK_RE = /\?/;

/** Splits into sentences roughly, for sentence-initial cues. */
const SENTENCE_RE = /[^.!?\n]+[.!?]*/g;

export function classifyCategory(input: CategoryInput): CategoryDecision {
  const p = PATTERNS[input.language];
  const folded = foldAccents(input.text);
  const { sentiment } = input;
  const posShare = input.scores?.Positive ?? 0;
  const negShare = input.scores?.Negative ?? 0;
  if (p) {
    if (p.suggestion.test(folded)) {
      return { category: 'suggestion', confidence: sentiment === 'NEGATIVE' ? 0.7 : 0.85 };
    }
    let question = 0;
    const explicitAsk = p.questionPhrase.test(folded);
    if (explicitAsk) question += 2;
    const sentences = folded.match(SENTENCE_RE) ?? [];
    for (const s of sentences) {
      const trimmed = s.trim();
      if (!QMARK_RE.test(trimmed)) continue;
      question += p.questionStart.test(trimmed) ? 2 : 1;
    }
    if (question === 0 && sentences.some((s) => p.questionStart.test(s.trim()) && s.length < 80)) question = 0.5;
    const rhetorical = p.rhetorical.test(folded);
    if (question > 0) {
      if (sentiment === 'NEUTRAL' || sentiment === 'POSITIVE' && question >= 2 && posShare < 0.8) {
        return { category: 'question', confidence: question >= 2 ? 0.85 : 0.65 };
      }
      if (!rhetorical && explicitAsk && sentiment === 'NEGATIVE' && negShare < 0.65) {
        return { category: 'question', confidence: 0.5 };
      }
    }
  }
  switch (sentiment) {
    case 'POSITIVE':
      return { category: 'praise', confidence: 0.85 };
    case 'NEGATIVE':
      return { category: 'complaint', confidence: 0.85 };
    case 'MIXED':
      if (input.endsPositive ?? posShare > negShare * 1.6) return { category: 'praise', confidence: 0.55 };
      return { category: 'complaint', confidence: 0.75 };
    default:
      return { category: 'other', confidence: 0.4 };
  }
}
