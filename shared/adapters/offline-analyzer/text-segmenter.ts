/**
 * Splits long texts into the pieces that are scored one by one: transcript turns
 * ("CUSTOMER:" / "AGENT:", "Cliente:" / "Atendente:"), e-mail lines and sentences.
 * Greetings and sign-offs of e-mails are marked so they carry no sentiment.
 */

export type Speaker = 'customer' | 'agent' | 'none';

export interface Segment {
  readonly text: string;
  readonly speaker: Speaker;
  /** Greeting, sign-off or signature line: ignored for sentiment. */
  readonly boilerplate: boolean;
  /** Index of the paragraph / turn the sentence belongs to. */
  readonly block: number;
}

const TURN_RE =
  /^\s*\[?(customer|client|cliente|caller|consumer|consumidor(?:a)?|usuario|usuário|user|agent|agente|atendente|operador(?:a)?|representative|rep|support|suporte|analista|bot|assistente|assistant)\]?\s*[:\-–]\s*/i;
const AGENT_RE = /^(agent|agente|atendente|operador|operadora|representative|rep|support|suporte|analista|bot|assistente|assistant)$/i;

const GREETING_RE =
  /^(?:ol[aá]|oi|bom dia|boa tarde|boa noite|prezad[oa]s?|caro|cara|car[oa]s|senhor(?:es)?|hi|hello|hey|dear|good (?:morning|afternoon|evening)|to whom it may concern)\b[^.!?]{0,40}[,:!]?$/i;
const SIGNOFF_RE =
  /^(?:atenciosamente|att\.?|abra[cç]os?|abs\.?|obrigad[oa]s?|muito obrigad[oa]|grat[oa]|cordialmente|sauda[cç][oõ]es|desde j[aá] agrade[cç]o|agrade[cç]o desde j[aá]|fico no aguardo|no aguardo|regards|best regards|kind regards|warm regards|best|cheers|thanks(?: in advance)?|thank you(?: in advance)?|many thanks|sincerely|yours(?: truly| sincerely)?|respectfully|tia|tks)\b[^.!?]{0,14}[,.!]?$/i;
const NAME_LINE_RE = /^(?:[\p{Lu}][\p{Ll}'’.-]+|&|e|and)(?:\s+(?:[\p{Lu}][\p{Ll}'’.-]+|&|e|and|da|de|do|dos|das)){0,4}$/u;

const SENTENCE_SPLIT_RE = /(?<=[.!?…])\s+(?=[^\s])|(?<=[!?])(?=\p{Lu})/u;

export interface SegmentedText {
  readonly segments: Segment[];
  readonly isTranscript: boolean;
}

function splitSentences(line: string): string[] {
  if (line.length < 60 && !/[.!?…]\s/.test(line)) return [line];
  return line.split(SENTENCE_SPLIT_RE).filter((s) => s.trim().length > 0);
}

/** Splits a text into scored segments. Short one-line texts yield a single segment. */
export function segmentText(text: string): SegmentedText {
  const lines = text.split(/\r?\n/);
  const segments: Segment[] = [];
  let isTranscript = false;
  let speaker: Speaker = 'none';
  let block = 0;
  const contentIdx: number[] = [];
  for (let i = 0; i < lines.length; i++) if ((lines[i] ?? '').trim().length > 0) contentIdx.push(i);
  const firstLines = new Set(contentIdx.slice(0, 2));
  const lastLines = new Set(contentIdx.slice(-3));
  for (let i = 0; i < lines.length; i++) {
    let line = (lines[i] ?? '').trim();
    if (line.length === 0) {
      block++;
      continue;
    }
    const turn = TURN_RE.exec(line);
    if (turn) {
      isTranscript = true;
      speaker = AGENT_RE.test(turn[1] ?? '') ? 'agent' : 'customer';
      line = line.slice(turn[0].length);
      block++;
    }
    const multiLine = lines.length > 1;
    const boilerplate =
      multiLine &&
      !isTranscript &&
      line.length <= 60 &&
      ((firstLines.has(i) && GREETING_RE.test(line)) ||
        (lastLines.has(i) && i > 0 && (SIGNOFF_RE.test(line) || NAME_LINE_RE.test(line))));
    for (const sentence of boilerplate ? [line] : splitSentences(line)) {
      segments.push({ text: sentence, speaker, boilerplate, block });
    }
  }
  return { segments, isTranscript };
}
