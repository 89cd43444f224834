import { describe, expect, it } from 'vitest';
import { normalizeTranscript } from '../../../shared/domain/transcript-normalizer.js';
import { NormalizedTranscriptSchema } from '../../../shared/domain/transcript.schema.js';
import { fixture } from './fixtures.helper.js';

describe('Transcribe Call Analytics output', () => {
  describe('pt-BR delivery delay', () => {
    const t = normalizeTranscript(fixture('call-analytics-pt-BR-delivery.json'));

    it('keeps the metadata', () => {
      expect(NormalizedTranscriptSchema.parse(t)).toEqual(t);
      expect(t).toMatchObject({ format: 'call-analytics', externalId: 'ouvidor-tca-2024-05-09-1402-pt', languageCode: 'pt-BR', language: 'pt', redacted: false, truncated: false });
      const json = fixture('call-analytics-pt-BR-delivery.json') as { ConversationCharacteristics: { TotalConversationDurationMillis: number } };
      expect(t.durationMs).toBe(json.ConversationCharacteristics.TotalConversationDurationMillis);
    });

    it('maps ParticipantRole to roles, with offsets and the provider sentiment label of each turn', () => {
      expect(t.turns.map((x) => x.role)).toEqual(['AGENT', 'CUSTOMER', 'AGENT', 'CUSTOMER', 'AGENT', 'CUSTOMER', 'AGENT', 'CUSTOMER']);
      expect(t.turns[1]).toMatchObject({ speaker: 'CUSTOMER', providerSentiment: 'NEGATIVE', beginOffsetMs: expect.any(Number), endOffsetMs: expect.any(Number) });
      expect(t.turns[5]!.providerSentiment).toBe('MIXED');
      expect(t.turns[6]!.providerSentiment).toBe('POSITIVE');
    });

    it('customer text holds only what the customer said', () => {
      expect(t.customerText.split('\n')).toEqual([
        'Oi Rafael, eu comprei um sofá há vinte dias e a entrega ainda não chegou. O prazo era de dez dias úteis.',
        'O pedido é 90517. Já remarcaram a entrega duas vezes e ninguém me avisa nada.',
        'Tá bom, mas se não chegar na sexta eu quero cancelar e receber o dinheiro de volta pelo Pix.',
        'Obrigada, tchau.',
      ]);
      expect(t.customerText).not.toContain('meu nome é Rafael');
      expect(t.customerText).not.toContain('Vou priorizar a sua entrega');
      expect(t.customerText).not.toContain('reembolso por Pix são imediatos');
    });

    it('keeps the overall provider sentiment and the curated characteristics', () => {
      expect(t.providerSentiment).toEqual({ customer: -2.4, agent: 1.2 });
      expect(t.characteristics).toMatchObject({
        nonTalkTimeMs: 4200,
        interruptions: 1,
        issues: ['a entrega ainda não chegou', 'Já remarcaram a entrega duas vezes'],
        categories: ['atraso-entrega'],
      });
      expect(t.characteristics?.talkTimeMs?.agent).toBeGreaterThan(0);
      expect(t.characteristics?.talkTimeMs?.customer).toBeGreaterThan(0);
      expect(t.characteristics?.talkTimeMs?.total).toBe(t.characteristics!.talkTimeMs!.agent! + t.characteristics!.talkTimeMs!.customer!);
    });
  });

  describe('en billing complaint', () => {
    const t = normalizeTranscript(fixture('call-analytics-en-US-billing.json'), { agentId: 'priya.k' });

    it('reads turns, sentiment, issues and the agent id given as an option', () => {
      expect(t).toMatchObject({ externalId: 'ouvidor-tca-2024-05-10-0915-en', language: 'en', agentId: 'priya.k' });
      expect(t.providerSentiment).toEqual({ customer: -3.1, agent: 1.9 });
      expect(t.characteristics?.issues).toEqual(['I was charged twice for my May bill']);
      expect(t.characteristics?.interruptions).toBe(2);
      expect(t.characteristics?.categories).toEqual(['billing-dispute', 'repeat-issue']);
      expect(t.customerText).toContain('eighty-nine dollars each time');
      expect(t.customerText).not.toContain('Brightline Internet');
      expect(t.customerText).not.toContain('submitted a refund');
    });

    it('uses SessionId when a post-call stream output has no JobName', () => {
      const json = fixture('call-analytics-en-US-billing.json');
      delete json['JobName'];
      json['SessionId'] = '12a3b45c-de6f-78a9-0123-45b6ab78c901';
      expect(normalizeTranscript(json).externalId).toBe('12a3b45c-de6f-78a9-0123-45b6ab78c901');
    });
  });
});

describe('Amazon Connect Contact Lens output', () => {
  describe('pt-BR praise (redacted, AGENT/CUSTOMER participant ids)', () => {
    const t = normalizeTranscript(fixture('contact-lens-pt-BR-praise.json'));

    it('takes the contact id as external id and flags the redacted output', () => {
      expect(NormalizedTranscriptSchema.parse(t)).toEqual(t);
      expect(t).toMatchObject({ format: 'contact-lens', externalId: '5b8e2f4c-91d3-4a6e-8f27-0c4d1e9a7b35', languageCode: 'pt-BR', language: 'pt', redacted: true });
      expect(t.durationMs).toBeGreaterThan(20_000);
      expect(t.providerSentiment).toEqual({ customer: 4.6, agent: 3.8 });
      expect(t.characteristics?.categories).toEqual(['elogio']);
    });

    it('customer text is the customer turns only, placeholders kept', () => {
      expect(t.turns.map((x) => x.role)).toEqual(['AGENT', 'CUSTOMER', 'AGENT', 'CUSTOMER', 'AGENT', 'CUSTOMER']);
      expect(t.turns.every((x) => x.providerSentiment !== undefined)).toBe(true);
      expect(t.customerText.split('\n')).toHaveLength(3);
      expect(t.customerText).toContain('um Pix que eu fiz não tinha caído');
      expect(t.customerText).toContain('Foi o [PII].');
      expect(t.customerText).not.toContain('Banco Aurora');
      expect(t.customerText).not.toContain('Vou registrar o seu elogio');
    });

    it('reads the agent id from CustomerMetadata when present; the option wins', () => {
      const json = fixture('contact-lens-pt-BR-praise.json');
      (json['CustomerMetadata'] as Record<string, unknown>)['AgentId'] = 'camila.r';
      expect(normalizeTranscript(json).agentId).toBe('camila.r');
      expect(normalizeTranscript(json, { agentId: 'other' }).agentId).toBe('other');
    });
  });

  describe('en praise (participant UUIDs, a SYSTEM prompt)', () => {
    const t = normalizeTranscript(fixture('contact-lens-en-US-praise.json'));

    it('resolves participant ids through Participants; SYSTEM is not the customer', () => {
      expect(t.turns.map((x) => x.role)).toEqual(['AGENT', 'AGENT', 'CUSTOMER', 'AGENT', 'CUSTOMER', 'AGENT']);
      expect(t.turns[0]!.speaker).toBe('1d8b5e7a-2c94-4f36-b0a1-e6f3c9d2a458');
      expect(t.customerText).toBe(
        'Hi Marcus. I just wanted to say thank you. My prescription was delivered a day early and the driver even called ahead.\n' +
          'Honestly, you\'ve been great every time. The new app makes refills really easy too.',
      );
      expect(t).toMatchObject({ externalId: 'e2a7c9d1-4f6b-4b3a-8e5d-2c1f0a9b8d74', language: 'en', redacted: false });
      expect(t.characteristics?.categories).toBeUndefined();
      expect(t.characteristics?.issues).toBeUndefined();
      expect(t.characteristics?.interruptions).toBe(0);
    });
  });
});
