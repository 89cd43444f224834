import * as z from 'zod';
import { SentimentLabelSchema } from './analysis.schema.js';
import { MAX_TEXT_CHARS } from './feedback-input.schema.js';

/**
 * A phone call transcript, whatever produced it, reduced to what the feedback pipeline needs.
 * Built by `normalizeTranscript` (transcript-normalizer.ts) from one of three AWS output files.
 */

/** Amazon Transcribe batch output, Transcribe Call Analytics output, Amazon Connect Contact Lens output. */
export const TranscriptFormatSchema = z.enum(['transcribe', 'call-analytics', 'contact-lens']);
export type TranscriptFormat = z.infer<typeof TranscriptFormatSchema>;

export const TurnRoleSchema = z.enum(['AGENT', 'CUSTOMER', 'UNKNOWN']);
export type TurnRole = z.infer<typeof TurnRoleSchema>;

export const TranscriptTurnSchema = z.object({
  role: TurnRoleSchema,
  /** The provider's own label: `spk_0`, `ch_1`, a Contact Lens participant id, `SYSTEM`... */
  speaker: z.string().optional(),
  text: z.string().min(1),
  beginOffsetMs: z.number().int().min(0).optional(),
  endOffsetMs: z.number().int().min(0).optional(),
  /** The label the provider gave this turn (Call Analytics, Contact Lens). */
  providerSentiment: SentimentLabelSchema.optional(),
});
export type TranscriptTurn = z.infer<typeof TranscriptTurnSchema>;

/** Overall sentiment per participant as the provider scored it: -5 (negative) to +5 (positive). */
export const ProviderSentimentSchema = z.object({
  customer: z.number().min(-5).max(5).optional(),
  agent: z.number().min(-5).max(5).optional(),
});
export type ProviderSentiment = z.infer<typeof ProviderSentimentSchema>;

/** A curated subset of the provider's conversation characteristics. */
export const TranscriptCharacteristicsSchema = z.object({
  talkTimeMs: z
    .object({ agent: z.number().min(0).optional(), customer: z.number().min(0).optional(), total: z.number().min(0).optional() })
    .optional(),
  nonTalkTimeMs: z.number().min(0).optional(),
  interruptions: z.number().int().min(0).optional(),
  /** The excerpts the provider flagged as issues (the reason for the call), in call order. */
  issues: z.array(z.string()).optional(),
  /** Categories the provider's rules matched. */
  categories: z.array(z.string()).optional(),
});
export type TranscriptCharacteristics = z.infer<typeof TranscriptCharacteristicsSchema>;

export const NormalizedTranscriptSchema = z.object({
  format: TranscriptFormatSchema,
  /** Contact id for Contact Lens, job name (or session id) otherwise; the dedupe key. */
  externalId: z.string().min(1).max(512),
  /** As the provider gave it, e.g. `pt-BR`. */
  languageCode: z.string().optional(),
  /** ISO 639-1, e.g. `pt`. */
  language: z.string().length(2).optional(),
  durationMs: z.number().int().min(0).optional(),
  agentId: z.string().optional(),
  /** True when the provider already redacted PII from the text (`[PII]` placeholders). */
  redacted: z.boolean().optional(),
  turns: z.array(TranscriptTurnSchema).min(1),
  /**
   * What the customer said: the CUSTOMER turns joined with newlines; when no turn has a known
   * role (no speaker labels), the whole text. Never empty; at most MAX_TEXT_CHARS characters.
   */
  customerText: z.string().min(1).max(MAX_TEXT_CHARS),
  /** True when `customerText` was cut (at a turn boundary) to fit the limit. */
  truncated: z.boolean(),
  providerSentiment: ProviderSentimentSchema.optional(),
  characteristics: TranscriptCharacteristicsSchema.optional(),
});
export type NormalizedTranscript = z.infer<typeof NormalizedTranscriptSchema>;

/** What a format parser yields before the customer text is assembled. */
export type ParsedTranscript = Omit<NormalizedTranscript, 'customerText' | 'truncated'>;

export interface NormalizeTranscriptOptions {
  /**
   * Standard Transcribe only: the speaker or channel label of the agent (`spk_0`, `ch_1`).
   * Without it the first speaker to talk is taken to be the agent (call centres greet first).
   */
  agentSpeaker?: string;
  /** The agent's id when the caller knows it (e.g. from the object's metadata); wins over one found in the file. */
  agentId?: string;
}
