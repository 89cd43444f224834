/**
 * What the customer wrote in an email, without the thread they replied to or their signature.
 *
 * Two passes. First our own rules (email-reply.rules.ts) for Portuguese and English, which
 * email-reply-parser misses or gets only in part: Gmail's attribution wrapped over two lines,
 * "Enviado do meu iPhone", "-----Mensagem original-----", Outlook header blocks without an
 * address in brackets ("De: Fulano / Enviado: ... / Para: ... / Assunto: ..."), "Obter o
 * Outlook para ...", closings ("Atenciosamente,") only when a short signature follows. Then
 * email-reply-parser (crisp-oss, MIT, released 2026) on what is left, for the other locales it
 * knows (fr, es, it, de, nl, pl, da, fi, ru, zh, ja, ko). It is pinned to 2.3.7: 2.3.9 has the
 * same code but declares Node >= 22 in `engines`, and this project runs on Node 20. Its closing
 * rules ("Regards", "Cheers", "cordialement") hide everything below them, so its signature
 * fragments are kept unless they hold only a short signature, like ours.
 */
import EmailReplyParser from 'email-reply-parser';
import {
  isClosingLine,
  isHeaderLine,
  isMobileSignature,
  isQuotedLine,
  isShortSignature,
  isSignatureDelimiter,
  quoteMarkerLength,
} from './email-reply.rules.js';

/** Text beyond this is not looked at: customers write at the top, the rest is the thread. */
const MAX_INPUT_CHARS = 200_000;
/**
 * The library's regexes run on native RegExp (its RE2 support is an optional native peer we do
 * not install), and a few of them backtrack cubically: on 20,000 characters of crafted text one
 * pass takes seconds, on 4,000 well under 100 ms. Longer customer text gets our rules only, and
 * the library never sees a line longer than a marker can be (long lines are masked).
 */
const MAX_LIBRARY_CHARS = 4_000;
const MAX_LIBRARY_LINE = 300;

/** CRLF to LF, no BOM or zero-width characters, NBSP as a space, no trailing spaces per line. */
export function normalizeEmailText(text: string): string {
  const lines = text
    .slice(0, MAX_INPUT_CHARS)
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/\u00A0/g, ' ')
    .split('\n')
    .map((l) => l.trimEnd());
  return tidy(lines);
}

/** Joined, blank runs collapsed to one blank line, trimmed at both ends. */
function tidy(lines: readonly string[]): string {
  const out: string[] = [];
  for (const line of lines) {
    if (line.trim() === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line.trim() === '' ? '' : line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

const contentLength = (s: string): number => s.replace(/\s+/g, '').length;

/** Lines before the first quote marker (attribution, separator, header block). */
function ownLines(lines: readonly string[]): string[] {
  for (let i = 0; i < lines.length; i++) {
    if (quoteMarkerLength(lines, i) > 0) return lines.slice(0, i);
  }
  return [...lines];
}

/** Mobile signatures dropped, a "--" block cut, a closing cut when only a short signature follows. */
function withoutSignature(lines: readonly string[]): string[] {
  let kept = lines.filter((l) => !isMobileSignature(l));
  const delimiter = kept.findIndex(isSignatureDelimiter);
  if (delimiter >= 0) kept = kept.slice(0, delimiter);
  const closing = kept.findIndex((l, i) => isClosingLine(l) && isShortSignature(kept.slice(i + 1)));
  if (closing >= 0) kept = kept.slice(0, closing);
  // An Outlook rule or separator left dangling above a cut.
  while (kept.length > 0 && /^\s*(?:[-_=*~]{2,}\s*)?$/.test(kept[kept.length - 1] ?? '')) kept.pop();
  return kept;
}

/** email-reply-parser's verdict on `text`, keeping closings that are more than a signature. */
function libraryPass(text: string): string {
  if (text.length > MAX_LIBRARY_CHARS) return text;
  const long: string[] = [];
  const masked = text
    .split('\n')
    .map((l) => (l.length > MAX_LIBRARY_LINE ? `\u0001${long.push(l) - 1}\u0001` : l))
    .join('\n');
  const fragments = new EmailReplyParser().read(masked).getFragments();
  const kept = fragments.filter((f) => {
    const [first = '', ...rest] = f.getContent().split('\n');
    // Its English/Portuguese attribution rule is looser than ours ("On the other hand ... wrote:"),
    // and ours already ran: a quoted fragment it opens with "On"/"Em" stays.
    if (f.isQuoted()) return /^\s*(?:On|Em)\s/i.test(first);
    if (!f.isSignature()) return true;
    if (isClosingLine(first)) return !isShortSignature(rest);
    // "Sent from ...", "Envoyé de mon ...": a short line with at most a short signature below.
    const short = first.trim().length <= 80 && (rest.every((l) => l.trim() === '') || isShortSignature(rest));
    return !short;
  });
  const unmasked = kept.map((f) => f.getContent().replace(/\u0001(\d+)\u0001/g, (_, n: string) => long[Number(n)] ?? ''));
  const result = tidy(unmasked.join('\n').split('\n'));
  // The library also left-trims every line; only take its answer when it removed something.
  return result !== '' && contentLength(result) < contentLength(text) ? result : text;
}

/**
 * The first block of the text that is not quoted: what precedes the first marker, else what
 * follows it (a forward sent without a comment), without quoted and header lines.
 */
function firstNonQuotedBlock(lines: readonly string[]): string {
  let block: string[] = [];
  const flush = (): string => {
    const text = tidy(block.filter((l) => !isQuotedLine(l) && !isHeaderLine(l)));
    block = [];
    return text;
  };
  for (let i = 0; i < lines.length; i++) {
    const marker = quoteMarkerLength(lines, i);
    if (marker > 0) {
      const text = flush();
      if (text !== '') return text;
      i += marker - 1;
      continue;
    }
    block.push(lines[i] ?? '');
  }
  const text = flush();
  return text !== '' ? text : tidy(lines.map((l) => l.replace(/^(?:\s*>)+ ?/, '')));
}

/**
 * Only what the customer wrote: quoted replies, forwarded and original-message blocks,
 * interleaved `>` lines and signatures removed. Never empty when `text` has any text: if the
 * rules remove everything, the first non-quoted block is returned.
 */
export function extractCustomerText(text: string): string {
  const normalized = normalizeEmailText(text);
  if (normalized === '') return '';
  const lines = normalized.split('\n');
  const own = ownLines(lines).filter((l) => !isQuotedLine(l));
  const mine = tidy(withoutSignature(own));
  const result = mine === '' ? '' : libraryPass(mine);
  return result !== '' ? result : firstNonQuotedBlock(lines);
}
