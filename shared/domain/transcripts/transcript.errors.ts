import { OuvidorError, type ErrorDetail } from '../errors.js';

/**
 * The body is not a transcript we can read: not one of the accepted formats, or one of them
 * with a field missing or of the wrong type (named in the message and in `details`). 400.
 */
export class UnsupportedTranscriptError extends OuvidorError {
  constructor(message: string, options?: { cause?: unknown; details?: readonly ErrorDetail[]; code?: string }) {
    super(400, options?.code ?? 'unsupported_transcript', message, options);
  }
}

/** A readable transcript in which the customer says nothing. 400. */
export class EmptyTranscriptError extends UnsupportedTranscriptError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, code: 'empty_transcript', details: [{ field: 'customerText', message: 'empty' }] });
  }
}

export const ACCEPTED_TRANSCRIPT_FORMATS =
  'an Amazon Transcribe output ({ jobName, results: { transcripts, items } }), a Transcribe Call Analytics output ' +
  '({ JobName, Participants, Transcript, ConversationCharacteristics }) or an Amazon Connect Contact Lens output ' +
  '({ Version, CustomerMetadata, Participants, Transcript })';
