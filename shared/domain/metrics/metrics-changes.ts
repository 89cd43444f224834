import type { Feedback } from '../feedback.schema.js';

/**
 * How a change of a feedback item reaches the aggregates without re-reading anything: the table's
 * stream carries the item's images before and after each write (NEW_AND_OLD_IMAGES), and the
 * difference of the two contributions is added to the aggregate items, each update guarded by a
 * per-source *slot* on that aggregate item (the highest revision of the source applied there).
 */

/** Aggregate attributes that are revision slots, not counters, start with this. */
export const SLOT_PREFIX = '~';

/** FNV-1a (32 bit) with a given offset basis. */
function fnv(text: string, basis: number): number {
  let h = basis;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The slot attribute of a source on an aggregate item: `~` and 48 bits of two FNV-1a hashes in base
 * 36 (at most 10 characters: every byte of an aggregate item is billed on each update). A collision
 * inside one aggregate item, which holds a few hundred sources at most, has odds below 1e-9.
 */
export function slotName(sourceId: string): string {
  const bits = fnv(sourceId, 0x811c9dc5) * 0x10000 + (fnv(sourceId, 0x050c5d1f) & 0xffff);
  return `${SLOT_PREFIX}${bits.toString(36)}`;
}

/**
 * A survey answer (survey-channel item naming the case it answers) is credited to that case's team
 * and agent: its contribution depends on another item, so it is reconciled through its ledger (it
 * reads both), not from its own images.
 */
export function isCreditedThroughAnotherItem(fb: Pick<Feedback, 'channel' | 'metadata'>): boolean {
  return fb.channel === 'survey' && typeof fb.metadata?.feedbackId === 'string';
}

/** What a survey, a kudos or a survey answer credited through an item takes from it. */
const RELATED_FACTS = ['channel', 'language', 'team', 'assignee'] as const;

/**
 * True when what is credited through the item may have to move: the facts credited sources take
 * from it changed. A brand-new item leaving `received` for the first time (version 1, never analyzed)
 * has nothing credited through it yet (surveys, answers and kudos follow an analysis), so its first
 * language and team are not a move.
 */
export function creditedMayMove(before: Feedback | undefined, after: Feedback | undefined): boolean {
  if (!before || !after) return before !== after;
  if (before.stage === 'received' && before.version <= 1 && !before.analysis) return false;
  return RELATED_FACTS.some((f) => (before[f] ?? undefined) !== (after[f] ?? undefined));
}

/**
 * The stream records that can move a counter (the event source mapping's filters on AWS, the local
 * stream here): a feedback item unless it is `received` on both sides of the change (its creation,
 * a sweep: an item contributes nothing before analysis), any survey or kudos record.
 */
export function streamRecordMatters(keys: { pk?: string; sk?: string }, oldStage: string | undefined, newStage: string | undefined): boolean {
  const { pk = '', sk = '' } = keys;
  if (sk === 'FEEDBACK' && pk.startsWith('FEEDBACK#')) return (oldStage !== undefined && oldStage !== 'received') || (newStage !== undefined && newStage !== 'received');
  if (sk === 'SURVEY' && pk.startsWith('SURVEY#')) return true;
  return pk.startsWith('KUDOS#') && sk.startsWith('FEEDBACK#');
}
