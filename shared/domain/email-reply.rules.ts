/**
 * Line rules for finding where the customer's own words end in a plain-text email: reply
 * attributions, forwarded/original-message separators, Outlook header blocks, quoted lines,
 * mobile signatures and closings. Portuguese and English first; other locales are left to the
 * email-reply-parser library (see email-reply.ts). Every pattern is anchored and bounded so that
 * no line can make a regex backtrack badly.
 */

/** Longest line a rule looks at; longer lines are prose, never a marker. */
const MAX_MARKER_LINE = 300;

export const isQuotedLine = (line: string): boolean => /^\s*>/.test(line);

/** "Em seg., 23 de nov. de 2026 às 14:02, Fulano <f@x.com> escreveu:" / "On Mon, ... Jane <j@x.com> wrote:". */
const ATTRIBUTION = [/^Em\s.{4,300}\sescreveu\s?:$/i, /^On\s.{4,300}\swrote\s?:$/i];

/**
 * Lines an attribution takes at `i` (Gmail wraps it, often right after the `<`), or 0. The
 * joined text must carry a digit or an `@` (a date or an address), so that a sentence that
 * merely starts with "Em" or "On" is not taken for one.
 */
export function attributionLength(lines: readonly string[], i: number): number {
  let joined = '';
  for (let k = 0; k < 3 && i + k < lines.length; k++) {
    const line = (lines[i + k] ?? '').trim();
    if (line.length > MAX_MARKER_LINE || (k > 0 && line === '')) return 0;
    joined = k === 0 ? line : `${joined}${joined.endsWith('<') ? '' : ' '}${line}`;
    if (joined.length > MAX_MARKER_LINE) return 0;
    if (/[\d@]/.test(joined) && ATTRIBUTION.some((re) => re.test(joined))) return k + 1;
  }
  return 0;
}

/** "-----Original Message-----", "-----Mensagem original-----", "---------- Forwarded message ---------"... */
const SEPARATOR =
  /^\s*-{2,}\s*(?:Original Message|Mensagem original|Mensaje original|Message d'origine|Forwarded message|Mensagem encaminhada|Mensaje reenviado|Message transféré)\s*-{2,}\s*$/i;
const FORWARD_INTRO = /^\s*(?:Begin forwarded message|In[ií]cio da mensagem encaminhada)\s*:\s*$/i;
/** Outlook draws a rule of underscores above the header block of the message it quotes. */
const OUTLOOK_RULE = /^\s*_{10,}\s*$/;

const HEADER_FROM = /^\s*\*?(?:From|De|Von|Da)\s?:\*?\s*\S/i;
/** Header names of the quoted block in en and pt, and the es, fr, de, it ones Outlook writes. */
const HEADER_ANY =
  /^\s*\*?(?:From|De|Sent|Date|To|Cc|Bcc|Subject|Enviado em|Enviado el|Enviado|Enviada|Data|Para|Cco|Assunto|Asunto|Envoyé|À|Objet|Von|Gesendet|An|Betreff|Da|Inviato|Oggetto)\s?:\*?(?:\s|$)/i;

export const isHeaderLine = (line: string): boolean => line.length <= MAX_MARKER_LINE && HEADER_ANY.test(line);

/** A "From: / Sent: / To: / Subject:" (or "De: / Enviado: / Para: / Assunto:") block starts at `i`. */
export function isHeaderBlockAt(lines: readonly string[], i: number): boolean {
  let count = 0;
  let hasFrom = false;
  for (let j = i; j < lines.length && j < i + 8; j++) {
    const line = lines[j] ?? '';
    if (line.trim() === '') break;
    if (!isHeaderLine(line)) {
      if (j === i) return false;
      continue; // a wrapped To: or Cc: list
    }
    count++;
    hasFrom ||= HEADER_FROM.test(line);
  }
  return count >= 3 && hasFrom;
}

/**
 * Where quoted or forwarded content starts at line `i`: the number of marker lines there, or 0.
 * Everything from a marker on belongs to someone else.
 */
export function quoteMarkerLength(lines: readonly string[], i: number): number {
  const line = lines[i] ?? '';
  if (line.length > MAX_MARKER_LINE) return 0;
  if (SEPARATOR.test(line) || FORWARD_INTRO.test(line)) return 1;
  if (OUTLOOK_RULE.test(line)) {
    const next = lines.slice(i + 1, i + 3).findIndex((l) => l.trim() !== '');
    return next >= 0 && isHeaderBlockAt(lines, i + 1 + next) ? 1 : 0;
  }
  if (isHeaderBlockAt(lines, i)) return 1;
  return attributionLength(lines, i);
}

/** "Enviado do meu iPhone", "Sent from my Galaxy", "Get Outlook for Android", "Obter o Outlook para iOS"... */
const MOBILE_SIGNATURE = [
  /^Enviad[oa] (?:do|de|pelo|a partir do|a partir de) (?:meu|minha) .{1,60}$/i,
  /^Enviad[oa] (?:do|pelo|via|a partir do) (?:Yahoo Mail|Outlook|Email do Windows|E-mail do Windows|Gmail|aplicativo|app)\b.{0,40}$/i,
  /^Sent from my .{1,60}$/i,
  /^Sent (?:from|via) (?:Yahoo Mail|Outlook|Mail for Windows|Gmail|the .{1,30} app)\b.{0,40}$/i,
  /^(?:Get|Download) Outlook for .{1,40}$/i,
  /^(?:Obter|Obtenha|Baixe|Baixar) o Outlook para .{1,40}$/i,
];
export const isMobileSignature = (line: string): boolean => {
  const t = line.trim();
  return t.length <= 80 && MOBILE_SIGNATURE.some((re) => re.test(t));
};

/** The usenet signature delimiter "-- " (trailing space often lost) or a bare "--". */
export const isSignatureDelimiter = (line: string): boolean => /^--\s*$/.test(line);

const CLOSING_PHRASE =
  /^(?:atenciosamente|att|atte|at\.te|cordialmente|respeitosamente|sauda[cç][oõ]es|(?:um |grande )?abra[cç]os?|abs|bjs|beijos|(?:muito )?obrigad[oa]|grat[oa]|regards|(?:best|kind|warm|warmest) regards|best|best wishes|thanks|thanks again|many thanks|thank you|cheers|sincerely|yours sincerely|yours truly|respectfully)(?=$|[\s,.!;:])/i;
const NAME_AFTER_CLOSING = /^\p{Lu}[\p{L}'.-]*(?: \p{Lu}[\p{L}'.-]*){0,3}$/u;

/** "Atenciosamente,", "Abs, Ana", "Thanks!", "Best regards," — a closing, not a sentence. */
export function isClosingLine(line: string): boolean {
  const t = line.trim();
  if (t.length > 60) return false;
  const m = CLOSING_PHRASE.exec(t);
  if (!m) return false;
  const rest = t.slice(m[0].length).replace(/^[\s,.!;:-]+/, '').replace(/[\s.!]+$/, '');
  return rest === '' || NAME_AFTER_CLOSING.test(rest);
}

/** A sentence rather than a signature line (name, role, company, phone, address). */
function isSentence(line: string): boolean {
  const t = line.trim();
  if (/[?!]$/.test(t)) return true;
  const words = t.split(/\s+/);
  const lowerWords = words.filter((w) => /^\p{Ll}\p{L}{2,}/u.test(w)).length;
  return words.length > 8 || (words.length >= 4 && lowerWords >= 2);
}

/** What follows a closing is a short signature: 1 to 6 short lines, none of them a sentence. */
export function isShortSignature(tail: readonly string[]): boolean {
  const lines = tail.map((l) => l.trim()).filter((l) => l !== '');
  return lines.length >= 1 && lines.length <= 6 && lines.every((l) => l.length <= 80 && !isSentence(l));
}
