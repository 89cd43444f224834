import * as z from 'zod';
import type { NormalizeTranscriptOptions, ParsedTranscript, TranscriptTurn } from '../transcript.schema.js';
import {
  CategoriesSchema,
  ConversationCharacteristicsSchema,
  IssuesDetectedSchema,
  TurnSentimentSchema,
  characteristicsOf,
  expected,
  issueTexts,
  languageOf,
  parseFormat,
  providerSentimentOf,
  requireCompleted,
  roleOfProviderRole,
  roundMs,
} from './transcript-parse.helper.js';

/**
 * Amazon Transcribe Call Analytics output (post-call, batch or after a stream): one entry per
 * turn with the speaker's role (`AGENT` | `CUSTOMER`), offsets in ms and a sentiment label.
 * Batch jobs carry `JobName`; post-call output of a stream carries `SessionId` instead.
 */
const CallAnalyticsTurnSchema = z.looseObject({
  Id: z.string().optional(),
  ParticipantRole: z.string().min(1),
  Content: z.string(),
  BeginOffsetMillis: z.number().min(0).optional(),
  EndOffsetMillis: z.number().min(0).optional(),
  Sentiment: TurnSentimentSchema,
  IssuesDetected: IssuesDetectedSchema,
});

export const CallAnalyticsOutputSchema = z
  .looseObject({
    JobName: z.string().min(1).optional(),
    SessionId: z.string().min(1).optional(),
    JobStatus: z.string().optional(),
    LanguageCode: z.string().optional(),
    Channel: z.literal('VOICE', { error: "expected 'VOICE' (only calls are accepted)" }).optional(),
    AgentId: z.string().optional().catch(undefined),
    ContentMetadata: z.looseObject({ Output: z.string().optional() }).optional().catch(undefined),
    Participants: z.array(z.looseObject({ ParticipantRole: z.string() })).optional(),
    Transcript: z.array(CallAnalyticsTurnSchema, expected('an array of turns')),
    ConversationCharacteristics: ConversationCharacteristicsSchema.optional(),
    Categories: CategoriesSchema,
  })
  .refine((o) => o.JobName !== undefined || o.SessionId !== undefined, {
    path: ['JobName'],
    message: 'required (or SessionId)',
  });

export function parseCallAnalytics(json: unknown, opts: NormalizeTranscriptOptions): ParsedTranscript {
  const o = parseFormat(CallAnalyticsOutputSchema, json, 'Transcribe Call Analytics');
  requireCompleted(o.JobStatus, 'JobStatus', 'Transcribe Call Analytics');
  const issues: string[] = [];
  const turns = o.Transcript.flatMap((t): TranscriptTurn[] => {
    issues.push(...issueTexts(t.Content, t.IssuesDetected));
    const text = t.Content.trim();
    if (text === '') return [];
    return [
      {
        role: roleOfProviderRole(t.ParticipantRole),
        speaker: t.ParticipantRole,
        text,
        ...(t.BeginOffsetMillis !== undefined && { beginOffsetMs: roundMs(t.BeginOffsetMillis) }),
        ...(t.EndOffsetMillis !== undefined && { endOffsetMs: roundMs(t.EndOffsetMillis) }),
        ...(t.Sentiment !== undefined && { providerSentiment: t.Sentiment }),
      },
    ];
  });
  const cc = o.ConversationCharacteristics;
  const lastEnd = turns.reduce((max, t) => Math.max(max, t.endOffsetMs ?? 0), 0);
  const durationMs = roundMs(cc?.TotalConversationDurationMillis) ?? (lastEnd > 0 ? lastEnd : undefined);
  const providerSentiment = providerSentimentOf(cc);
  const characteristics = characteristicsOf(cc, issues, o.Categories?.MatchedCategories);
  const agentId = opts.agentId ?? o.AgentId;
  return {
    format: 'call-analytics',
    externalId: (o.JobName ?? o.SessionId) as string,
    ...(o.LanguageCode !== undefined && { languageCode: o.LanguageCode }),
    ...(languageOf(o.LanguageCode) !== undefined && { language: languageOf(o.LanguageCode) }),
    ...(durationMs !== undefined && { durationMs }),
    ...(agentId !== undefined && { agentId }),
    ...(o.ContentMetadata?.Output !== undefined && { redacted: o.ContentMetadata.Output.toLowerCase() === 'redacted' }),
    turns,
    ...(providerSentiment !== undefined && { providerSentiment }),
    ...(characteristics !== undefined && { characteristics }),
  };
}
