/**
 * Cuts a text into contiguous pieces that each fit a UTF-8 byte budget, preferring sentence
 * boundaries, then word boundaries (for a giant sentence), then grapheme clusters, then code
 * points — so a multi-byte character (or a surrogate pair) is never split. Every chunk is a
 * slice of the original text and carries its UTF-16 offset, so offsets found inside a chunk
 * map back onto the original.
 */

export interface TextChunk {
  readonly text: string;
  /** UTF-16 index of the chunk's first character in the original text. */
  readonly offset: number;
}

/** Comprehend's batch and sentiment calls take documents of fewer than 5,000 UTF-8 bytes. */
export const MAX_DOCUMENT_BYTES = 4_999;
/** DetectPiiEntities takes up to 100 KB. */
export const MAX_PII_DOCUMENT_BYTES = 99_999;

export const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8');

type Granularity = 'sentence' | 'word' | 'grapheme';
const FINER: Record<Granularity, Granularity | 'codepoint'> = {
  sentence: 'word',
  word: 'grapheme',
  grapheme: 'codepoint',
};

interface Atom {
  readonly start: number;
  readonly end: number;
  readonly bytes: number;
}

function segmenter(locale: string | undefined, granularity: Granularity): Intl.Segmenter {
  try {
    return new Intl.Segmenter(locale, { granularity });
  } catch {
    return new Intl.Segmenter(undefined, { granularity });
  }
}

function pieces(text: string, level: Granularity | 'codepoint', locale: string | undefined): Array<{ s: string; i: number }> {
  if (level === 'codepoint') {
    const out: Array<{ s: string; i: number }> = [];
    let i = 0;
    for (const cp of text) {
      out.push({ s: cp, i });
      i += cp.length;
    }
    return out;
  }
  return [...segmenter(locale, level).segment(text)].map((seg) => ({ s: seg.segment, i: seg.index }));
}

/** Breaks `text` (starting at `base` in the original) into atoms each within `maxBytes`. */
function atomize(text: string, base: number, level: Granularity | 'codepoint', maxBytes: number, locale: string | undefined, out: Atom[]): void {
  for (const { s, i } of pieces(text, level, locale)) {
    const bytes = utf8Length(s);
    if (bytes <= maxBytes || level === 'codepoint') {
      out.push({ start: base + i, end: base + i + s.length, bytes });
    } else {
      atomize(s, base + i, FINER[level], maxBytes, locale, out);
    }
  }
}

/**
 * Splits `text` into chunks of at most `maxBytes` UTF-8 bytes (greedy packing of whole
 * sentences; words only inside a sentence that alone exceeds the budget).
 * `locale` tunes Intl.Segmenter (e.g. 'pt', 'ja').
 */
export function splitByUtf8Limit(text: string, maxBytes: number = MAX_DOCUMENT_BYTES, locale?: string): TextChunk[] {
  if (maxBytes < 4) throw new RangeError('maxBytes must be at least 4 (one code point)');
  if (utf8Length(text) <= maxBytes) return text.length === 0 ? [] : [{ text, offset: 0 }];
  const atoms: Atom[] = [];
  atomize(text, 0, 'sentence', maxBytes, locale, atoms);
  const chunks: TextChunk[] = [];
  let start = -1;
  let end = 0;
  let bytes = 0;
  for (const atom of atoms) {
    if (start >= 0 && bytes + atom.bytes > maxBytes) {
      chunks.push({ text: text.slice(start, end), offset: start });
      start = -1;
    }
    if (start < 0) {
      start = atom.start;
      bytes = 0;
    }
    end = atom.end;
    bytes += atom.bytes;
  }
  if (start >= 0) chunks.push({ text: text.slice(start, end), offset: start });
  return chunks;
}
