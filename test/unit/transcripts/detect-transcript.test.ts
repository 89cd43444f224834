import { describe, expect, it } from 'vitest';
import { detectTranscriptFormat } from '../../../shared/domain/transcript-normalizer.js';
import { fixture } from './fixtures.helper.js';

describe('detectTranscriptFormat', () => {
  it.each([
    ['transcribe-pt-BR-billing.json', 'transcribe'],
    ['transcribe-en-US-delivery.json', 'transcribe'],
    ['transcribe-pt-BR-no-speakers.json', 'transcribe'],
    ['call-analytics-pt-BR-delivery.json', 'call-analytics'],
    ['call-analytics-en-US-billing.json', 'call-analytics'],
    ['contact-lens-pt-BR-praise.json', 'contact-lens'],
    ['contact-lens-en-US-praise.json', 'contact-lens'],
    ['invalid-call-analytics-no-transcript.json', 'call-analytics'],
  ])('%s is %s', (file, format) => {
    expect(detectTranscriptFormat(fixture(file))).toBe(format);
  });

  it('tells Contact Lens from Call Analytics without CustomerMetadata (participant ids, Version)', () => {
    const cl = fixture('contact-lens-pt-BR-praise.json');
    delete cl['CustomerMetadata'];
    expect(detectTranscriptFormat(cl)).toBe('contact-lens');
    const ca = fixture('call-analytics-en-US-billing.json');
    delete ca['JobName'];
    expect(detectTranscriptFormat(ca)).toBe('call-analytics');
  });

  it.each([
    ['random JSON', fixture('invalid-random.json')],
    ['null', null],
    ['a string', 'hello'],
    ['an array', [{ transcript: 'x' }]],
    ['an empty object', {}],
    ['results without transcripts or items', { jobName: 'j', results: { foo: 1 } }],
    ['a lone ConversationCharacteristics', { ConversationCharacteristics: {} }],
  ])('returns undefined for %s', (_label, json) => {
    expect(detectTranscriptFormat(json)).toBeUndefined();
  });
});
