import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { OuvidorError } from '../../../shared/domain/errors.js';
import { EmptyTranscriptError, normalizeTranscript, UnsupportedTranscriptError } from '../../../shared/domain/transcript-normalizer.js';
import { fixture, thrown } from './fixtures.helper.js';

type Turns = Array<Record<string, unknown>>;
const fields = (e: { details?: Array<{ field: string }> }) => (e.details ?? []).map((d) => d.field);

describe('transcripts that are refused', () => {
  it('random JSON: 400 that says what was expected', () => {
    const e = thrown(() => normalizeTranscript(fixture('invalid-random.json')));
    expect(e).toBeInstanceOf(UnsupportedTranscriptError);
    expect(e).toBeInstanceOf(OuvidorError);
    expect(e).toMatchObject({ status: 400, code: 'unsupported_transcript' });
    expect(e.message).toContain('Not a recognized call transcript');
    expect(e.message).toContain('keys id, title, tags, data');
    expect(e.message).toMatch(/Amazon Transcribe.*Call Analytics.*Contact Lens/);
    expect(e.cause).toBeDefined();
  });

  it.each([null, 'text', 42, [1, 2]])('refuses a non-object (%j)', (json) => {
    expect(thrown(() => normalizeTranscript(json))).toMatchObject({ status: 400, code: 'unsupported_transcript' });
  });

  it('Call Analytics without Transcript: names the field, with the zod error as cause', () => {
    const e = thrown(() => normalizeTranscript(fixture('invalid-call-analytics-no-transcript.json')));
    expect(e).toBeInstanceOf(UnsupportedTranscriptError);
    expect(e.status).toBe(400);
    expect(e.message).toBe('Invalid Transcribe Call Analytics output: Transcript: required: an array of turns.');
    expect(fields(e)).toEqual(['Transcript']);
    expect(e.cause).toBeInstanceOf(ZodError);
  });

  it('Call Analytics with neither JobName nor SessionId', () => {
    const json = fixture('call-analytics-pt-BR-delivery.json');
    delete json['JobName'];
    const e = thrown(() => normalizeTranscript(json));
    expect(e.message).toContain('JobName: required (or SessionId)');
  });

  it('Call Analytics turn without ParticipantRole names the turn', () => {
    const json = fixture('call-analytics-en-US-billing.json');
    delete (json['Transcript'] as Turns)[2]!['ParticipantRole'];
    expect(fields(thrown(() => normalizeTranscript(json)))).toEqual(['Transcript.2.ParticipantRole']);
  });

  it('Transcribe without jobName, and with a malformed time', () => {
    const noName = fixture('transcribe-pt-BR-billing.json');
    delete noName['jobName'];
    expect(thrown(() => normalizeTranscript(noName)).message).toBe('Invalid Amazon Transcribe output: jobName: required: the transcription job name.');
    const badTime = fixture('transcribe-pt-BR-billing.json');
    ((badTime['results'] as { items: Turns }).items[3]!)['start_time'] = 'soon';
    const e = thrown(() => normalizeTranscript(badTime));
    expect(fields(e)).toEqual(['results.items.3.start_time']);
    expect(e.message).toContain('must be a number of seconds');
  });

  it('Contact Lens without the contact id', () => {
    const json = fixture('contact-lens-en-US-praise.json');
    delete (json['CustomerMetadata'] as Record<string, unknown>)['ContactId'];
    const e = thrown(() => normalizeTranscript(json));
    expect(e.message).toBe('Invalid Amazon Connect Contact Lens output: CustomerMetadata.ContactId: required: the Amazon Connect contact id.');
  });

  it('a chat analysed by Contact Lens is not a call', () => {
    const json = fixture('contact-lens-pt-BR-praise.json');
    json['Channel'] = 'CHAT';
    const e = thrown(() => normalizeTranscript(json));
    expect(fields(e)).toEqual(['Channel']);
    expect(e.message).toContain("expected 'VOICE'");
  });

  it('a job that did not complete', () => {
    const json = fixture('call-analytics-en-US-billing.json');
    json['JobStatus'] = 'FAILED';
    const e = thrown(() => normalizeTranscript(json));
    expect(e).toBeInstanceOf(UnsupportedTranscriptError);
    expect(e.message).toContain("JobStatus is 'FAILED'");
    const tr = fixture('transcribe-pt-BR-billing.json');
    tr['status'] = 'IN_PROGRESS';
    expect(fields(thrown(() => normalizeTranscript(tr)))).toEqual(['status']);
  });

  it('a call in which the customer says nothing: EmptyTranscriptError (400)', () => {
    const json = fixture('call-analytics-pt-BR-delivery.json');
    json['Transcript'] = (json['Transcript'] as Turns).filter((t) => t['ParticipantRole'] === 'AGENT');
    const e = thrown(() => normalizeTranscript(json));
    expect(e).toBeInstanceOf(EmptyTranscriptError);
    expect(e).toBeInstanceOf(UnsupportedTranscriptError);
    expect(e).toMatchObject({ status: 400, code: 'empty_transcript' });
    expect(e.message).toBe("The call-analytics transcript 'ouvidor-tca-2024-05-09-1402-pt' has no customer text: no turn is the customer's.");
  });

  it('customer turns made of blanks count as nothing', () => {
    const json = fixture('contact-lens-pt-BR-praise.json');
    for (const t of json['Transcript'] as Turns) if (t['ParticipantId'] === 'CUSTOMER') t['Content'] = '   ';
    expect(thrown(() => normalizeTranscript(json))).toBeInstanceOf(EmptyTranscriptError);
  });

  it('a Transcribe job with no speech', () => {
    const json = { jobName: 'silence', status: 'COMPLETED', results: { transcripts: [{ transcript: '' }], items: [] } };
    const e = thrown(() => normalizeTranscript(json));
    expect(e).toBeInstanceOf(EmptyTranscriptError);
    expect(e.message).toContain('it has no speech');
  });
});

describe('customer text limit (20,000 characters)', () => {
  const sentence = 'A entrega atrasou de novo e ninguém me avisou, quero o reembolso no Pix. ';
  const callWith = (customerTurns: string[]) => {
    const json = fixture('call-analytics-pt-BR-delivery.json');
    json['Transcript'] = customerTurns.flatMap((content, i) => [
      { Id: `a${i}`, ParticipantRole: 'AGENT', Content: 'Entendo, pode continuar.', BeginOffsetMillis: i * 2000, EndOffsetMillis: i * 2000 + 900 },
      { Id: `c${i}`, ParticipantRole: 'CUSTOMER', Content: content, BeginOffsetMillis: i * 2000 + 1000, EndOffsetMillis: i * 2000 + 1900 },
    ]);
    return json;
  };

  it('cuts at a turn boundary and flags it; the turns stay whole', () => {
    const turn = sentence.repeat(14).trim(); // ~1,000 characters
    const t = normalizeTranscript(callWith(Array.from({ length: 30 }, (_, i) => `${i}: ${turn}`)));
    expect(t.truncated).toBe(true);
    expect(t.customerText.length).toBeLessThanOrEqual(20_000);
    expect(t.customerText.length).toBeGreaterThan(20_000 - turn.length - 10);
    const lines = t.customerText.split('\n');
    lines.forEach((line, i) => expect(line).toBe(`${i}: ${turn}`));
    expect(t.turns.filter((x) => x.role === 'CUSTOMER')).toHaveLength(30);
  });

  it('leaves a text that fits exactly alone', () => {
    const t = normalizeTranscript(callWith(['x'.repeat(9_999), 'y'.repeat(10_000)]));
    expect(t.customerText).toHaveLength(20_000);
    expect(t.truncated).toBe(false);
  });

  it('cuts a single overlong turn at a word boundary', () => {
    const t = normalizeTranscript(callWith([sentence.repeat(400)]));
    expect(t.truncated).toBe(true);
    expect(t.customerText.length).toBeLessThanOrEqual(20_000);
    expect(t.customerText.length).toBeGreaterThan(19_900);
    expect(sentence.repeat(400).startsWith(t.customerText)).toBe(true);
    expect(sentence.repeat(400)[t.customerText.length]).toMatch(/\s/);
  });
});

describe('leniency on what we do not need', () => {
  it('drops an unknown turn sentiment label and malformed characteristics instead of refusing', () => {
    const json = fixture('call-analytics-en-US-billing.json');
    (json['Transcript'] as Turns)[1]!['Sentiment'] = 'ANGRY';
    (json['ConversationCharacteristics'] as Record<string, unknown>)['TalkTime'] = 'n/a';
    const t = normalizeTranscript(json);
    expect(t.turns[1]!.providerSentiment).toBeUndefined();
    expect(t.characteristics?.talkTimeMs).toBeUndefined();
    expect(t.characteristics?.interruptions).toBe(2);
  });
});
