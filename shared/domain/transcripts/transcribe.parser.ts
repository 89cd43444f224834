import * as z from 'zod';
import type { NormalizeTranscriptOptions, ParsedTranscript, TranscriptTurn, TurnRole } from '../transcript.schema.js';
import { UnsupportedTranscriptError } from './transcript.errors.js';
import { expected, languageOf, parseFormat, requireCompleted } from './transcript-parse.helper.js';

/**
 * Amazon Transcribe batch output. Times are seconds written as strings (`"4.87"`); punctuation
 * items have no times. Speakers come from `speaker_labels` (diarization: `spk_0`, `spk_1`...) or
 * `channel_labels` (channel identification: `ch_0`, `ch_1`); nothing says which one is the customer.
 */
const Seconds = z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/, 'must be a number of seconds')]).transform(Number);

const ItemSchema = z.looseObject({
  start_time: Seconds.optional(),
  end_time: Seconds.optional(),
  alternatives: z.array(z.looseObject({ content: z.string() })).min(1, 'needs at least one alternative'),
  type: z.string(),
  speaker_label: z.string().optional(),
  channel_label: z.string().optional(),
});
type Item = z.infer<typeof ItemSchema>;

export const TranscribeOutputSchema = z.looseObject({
  jobName: z.string(expected('the transcription job name')).min(1),
  status: z.string().optional(),
  results: z.looseObject({
    transcripts: z.array(z.looseObject({ transcript: z.string() })),
    items: z.array(ItemSchema).default([]),
    speaker_labels: z
      .looseObject({
        segments: z.array(
          z.looseObject({
            speaker_label: z.string(),
            start_time: Seconds,
            end_time: Seconds,
            items: z.array(z.looseObject({ start_time: Seconds.optional(), speaker_label: z.string().optional() })).default([]),
          }),
        ),
      })
      .optional(),
    channel_labels: z
      .looseObject({ channels: z.array(z.looseObject({ channel_label: z.string(), items: z.array(ItemSchema) })) })
      .optional(),
    language_code: z.string().optional(),
  }),
});
type TranscribeOutput = z.infer<typeof TranscribeOutputSchema>;

interface Word {
  speaker: string | undefined;
  content: string;
  punctuation: boolean;
  start: number | undefined;
  end: number | undefined;
}

const wordOf = (item: Item, speaker: string | undefined): Word => ({
  speaker,
  content: item.alternatives[0]?.content ?? '',
  punctuation: item.type === 'punctuation',
  start: item.start_time,
  end: item.end_time,
});

/** Diarized items: the item's own label, else the segment that lists (or spans) its start time. */
function diarizedWords(items: Item[], segments: NonNullable<TranscribeOutput['results']['speaker_labels']>['segments']): Word[] {
  const byStart = new Map<number, string>();
  for (const s of segments) for (const i of s.items) if (i.start_time !== undefined) byStart.set(i.start_time, i.speaker_label ?? s.speaker_label);
  const spanning = (t: number) => segments.find((s) => s.start_time <= t && t <= s.end_time)?.speaker_label;
  return items.map((item) => {
    const t = item.start_time;
    return wordOf(item, item.speaker_label ?? (t === undefined ? undefined : (byStart.get(t) ?? spanning(t))));
  });
}

/** Channel items merged in time order; punctuation keeps its place after the word it follows. */
function channelWords(channels: NonNullable<TranscribeOutput['results']['channel_labels']>['channels']): Word[] {
  const keyed = channels.flatMap((c, ci) => {
    let last = 0;
    return c.items.map((item, ii) => {
      last = item.start_time ?? last;
      return { word: wordOf(item, item.channel_label ?? c.channel_label), key: [last, ci, ii] as const };
    });
  });
  keyed.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2]);
  return keyed.map((k) => k.word);
}

/** Opening marks attach to the next word; all other punctuation to the previous one. */
const OPENING = new Set(['¿', '¡', '(', '[', '“', '«', '‘']);

export function joinWords(words: readonly Pick<Word, 'content' | 'punctuation'>[]): string {
  let out = '';
  let glue = false;
  for (const w of words) {
    if (w.content === '') continue;
    if (w.punctuation && !OPENING.has(w.content)) out += w.content;
    else out += (out === '' || glue ? '' : ' ') + w.content;
    glue = w.punctuation && OPENING.has(w.content);
  }
  return out.trim();
}

/** Consecutive words of one speaker make a turn; unlabelled words stay with the current speaker. */
function turnsOf(words: Word[]): Array<{ speaker: string; words: Word[] }> {
  const firstKnown = words.find((w) => w.speaker !== undefined)?.speaker ?? 'unknown';
  const turns: Array<{ speaker: string; words: Word[] }> = [];
  for (const w of words) {
    const current = turns.at(-1);
    const speaker = w.punctuation || w.speaker === undefined ? (current?.speaker ?? firstKnown) : w.speaker;
    if (current?.speaker === speaker) current.words.push(w);
    else turns.push({ speaker, words: [w] });
  }
  return turns;
}

const ms = (seconds: number | undefined) => (seconds === undefined ? undefined : Math.round(seconds * 1000));

/**
 * Which speaker is the agent: `opts.agentSpeaker` when given (it must be one of the speakers),
 * else the first to talk (call centres greet first). With a single speaker and no option, nobody:
 * the turns are UNKNOWN and all of the text counts as the customer's (a voicemail, a monologue).
 */
function agentOf(speakers: string[], opts: NormalizeTranscriptOptions): string | undefined {
  if (opts.agentSpeaker !== undefined) {
    if (!speakers.includes(opts.agentSpeaker)) {
      throw new UnsupportedTranscriptError(
        `agentSpeaker '${opts.agentSpeaker}' is not a speaker of this transcript (speakers: ${speakers.join(', ')}).`,
        { details: [{ field: 'agentSpeaker', message: `expected one of ${speakers.join(', ')}` }] },
      );
    }
    return opts.agentSpeaker;
  }
  return speakers.length >= 2 ? speakers[0] : undefined;
}

export function parseTranscribe(json: unknown, opts: NormalizeTranscriptOptions): ParsedTranscript {
  const o = parseFormat(TranscribeOutputSchema, json, 'Amazon Transcribe');
  requireCompleted(o.status, 'status', 'Amazon Transcribe');
  const r = o.results;
  const words = r.speaker_labels
    ? diarizedWords(r.items, r.speaker_labels.segments)
    : r.channel_labels
      ? channelWords(r.channel_labels.channels)
      : undefined;
  const allItems = r.channel_labels ? r.channel_labels.channels.flatMap((c) => c.items) : r.items;
  const lastEnd = allItems.reduce((max, i) => Math.max(max, i.end_time ?? 0), 0);

  let turns: TranscriptTurn[];
  if (words === undefined || words.length === 0) {
    const text = r.transcripts.map((t) => t.transcript.trim()).filter((t) => t !== '').join('\n');
    turns = text === '' ? [] : [{ role: 'UNKNOWN', text, ...(r.items.length > 0 && { beginOffsetMs: ms(r.items[0]?.start_time) ?? 0, endOffsetMs: ms(lastEnd) }) }];
  } else {
    const grouped = turnsOf(words);
    const speakers = [...new Set(grouped.map((t) => t.speaker))];
    const agent = agentOf(speakers, opts);
    turns = grouped.flatMap((t): TranscriptTurn[] => {
      const text = joinWords(t.words);
      if (text === '') return [];
      const role: TurnRole = agent === undefined ? 'UNKNOWN' : t.speaker === agent ? 'AGENT' : 'CUSTOMER';
      const begin = t.words.find((w) => w.start !== undefined)?.start;
      const end = t.words.findLast((w) => w.end !== undefined)?.end;
      return [{ role, speaker: t.speaker, text, ...(begin !== undefined && { beginOffsetMs: ms(begin) }), ...(end !== undefined && { endOffsetMs: ms(end) }) }];
    });
  }
  const languageCode = r.language_code;
  return {
    format: 'transcribe',
    externalId: o.jobName,
    ...(languageCode !== undefined && { languageCode }),
    ...(languageOf(languageCode) !== undefined && { language: languageOf(languageCode) }),
    ...(lastEnd > 0 && { durationMs: ms(lastEnd) }),
    ...(opts.agentId !== undefined && { agentId: opts.agentId }),
    turns,
  };
}
