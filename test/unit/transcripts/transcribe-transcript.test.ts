import { describe, expect, it } from 'vitest';
import { normalizeTranscript, UnsupportedTranscriptError } from '../../../shared/domain/transcript-normalizer.js';
import { NormalizedTranscriptSchema } from '../../../shared/domain/transcript.schema.js';
import { joinWords } from '../../../shared/domain/transcripts/transcribe.parser.js';
import { fixture, thrown } from './fixtures.helper.js';

describe('Amazon Transcribe standard output', () => {
  describe('with speaker labels (pt-BR billing complaint)', () => {
    const t = normalizeTranscript(fixture('transcribe-pt-BR-billing.json'));

    it('produces a valid normalized transcript with the job metadata', () => {
      expect(NormalizedTranscriptSchema.parse(t)).toEqual(t);
      expect(t).toMatchObject({ format: 'transcribe', externalId: 'ouvidor-call-2024-03-18-0931-pt', languageCode: 'pt-BR', language: 'pt', truncated: false });
      expect(t.durationMs).toBeGreaterThan(30_000);
      expect(t.providerSentiment).toBeUndefined();
      expect(t.agentId).toBeUndefined();
    });

    it('groups words into alternating turns; the first speaker (spk_0) is the agent', () => {
      expect(t.turns.map((x) => `${x.role}:${x.speaker}`)).toEqual([
        'AGENT:spk_0', 'CUSTOMER:spk_1', 'AGENT:spk_0', 'CUSTOMER:spk_1', 'AGENT:spk_0', 'CUSTOMER:spk_1', 'AGENT:spk_0', 'CUSTOMER:spk_1',
      ]);
      expect(t.turns[0]).toMatchObject({ text: 'Loja Vitrine, boa tarde, meu nome é Juliana. Com quem eu falo?', beginOffsetMs: 620 });
      const first = t.turns[0]!;
      expect(first.endOffsetMs).toBeGreaterThan(first.beginOffsetMs!);
      expect(t.turns[1]!.beginOffsetMs).toBeGreaterThan(first.endOffsetMs!);
    });

    it('joins punctuation to the previous word (no "boleto ," or "falo ?")', () => {
      expect(t.turns[3]!.text).toBe(
        'É o pedido 48213. Eu paguei o boleto no dia dez e hoje apareceu a mesma cobrança. Isso é um absurdo, é a segunda vez que acontece!',
      );
      for (const turn of t.turns) expect(turn.text).not.toMatch(/\s[.,?!]/);
    });

    it('customer text holds only the customer turns, one per line', () => {
      const lines = t.customerText.split('\n');
      expect(lines).toHaveLength(4);
      expect(lines[0]).toBe('Boa tarde, Juliana. Aqui é o Marcos. Eu paguei o boleto da fatura de março e mesmo assim veio cobrado de novo no cartão.');
      expect(t.customerText).toContain('Prefiro receber por Pix.');
      expect(t.customerText).not.toContain('meu nome é Juliana');
      expect(t.customerText).not.toContain('estorno por Pix sai em até dois dias úteis');
      expect(t.customerText).not.toContain('Peço desculpas');
    });

    it('honours agentSpeaker', () => {
      const flipped = normalizeTranscript(fixture('transcribe-pt-BR-billing.json'), { agentSpeaker: 'spk_1', agentId: 'juliana.s' });
      expect(flipped.turns[0]).toMatchObject({ role: 'CUSTOMER', speaker: 'spk_0' });
      expect(flipped.customerText.split('\n')[0]).toBe('Loja Vitrine, boa tarde, meu nome é Juliana. Com quem eu falo?');
      expect(flipped.customerText).not.toContain('Aqui é o Marcos');
      expect(flipped.agentId).toBe('juliana.s');
    });

    it('refuses an agentSpeaker that is not in the transcript, naming the speakers', () => {
      const e = thrown(() => normalizeTranscript(fixture('transcribe-pt-BR-billing.json'), { agentSpeaker: 'spk_7' }));
      expect(e).toBeInstanceOf(UnsupportedTranscriptError);
      expect(e.status).toBe(400);
      expect(e.message).toContain("agentSpeaker 'spk_7'");
      expect(e.message).toContain('spk_0, spk_1');
    });

    it('maps words through speaker_labels.segments when items carry no speaker_label (older outputs)', () => {
      const json = fixture('transcribe-pt-BR-billing.json');
      const results = json['results'] as { items: Array<Record<string, unknown>> };
      for (const item of results.items) delete item['speaker_label'];
      const old = normalizeTranscript(json);
      expect(old.turns.map((x) => [x.role, x.text])).toEqual(t.turns.map((x) => [x.role, x.text]));
      expect(old.customerText).toBe(t.customerText);
    });

    it('treats a single labelled speaker as UNKNOWN and keeps all of the text', () => {
      const json = fixture('transcribe-pt-BR-billing.json');
      const results = json['results'] as { items: Array<Record<string, unknown>>; speaker_labels: { segments: Array<Record<string, unknown>> } };
      for (const item of results.items) item['speaker_label'] = 'spk_0';
      for (const seg of results.speaker_labels.segments) seg['speaker_label'] = 'spk_0';
      const mono = normalizeTranscript(json);
      expect(mono.turns).toHaveLength(1);
      expect(mono.turns[0]!.role).toBe('UNKNOWN');
      expect(mono.customerText).toContain('meu nome é Juliana');
      expect(mono.customerText).toContain('Aqui é o Marcos');
    });
  });

  describe('with channel labels (en delivery delay)', () => {
    const t = normalizeTranscript(fixture('transcribe-en-US-delivery.json'));

    it('merges both channels in time order; ch_0 talks first and is the agent', () => {
      expect(t).toMatchObject({ externalId: 'ouvidor-call-2024-04-02-1517-en', languageCode: 'en-US', language: 'en' });
      expect(t.turns).toHaveLength(8);
      expect(t.turns.map((x) => x.speaker)).toEqual(['ch_0', 'ch_1', 'ch_0', 'ch_1', 'ch_0', 'ch_1', 'ch_0', 'ch_1']);
      expect(t.turns[0]).toMatchObject({ role: 'AGENT', text: 'Thank you for calling Northwind Outfitters, this is Daniel. How can I help you today?' });
      expect(t.turns[3]).toMatchObject({ role: 'CUSTOMER', text: "Sure, it's 77-1904. I was promised delivery within five days, and I need them for a trip this weekend." });
    });

    it('customer text has the customer only', () => {
      expect(t.customerText).toBe(
        [
          "Hi Daniel. I ordered a pair of hiking boots two weeks ago and they still haven't arrived. The tracking page hasn't changed since Monday.",
          "Sure, it's 77-1904. I was promised delivery within five days, and I need them for a trip this weekend.",
          'Okay, that helps, but honestly the delay was really frustrating. Nobody emailed me about it.',
          'Alright, thanks.',
        ].join('\n'),
      );
      expect(t.customerText).not.toMatch(/Northwind|replacement|notified/);
      expect(t.customerText).not.toContain('Hello , world');
      expect(t.customerText).not.toMatch(/\s[.,?!]/);
    });

    it('accepts ch_1 as the agent', () => {
      const flipped = normalizeTranscript(fixture('transcribe-en-US-delivery.json'), { agentSpeaker: 'ch_1' });
      expect(flipped.customerText.split('\n')[0]).toContain('Thank you for calling Northwind Outfitters');
    });
  });

  describe('without speaker labels', () => {
    const t = normalizeTranscript(fixture('transcribe-pt-BR-no-speakers.json'));

    it('is one UNKNOWN turn whose text is the whole transcript, counted as the customer', () => {
      expect(t.turns).toHaveLength(1);
      expect(t.turns[0]!.role).toBe('UNKNOWN');
      expect(t.turns[0]!.speaker).toBeUndefined();
      expect(t.customerText).toBe(
        'Oi, aqui é a Fernanda, cliente de vocês. Só queria deixar registrado que a entrega chegou antes do prazo e o entregador foi super educado. Parabéns pelo atendimento!',
      );
      expect(t).toMatchObject({ externalId: 'ouvidor-voicemail-2024-05-06-0810-pt', language: 'pt', truncated: false });
      expect(t.durationMs).toBeGreaterThan(5_000);
    });
  });

  describe('joinWords', () => {
    const w = (content: string, punctuation = false) => ({ content, punctuation });
    it('attaches closing punctuation left and opening marks right', () => {
      expect(joinWords([w('Hello'), w(',', true), w('world'), w('.', true)])).toBe('Hello, world.');
      expect(joinWords([w('Hola'), w('.', true), w('¿', true), w('Qué'), w('tal'), w('?', true)])).toBe('Hola. ¿Qué tal?');
      expect(joinWords([w('Oi'), w(''), w('!', true)])).toBe('Oi!');
    });
  });
});
