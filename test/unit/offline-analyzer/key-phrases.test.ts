import { describe, expect, it } from 'vitest';
import { extractKeyPhrases } from '../../../shared/adapters/offline-analyzer/key-phrases.js';

describe('key phrases', () => {
  it('returns the noun phrases a support lead would tag', () => {
    const pt = extractKeyPhrases('Fiquei 40 minutos na fila de espera do SAC e a cobrança indevida continua no cartão.', 'pt');
    expect(pt).toContain('fila de espera');
    expect(pt).toContain('SAC');
    expect(pt.some((p) => p.includes('cobrança'))).toBe(true);
    const en = extractKeyPhrases('I was charged twice for my gym membership and the refund never arrived.', 'en');
    expect(en).toContain('gym membership');
    expect(en).toContain('refund');
  });
  it('drops stopwords, verbs and sentiment adjectives', () => {
    const phrases = extractKeyPhrases('The delivery was terrible and I really hated it', 'en');
    expect(phrases).toEqual(['delivery']);
    const pt = extractKeyPhrases('como faço para trocar a senha do aplicativo?', 'pt');
    expect(pt).toEqual(['senha do aplicativo']);
  });
  it('keeps few phrases, repeated ones first, and skips e-mail boilerplate', () => {
    const text = 'Olá,\n\nO boleto veio errado. O boleto de março também. Pix funciona, boleto não.\n\nAtenciosamente,\nMarina Lopes';
    const phrases = extractKeyPhrases(text, 'pt');
    expect(phrases[0]).toBe('boleto');
    expect(phrases.length).toBeLessThanOrEqual(5);
    expect(phrases.join(' ')).not.toMatch(/Marina|Atenciosamente|Olá/i);
  });
  it('ignores redaction placeholders', () => {
    expect(extractKeyPhrases('meu email é [EMAIL] e o cartão [CREDIT_DEBIT_NUMBER]', 'pt').join(' ')).not.toMatch(/EMAIL|CREDIT/);
  });
});
