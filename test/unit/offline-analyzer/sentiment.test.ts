import { describe, expect, it } from 'vitest';
import { OfflineAnalyzer } from '../../../shared/adapters/offline-analyzer/offline-analyzer.adapter.js';
import type { AnalyzeInput } from '../../../shared/domain/analysis.schema.js';

const analyzer = new OfflineAnalyzer();
const label = (text: string, language?: string): string =>
  analyzer.analyzeSync({ text, ...(language ? { language } : {}) }).sentiment.label;
const run = (input: AnalyzeInput) => analyzer.analyzeSync(input);

describe('negation', () => {
  it('flips negated negative words to positive', () => {
    expect(label('não foi ruim', 'pt')).toBe('POSITIVE');
    expect(label('not bad at all', 'en')).toBe('POSITIVE');
    expect(label('nao tenho nada a reclamar, tudo funcionou', 'pt')).toBe('POSITIVE');
    expect(label('Funcionou perfeitamente, sem nenhum problema.', 'pt')).toBe('POSITIVE');
  });
  it('makes negated expectations negative', () => {
    expect(label("it didn't work", 'en')).toBe('NEGATIVE');
    expect(label('o produto nunca chegou', 'pt')).toBe('NEGATIVE');
    expect(label('a internet não funciona', 'pt')).toBe('NEGATIVE');
    expect(label('never arrived', 'en')).toBe('NEGATIVE');
  });
  it('reads "nunca mais compro" and "não recomendo" as negative', () => {
    expect(label('nunca mais compro nessa loja', 'pt')).toBe('NEGATIVE');
    expect(label('não recomendo', 'pt')).toBe('NEGATIVE');
    expect(label("I'm not happy with this", 'en')).toBe('NEGATIVE');
  });
  it('does not carry negation past the first content words', () => {
    expect(label('sem dúvida o melhor petshop da cidade', 'pt')).toBe('POSITIVE');
  });
});

describe('intensifiers and diminishers', () => {
  it('scale the positive score', () => {
    const plain = run({ text: 'o atendimento foi bom', language: 'pt' }).sentiment.scores.Positive;
    const strong = run({ text: 'o atendimento foi muito bom', language: 'pt' }).sentiment.scores.Positive;
    const weak = run({ text: 'the service was a bit good', language: 'en' }).sentiment.scores.Positive;
    const strongEn = run({ text: 'the service was really good', language: 'en' }).sentiment.scores.Positive;
    expect(strong).toBeGreaterThan(plain);
    expect(strongEn).toBeGreaterThan(weak);
  });
  it('handles post-posed "demais" and stretched letters', () => {
    expect(label('caro demais', 'pt')).toBe('NEGATIVE');
    expect(label('bom demais', 'pt')).toBe('POSITIVE');
    expect(label('demoroooou pra chegar', 'pt')).toBe('NEGATIVE');
    expect(label('sooo good', 'en')).toBe('POSITIVE');
  });
});

describe('contrast', () => {
  it('marks praise followed by a problem as MIXED', () => {
    expect(label('ótimo, mas a entrega atrasou', 'pt')).toBe('MIXED');
    expect(label('Great product, but the delivery was late.', 'en')).toBe('MIXED');
    expect(label('O médico foi atencioso, porém a espera foi de duas horas.', 'pt')).toBe('MIXED');
    expect(label('The room was lovely. However, the wifi never worked.', 'en')).toBe('MIXED');
  });
  it('treats a neutral-looking "but" clause after praise as a complaint', () => {
    expect(label('lovely colour but it transfers onto everything', 'en')).toBe('MIXED');
  });
  it('does not turn a polite request after praise into MIXED', () => {
    expect(label('Love the product, but please consider adding a larger size.', 'en')).toBe('POSITIVE');
  });
});

describe('emojis, exclamation and sarcasm', () => {
  it('reads emojis', () => {
    expect(label('😍😍', 'pt')).toBe('POSITIVE');
    expect(label('chegou hoje 😡', 'pt')).toBe('NEGATIVE');
    expect(label('arrived today 👍', 'en')).toBe('POSITIVE');
  });
  it('boosts with exclamation marks', () => {
    const calm = run({ text: 'good service', language: 'en' }).sentiment.scores.Positive;
    const loud = run({ text: 'good service!!!', language: 'en' }).sentiment.scores.Positive;
    expect(loud).toBeGreaterThan(calm);
  });
  it('catches sarcasm cues', () => {
    expect(label('Great, another outage right before payday. Love it. 🙃', 'en')).toBe('NEGATIVE');
    expect(label('Que maravilha, pela terceira vez o pedido foi cancelado sem aviso.', 'pt')).toBe('NEGATIVE');
    expect(label('wow 3 hours on hold just to be disconnected. amazing service as always 👏', 'en')).toBe('NEGATIVE');
  });
});

describe('informal Portuguese', () => {
  it('expands abbreviations and missing accents', () => {
    expect(label('vcs sao demais, mto top', 'pt')).toBe('POSITIVE');
    expect(label('n gostei, pessimo', 'pt')).toBe('NEGATIVE');
    expect(label('pq o app n abre?? to sem conseguir pagar nada', 'pt')).toBe('NEGATIVE');
    expect(label('mds q entrega rapida!!! 😍', 'pt')).toBe('POSITIVE');
  });
});

describe('domain vocabulary', () => {
  it('knows customer-service complaints', () => {
    expect(label('cobrança indevida no cartão', 'pt')).toBe('NEGATIVE');
    expect(label('fiquei 40 minutos na fila de espera do SAC', 'pt')).toBe('NEGATIVE');
    expect(label('ainda aguardando o estorno do Pix', 'pt')).toBe('NEGATIVE');
    expect(label('I was overcharged and still waiting for my refund', 'en')).toBe('NEGATIVE');
    expect(label('on hold for an hour, then they hung up', 'en')).toBe('NEGATIVE');
  });
  it('keeps plain requests neutral', () => {
    expect(label('Please cancel the auto-renewal on my policy.', 'en')).toBe('NEUTRAL');
    expect(label('Como faço para pagar o boleto?', 'pt')).toBe('NEUTRAL');
  });
});

describe('scores', () => {
  it('are four floats keyed like Comprehend, summing to ~1, highest for the label', () => {
    for (const text of ['ótimo', 'péssimo', 'qual o horário?', 'bom, mas caro demais']) {
      const { label: l, scores } = run({ text, language: 'pt' }).sentiment;
      const sum = scores.Positive + scores.Negative + scores.Neutral + scores.Mixed;
      expect(sum).toBeGreaterThan(0.99);
      expect(sum).toBeLessThan(1.01);
      const key = (l.charAt(0) + l.slice(1).toLowerCase()) as keyof typeof scores;
      expect(Math.max(scores.Positive, scores.Negative, scores.Neutral, scores.Mixed)).toBe(scores[key]);
    }
  });
});
