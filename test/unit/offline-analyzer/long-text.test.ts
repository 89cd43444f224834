import { describe, expect, it } from 'vitest';
import { OfflineAnalyzer } from '../../../shared/adapters/offline-analyzer/offline-analyzer.adapter.js';
import { segmentText } from '../../../shared/adapters/offline-analyzer/text-segmenter.js';

const analyzer = new OfflineAnalyzer();

describe('long texts and transcripts', () => {
  it('does not let a polite e-mail hide one angry paragraph', () => {
    const text = [
      'Prezados, boa tarde.',
      '',
      'Espero que estejam bem. Sou cliente de vocês há alguns anos e escrevo a respeito do meu pedido de março.',
      '',
      'O pedido chegou com duas semanas de atraso, a caixa veio amassada e o produto estava quebrado. Liguei para o SAC quatro vezes e ninguém resolveu. Estou muito decepcionada.',
      '',
      'Agradeço a atenção.',
      '',
      'Atenciosamente,',
      'Fernanda Costa',
    ].join('\n');
    const r = analyzer.analyzeSync({ text, language: 'pt', channel: 'email' });
    expect(r.sentiment.label).toBe('NEGATIVE');
    expect(r.category).toBe('complaint');
  });
  it('ignores greetings and sign-offs of e-mails', () => {
    const text = 'Hello team,\n\nCould you send me a copy of my last invoice?\n\nThanks so much,\nPriya';
    const r = analyzer.analyzeSync({ text, language: 'en', channel: 'email' });
    expect(r.sentiment.label).toBe('NEUTRAL');
    expect(r.category).toBe('question');
    const segments = segmentText(text).segments;
    expect(segments.filter((s) => s.boilerplate).map((s) => s.text)).toEqual(['Hello team,', 'Thanks so much,', 'Priya']);
  });
  it('reads paragraphs of opposite polarity as MIXED', () => {
    const text =
      'Hi,\n\nThe app is easy to use and the staff at the store were lovely.\n\nHowever, my order arrived two weeks late and the box was damaged.\n\nRegards,\nTom';
    expect(analyzer.analyzeSync({ text, language: 'en' }).sentiment.label).toBe('MIXED');
  });
  it("lets the customer's turns decide a transcript, not the agent's politeness", () => {
    const text = [
      "CUSTOMER: I've been on hold for 45 minutes and this is the third time I'm calling about the same charge.",
      "AGENT: I'm so sorry about the wait, I completely understand. Thank you so much for your patience, we really appreciate you!",
      'CUSTOMER: I was overcharged and nobody has fixed it.',
      'AGENT: Wonderful, thank you, have a great day!',
    ].join('\n');
    const r = analyzer.analyzeSync({ text, language: 'en', channel: 'phone' });
    expect(r.sentiment.label).toBe('NEGATIVE');
    expect(r.category).toBe('complaint');
  });
  it('handles Portuguese turn prefixes and ignores short acknowledgements', () => {
    const question = 'Cliente: Eu queria saber se o seguro cobre vidros.\nAtendente: Cobre sim, com franquia reduzida. Ótimo dia!\nCliente: Entendi, obrigado.';
    const r = analyzer.analyzeSync({ text: question, language: 'pt', channel: 'phone' });
    expect(r.sentiment.label).toBe('NEUTRAL');
    expect(r.category).toBe('question');
    const praise = 'Atendente: Central, bom dia.\nCliente: Só liguei para agradecer, o técnico foi excelente e resolveu tudo rapidinho.';
    expect(analyzer.analyzeSync({ text: praise, language: 'pt' }).sentiment.label).toBe('POSITIVE');
    const segs = segmentText(question).segments;
    expect(segs.map((s) => s.speaker)).toEqual(['customer', 'agent', 'agent', 'customer']);
  });
});

describe('OfflineAnalyzer', () => {
  it('implements the Analyzer port', async () => {
    expect(analyzer.name).toBe('offline');
    const r = await analyzer.analyze({ text: 'Péssimo, meu CPF 529.982.247-25 foi exposto', language: 'pt' });
    expect(r.engine).toBe('offline');
    expect(r.redactedText).toBe('Péssimo, meu CPF [CPF] foi exposto');
    expect(r.pii).toHaveLength(1);
    expect(r.confidence).toBeGreaterThanOrEqual(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
    const batch = await analyzer.analyzeBatch([{ text: 'ótimo' }, { text: 'terrible' }, { text: '' }]);
    expect(batch.map((b) => b.sentiment.label)).toEqual(['POSITIVE', 'NEGATIVE', 'NEUTRAL']);
  });
});
