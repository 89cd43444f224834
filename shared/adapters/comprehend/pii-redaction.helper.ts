import type { PiiEntity } from '../../domain/analysis.schema.js';

/** Comprehend's raw PII entity (offsets in Unicode code points of the document sent). */
export interface RawPiiEntity {
  readonly Type?: string | undefined;
  readonly BeginOffset?: number | undefined;
  readonly EndOffset?: number | undefined;
  readonly Score?: number | undefined;
}

/** Types Comprehend does not know and the offline engine does (Brazilian tax ids). */
export const OFFLINE_ONLY_PII_TYPES: ReadonlySet<string> = new Set(['CPF', 'CNPJ']);

/** Maps code-point offsets of `text` to UTF-16 indices (JS string offsets). */
function codePointIndex(text: string): number[] {
  const map: number[] = [];
  let u16 = 0;
  for (const cp of text) {
    map.push(u16);
    u16 += cp.length;
  }
  map.push(u16);
  return map;
}

/**
 * Converts Comprehend entities found in `chunkText` (which starts at UTF-16 `chunkOffset` of
 * the whole text) into PiiEntity with UTF-16 offsets of the whole text. Comprehend counts
 * offsets in code points, JS strings in UTF-16 units: they differ after any emoji.
 */
export function fromComprehendEntities(chunkText: string, chunkOffset: number, entities: readonly RawPiiEntity[]): PiiEntity[] {
  const map = codePointIndex(chunkText);
  const last = map.length - 1;
  const at = (cp: number): number => map[Math.min(Math.max(cp, 0), last)] ?? chunkText.length;
  const out: PiiEntity[] = [];
  for (const e of entities) {
    if (e.Type === undefined || e.BeginOffset === undefined || e.EndOffset === undefined) continue;
    const begin = at(e.BeginOffset);
    const end = at(e.EndOffset);
    if (end <= begin) continue;
    out.push({
      type: e.Type,
      beginOffset: chunkOffset + begin,
      endOffset: chunkOffset + end,
      ...(e.Score === undefined ? {} : { score: Math.min(1, Math.max(0, e.Score)) }),
    });
  }
  return out;
}

const overlaps = (a: PiiEntity, b: PiiEntity): boolean => a.beginOffset < b.endOffset && b.beginOffset < a.endOffset;

/**
 * Adds the offline engine's CPF/CNPJ to Comprehend's entities. A CPF/CNPJ is more specific than
 * whatever generic number type Comprehend may have put on the same digits, so it replaces any
 * overlapping Comprehend entity.
 */
export function mergeOfflineOnlyPii(comprehendPii: readonly PiiEntity[], offlinePii: readonly PiiEntity[]): PiiEntity[] {
  const extra = offlinePii.filter((e) => OFFLINE_ONLY_PII_TYPES.has(e.type));
  const kept = comprehendPii.filter((c) => !extra.some((x) => overlaps(c, x)));
  return [...kept, ...extra].sort((a, b) => a.beginOffset - b.beginOffset || b.endOffset - a.endOffset);
}

/** Replaces every entity with `[TYPE]`; overlapping entities collapse into the first one. */
export function redactText(text: string, pii: readonly PiiEntity[]): string {
  const sorted = [...pii].sort((a, b) => a.beginOffset - b.beginOffset || b.endOffset - a.endOffset);
  let out = '';
  let cursor = 0;
  let open: { type: string; end: number } | undefined;
  for (const e of sorted) {
    const begin = Math.min(e.beginOffset, text.length);
    const end = Math.min(e.endOffset, text.length);
    if (open !== undefined && begin < open.end) {
      open.end = Math.max(open.end, end);
      continue;
    }
    if (open !== undefined) {
      out += `[${open.type}]`;
      cursor = open.end;
    }
    out += text.slice(cursor, begin);
    open = { type: e.type, end };
  }
  if (open !== undefined) {
    out += `[${open.type}]`;
    cursor = open.end;
  }
  return out + text.slice(cursor);
}
