import * as z from 'zod';
import { SentimentLabelSchema } from '../analysis.schema.js';
import { toErrorDetails } from '../feedback-input.schema.js';
import type { ProviderSentiment, TranscriptCharacteristics, TurnRole } from '../transcript.schema.js';
import { UnsupportedTranscriptError } from './transcript.errors.js';

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses a recognized format, or throws naming the fields at fault (at most 5 in the message). */
export function parseFormat<S extends z.ZodType>(schema: S, json: unknown, formatName: string): z.infer<S> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const details = toErrorDetails(parsed.error).map((d) => ({ ...d, field: d.field || '(root)' }));
  const shown = details.slice(0, 5).map((d) => `${d.field}: ${d.message}`);
  const more = details.length > 5 ? ` (and ${details.length - 5} more)` : '';
  throw new UnsupportedTranscriptError(`Invalid ${formatName} output: ${shown.join('; ')}${more}.`, { details, cause: parsed.error });
}

/** zod params whose message tells a missing field from a malformed one. */
export const expected = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? `required: ${what}` : `must be ${what}`),
});

/** Refuses a job that did not complete (when the file says so). */
export function requireCompleted(status: string | undefined, field: string, formatName: string): void {
  if (status !== undefined && status !== 'COMPLETED') {
    throw new UnsupportedTranscriptError(`The ${formatName} job is not complete (${field} is '${status}', expected 'COMPLETED').`, {
      details: [{ field, message: `expected 'COMPLETED', got '${status}'` }],
    });
  }
}

/** `pt-BR` → `pt`; undefined when the code does not start with a two-letter language. */
export const languageOf = (code: string | undefined): string | undefined => {
  const m = code === undefined ? null : /^([A-Za-z]{2})(?:[-_]|$)/.exec(code);
  return m?.[1]?.toLowerCase();
};

/** Provider turn labels we keep; anything else is dropped rather than refused. */
export const TurnSentimentSchema = SentimentLabelSchema.optional().catch(undefined);

const Millis = z.number().min(0);
/** Optional numbers that, when malformed, are dropped instead of refusing the transcript. */
const opt = <S extends z.ZodType>(s: S) => s.optional().catch(undefined);
const ByParticipant = <S extends z.ZodType>(s: S) => z.looseObject({ AGENT: opt(s), CUSTOMER: opt(s) });

/** `ConversationCharacteristics` as Call Analytics and Contact Lens both write it (the parts we keep). */
export const ConversationCharacteristicsSchema = z.looseObject({
  TotalConversationDurationMillis: opt(Millis),
  Sentiment: opt(z.looseObject({ OverallSentiment: opt(ByParticipant(z.number().min(-5).max(5))) })),
  TalkTime: opt(
    z.looseObject({
      TotalTimeMillis: opt(Millis),
      DetailsByParticipant: opt(ByParticipant(z.looseObject({ TotalTimeMillis: opt(Millis) }))),
    }),
  ),
  NonTalkTime: opt(z.looseObject({ TotalTimeMillis: opt(Millis) })),
  Interruptions: opt(z.looseObject({ TotalCount: opt(z.number().int().min(0)) })),
});
type ConversationCharacteristics = z.infer<typeof ConversationCharacteristicsSchema>;

export const CategoriesSchema = opt(z.looseObject({ MatchedCategories: opt(z.array(z.string())) }));

/** Call Analytics writes `{Begin, End}`, Contact Lens `{BeginOffsetChar, EndOffsetChar}` and sometimes `Text`. */
export const IssuesDetectedSchema = opt(
  z.array(
    z.looseObject({
      Text: opt(z.string()),
      CharacterOffsets: opt(
        z.looseObject({ Begin: opt(z.number()), End: opt(z.number()), BeginOffsetChar: opt(z.number()), EndOffsetChar: opt(z.number()) }),
      ),
    }),
  ),
);
type IssuesDetected = z.infer<typeof IssuesDetectedSchema>;

export function issueTexts(content: string, issues: IssuesDetected): string[] {
  return (issues ?? []).flatMap((issue) => {
    const o = issue.CharacterOffsets;
    const begin = o?.Begin ?? o?.BeginOffsetChar;
    const end = o?.End ?? o?.EndOffsetChar;
    const text = (issue.Text ?? (begin !== undefined && end !== undefined ? content.slice(begin, end) : '')).trim();
    return text === '' ? [] : [text];
  });
}

/** Contact Lens and Call Analytics roles: anything that is not the customer (SYSTEM, SUPERVISOR...) speaks for the company. */
export const roleOfProviderRole = (role: string | undefined): TurnRole =>
  role === undefined ? 'UNKNOWN' : role.toUpperCase() === 'CUSTOMER' ? 'CUSTOMER' : 'AGENT';

export const providerSentimentOf = (c: ConversationCharacteristics | undefined): ProviderSentiment | undefined => {
  const overall = c?.Sentiment?.OverallSentiment;
  if (overall?.AGENT === undefined && overall?.CUSTOMER === undefined) return undefined;
  return { ...(overall.CUSTOMER !== undefined && { customer: overall.CUSTOMER }), ...(overall.AGENT !== undefined && { agent: overall.AGENT }) };
};

const compact = <T extends Record<string, unknown>>(o: T): T | undefined => {
  const entries = Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0));
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as T);
};

export function characteristicsOf(
  c: ConversationCharacteristics | undefined,
  issues: string[],
  categories: string[] | undefined,
): TranscriptCharacteristics | undefined {
  const talk = c?.TalkTime;
  return compact<TranscriptCharacteristics>({
    talkTimeMs: compact({
      agent: talk?.DetailsByParticipant?.AGENT?.TotalTimeMillis,
      customer: talk?.DetailsByParticipant?.CUSTOMER?.TotalTimeMillis,
      total: talk?.TotalTimeMillis,
    }),
    nonTalkTimeMs: c?.NonTalkTime?.TotalTimeMillis,
    interruptions: c?.Interruptions?.TotalCount,
    issues,
    categories,
  });
}

export const roundMs = (n: number | undefined): number | undefined => (n === undefined ? undefined : Math.round(n));
