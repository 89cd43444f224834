import { MAX_TEXT_CHARS } from './feedback-input.schema.js';
import type {
  NormalizeTranscriptOptions,
  NormalizedTranscript,
  ParsedTranscript,
  TranscriptFormat,
  TranscriptTurn,
} from './transcript.schema.js';
import { parseCallAnalytics } from './transcripts/call-analytics.parser.js';
import { parseContactLens } from './transcripts/contact-lens.parser.js';
import { ACCEPTED_TRANSCRIPT_FORMATS, EmptyTranscriptError, UnsupportedTranscriptError } from './transcripts/transcript.errors.js';
import { isRecord } from './transcripts/transcript-parse.helper.js';
import { parseTranscribe } from './transcripts/transcribe.parser.js';

export { EmptyTranscriptError, UnsupportedTranscriptError } from './transcripts/transcript.errors.js';

/**
 * Phone transcripts → NormalizedTranscript. Pure: no I/O.
 *
 * Rules:
 * - Roles. Call Analytics and Contact Lens say who is who (`ParticipantRole`; Contact Lens via
 *   `Participants` when turns carry participant UUIDs; SYSTEM and other non-customer roles count
 *   as the company). Standard Transcribe does not: `opts.agentSpeaker` names the agent's speaker or
 *   channel label, else the first speaker to talk is the agent (call centres greet first) and every
 *   other speaker is the customer. One speaker only, or no speaker labels at all: UNKNOWN turns.
 * - customerText is the CUSTOMER turns joined with newlines; if no turn has a known role, all
 *   turns. Empty → EmptyTranscriptError (400).
 * - Longer than MAX_TEXT_CHARS (20,000): cut at the last turn boundary that fits (or at a word
 *   boundary of the first turn when that one alone is too long) and `truncated: true`. The turns
 *   themselves are kept whole.
 */

const ARRAY_OF = (v: unknown, pred: (o: Record<string, unknown>) => boolean) => Array.isArray(v) && v.some((e) => isRecord(e) && pred(e));

/** Which of the accepted formats this JSON is, from its top-level shape only (not validated). */
export function detectTranscriptFormat(json: unknown): TranscriptFormat | undefined {
  if (!isRecord(json)) return undefined;
  const results = json['results'];
  if (isRecord(results) && (Array.isArray(results['transcripts']) || Array.isArray(results['items']))) return 'transcribe';
  const conversational = 'Transcript' in json || 'ConversationCharacteristics' in json || 'Participants' in json;
  const hasParticipantIds =
    ARRAY_OF(json['Participants'], (p) => 'ParticipantId' in p) || ARRAY_OF(json['Transcript'], (t) => 'ParticipantId' in t);
  if ('CustomerMetadata' in json || (conversational && (hasParticipantIds || typeof json['Version'] === 'string'))) return 'contact-lens';
  const hasRoles = ARRAY_OF(json['Participants'], (p) => 'ParticipantRole' in p) || ARRAY_OF(json['Transcript'], (t) => 'ParticipantRole' in t);
  if (conversational && (typeof json['JobName'] === 'string' || typeof json['SessionId'] === 'string' || hasRoles)) return 'call-analytics';
  return undefined;
}

/** Joins texts with newlines, stopping at the last one that fits in `max` characters. */
export function joinWithinLimit(texts: readonly string[], max = MAX_TEXT_CHARS): { text: string; truncated: boolean } {
  let text = '';
  for (const t of texts) {
    const next = text === '' ? t : `${text}\n${t}`;
    if (next.length > max) return { text: text === '' ? cutAtWord(t, max) : text, truncated: true };
    text = next;
  }
  return { text, truncated: false };
}

function cutAtWord(s: string, max: number): string {
  let cut = s.slice(0, max);
  const space = cut.search(/\s\S*$/);
  if (space > max * 0.8) cut = cut.slice(0, space);
  else if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut.trimEnd();
}

const customerTurns = (turns: readonly TranscriptTurn[]): TranscriptTurn[] => {
  const customer = turns.filter((t) => t.role === 'CUSTOMER');
  return customer.length > 0 || turns.some((t) => t.role !== 'UNKNOWN') ? customer : [...turns];
};

const PARSERS: Record<TranscriptFormat, (json: unknown, opts: NormalizeTranscriptOptions) => ParsedTranscript> = {
  transcribe: parseTranscribe,
  'call-analytics': parseCallAnalytics,
  'contact-lens': parseContactLens,
};

/**
 * Detects the format, validates it and builds the normalized transcript.
 * @throws UnsupportedTranscriptError (400) for an unknown shape or a recognized one with a bad field.
 * @throws EmptyTranscriptError (400, a subclass) when the customer says nothing.
 */
export function normalizeTranscript(json: unknown, opts: NormalizeTranscriptOptions = {}): NormalizedTranscript {
  const format = detectTranscriptFormat(json);
  if (format === undefined) {
    const what = isRecord(json) ? `an object with keys ${Object.keys(json).slice(0, 8).join(', ') || '(none)'}` : `a ${Array.isArray(json) ? 'array' : typeof json}`;
    throw new UnsupportedTranscriptError(`Not a recognized call transcript (got ${what}); expected ${ACCEPTED_TRANSCRIPT_FORMATS}.`, {
      details: [{ field: '', message: 'unrecognized transcript format' }],
      cause: { received: what },
    });
  }
  const parsed = PARSERS[format](json, opts);
  const { text, truncated } = joinWithinLimit(customerTurns(parsed.turns).map((t) => t.text));
  if (text.trim() === '') {
    const why = parsed.turns.length === 0 ? 'it has no speech' : 'no turn is the customer\'s';
    throw new EmptyTranscriptError(`The ${format} transcript '${parsed.externalId}' has no customer text: ${why}.`);
  }
  return { ...parsed, customerText: text, truncated };
}
