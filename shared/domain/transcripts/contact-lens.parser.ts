import * as z from 'zod';
import type { NormalizeTranscriptOptions, ParsedTranscript, TranscriptTurn, TurnRole } from '../transcript.schema.js';
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
 * Amazon Connect Contact Lens (conversational analytics) output for a call. Each turn names its
 * speaker by `ParticipantId`: `AGENT` / `CUSTOMER` in the documented files, a participant UUID in
 * newer ones, resolved to a role through `Participants`.
 */
const ContactLensTurnSchema = z.looseObject({
  Id: z.string().optional(),
  ParticipantId: z.string().min(1),
  Content: z.string(),
  BeginOffsetMillis: z.number().min(0).optional(),
  EndOffsetMillis: z.number().min(0).optional(),
  Sentiment: TurnSentimentSchema,
  IssuesDetected: IssuesDetectedSchema,
});

export const ContactLensOutputSchema = z.looseObject({
  Version: z.string().optional(),
  JobStatus: z.string().optional(),
  LanguageCode: z.string().optional(),
  Channel: z.literal('VOICE', { error: "expected 'VOICE' (only calls are accepted)" }).optional(),
  ContentMetadata: z.looseObject({ Output: z.string().optional() }).optional().catch(undefined),
  Participants: z.array(z.looseObject({ ParticipantId: z.string(), ParticipantRole: z.string() })).optional(),
  CustomerMetadata: z.looseObject(
    {
      ContactId: z.string(expected('the Amazon Connect contact id')).min(1),
      InstanceId: z.string().optional(),
      InputS3Uri: z.string().optional(),
      AgentId: z.string().optional().catch(undefined),
    },
    expected('an object with ContactId'),
  ),
  Transcript: z.array(ContactLensTurnSchema, expected('an array of turns')),
  ConversationCharacteristics: ConversationCharacteristicsSchema.optional(),
  Categories: CategoriesSchema,
});

export function parseContactLens(json: unknown, opts: NormalizeTranscriptOptions): ParsedTranscript {
  const o = parseFormat(ContactLensOutputSchema, json, 'Amazon Connect Contact Lens');
  requireCompleted(o.JobStatus, 'JobStatus', 'Contact Lens');
  const roles = new Map((o.Participants ?? []).map((p) => [p.ParticipantId, p.ParticipantRole]));
  /** Unknown participant ids become UNKNOWN turns (never counted as the customer when others are known). */
  const roleOf = (id: string): TurnRole => roleOfProviderRole(roles.get(id) ?? (/^(AGENT|CUSTOMER)$/i.test(id) ? id : undefined));
  const issues: string[] = [];
  const turns = o.Transcript.flatMap((t): TranscriptTurn[] => {
    issues.push(...issueTexts(t.Content, t.IssuesDetected));
    const text = t.Content.trim();
    if (text === '') return [];
    return [
      {
        role: roleOf(t.ParticipantId),
        speaker: t.ParticipantId,
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
  const agentId = opts.agentId ?? o.CustomerMetadata.AgentId;
  return {
    format: 'contact-lens',
    externalId: o.CustomerMetadata.ContactId,
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
