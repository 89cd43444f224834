import { createHash } from 'node:crypto';
import type { Customer } from '../domain/feedback.schema.js';
import { normalizeTranscript } from '../domain/transcript-normalizer.js';
import type { NormalizedTranscript } from '../domain/transcript.schema.js';
import type { ObjectStore } from '../ports/object-store.port.js';
import { acceptFeedback, type Accepted, type AcceptDeps, type FeedbackDraft } from './accept-feedback.use-case.js';

export interface TranscriptDeps extends AcceptDeps {
  readonly objects: ObjectStore;
}

export interface TranscriptRequest {
  /** The transcript JSON as received. */
  readonly json: unknown;
  /** Where the raw transcript already is (the S3 object that triggered us); else it is stored. */
  readonly rawRef?: string;
  readonly rawBody?: Uint8Array;
  readonly customer?: Customer;
  readonly agentSpeaker?: string;
  readonly agentId?: string;
}

export function transcriptDraft(t: NormalizedTranscript, rawRef: string, customer: Customer): FeedbackDraft {
  return {
    channel: 'phone',
    customer,
    text: t.customerText,
    ...(t.language && { language: t.language }),
    source: { provider: t.format, externalId: t.externalId, rawRef },
    call: {
      format: t.format,
      externalId: t.externalId,
      ...(t.languageCode && { languageCode: t.languageCode }),
      ...(t.durationMs !== undefined && { durationMs: t.durationMs }),
      ...(t.agentId && { agentId: t.agentId }),
      turns: t.turns,
      ...(t.providerSentiment && { providerSentiment: t.providerSentiment }),
      ...(t.characteristics && { characteristics: t.characteristics }),
    },
    ...(t.truncated && { metadata: { truncated: true } }),
  };
}

/**
 * A call transcript (Transcribe, Call Analytics or Contact Lens; anything else is a 400) becomes
 * one phone item whose text is what the customer said, turns and call metadata kept beside it.
 * The same call delivered twice is one item (dedupe on format + job or contact id).
 */
export async function ingestTranscript(deps: TranscriptDeps, req: TranscriptRequest): Promise<Accepted & { transcript: NormalizedTranscript }> {
  const transcript = normalizeTranscript(req.json, { ...(req.agentSpeaker && { agentSpeaker: req.agentSpeaker }), ...(req.agentId && { agentId: req.agentId }) });
  let rawRef = req.rawRef;
  if (!rawRef) {
    const bytes = req.rawBody ?? new TextEncoder().encode(JSON.stringify(req.json));
    const digest = createHash('sha256').update(bytes).digest('hex');
    rawRef = `raw/phone/${new Date(deps.clock.now()).toISOString().slice(0, 10).replaceAll('-', '/')}/${digest}.json`;
    await deps.objects.put(rawRef, bytes, 'application/json');
  }
  const accepted = await acceptFeedback(deps, transcriptDraft(transcript, rawRef, req.customer ?? {}), {
    key: `phone:${transcript.format}:${transcript.externalId}`,
  });
  return { ...accepted, transcript };
}
