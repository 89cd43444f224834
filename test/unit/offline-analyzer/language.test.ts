import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../shared/adapters/offline-analyzer/language-detector.js';
import { OfflineAnalyzer } from '../../../shared/adapters/offline-analyzer/offline-analyzer.adapter.js';

describe('language detection', () => {
  it('tells Portuguese from English on short texts', () => {
    for (const t of ['cadê meu pedido', 'n gostei', 'vcs sao demais', 'péssimo atendimento', 'mto bom', 'pq demorou?']) {
      expect(detectLanguage(t).code, t).toBe('pt');
    }
    for (const t of ['where is my order', "didn't work", 'awful service', 'love it', 'my refund?']) {
      expect(detectLanguage(t).code, t).toBe('en');
    }
  });
  it('returns ISO 639-1 codes with a confidence in 0..1', () => {
    const d = detectLanguage('O produto chegou quebrado e ninguém responde.');
    expect(d.code).toBe('pt');
    expect(d.confidence).toBeGreaterThan(0.7);
    expect(d.confidence).toBeLessThanOrEqual(1);
    expect(detectLanguage('Bonjour, ma commande est en retard depuis une semaine').code).toBe('fr');
    expect(detectLanguage('El producto llegó roto y nadie responde a mis correos').code).toBe('es');
  });
  it('keeps the hint unless the text clearly says otherwise', () => {
    expect(detectLanguage('ok', 'pt').code).toBe('pt');
    expect(detectLanguage('top', 'en').code).toBe('en');
    expect(detectLanguage('Pix', 'pt').code).toBe('pt');
    expect(detectLanguage('o aplicativo não abre desde ontem e ninguém do suporte responde', 'en').code).toBe('pt');
    expect(detectLanguage('the app has not opened since yesterday and nobody answers', 'pt').code).toBe('en');
  });
  it('says und for text with no evidence and no hint', () => {
    expect(detectLanguage('12345').code).toBe('und');
  });
  it('lowers the analyzer confidence for languages without a lexicon', () => {
    const r = new OfflineAnalyzer().analyzeSync({ text: 'Das Produkt ist kaputt angekommen und niemand antwortet' });
    expect(r.language.code).toBe('de');
    expect(r.confidence).toBeLessThan(0.5);
  });
});
