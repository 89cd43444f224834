import { describe, expect, it } from 'vitest';
import { classifyCategory } from '../../../shared/adapters/offline-analyzer/category-classifier.js';
import { OfflineAnalyzer } from '../../../shared/adapters/offline-analyzer/offline-analyzer.adapter.js';

const analyzer = new OfflineAnalyzer();
const category = (text: string, language: string): string => analyzer.analyzeSync({ text, language }).category;

describe('category', () => {
  it('finds suggestions', () => {
    expect(category('Seria bom se o app tivesse modo escuro.', 'pt')).toBe('suggestion');
    expect(category('Vocês poderiam abrir aos domingos.', 'pt')).toBe('suggestion');
    expect(category('Sugiro incluir parcelamento no boleto.', 'pt')).toBe('suggestion');
    expect(category('It would be great if you added Apple Pay.', 'en')).toBe('suggestion');
    expect(category('Please add an export to CSV.', 'en')).toBe('suggestion');
    expect(category('You should offer a student discount.', 'en')).toBe('suggestion');
  });
  it('finds questions', () => {
    expect(category('Como faço para trocar o endereço de entrega?', 'pt')).toBe('question');
    expect(category('Vocês entregam aos sábados?', 'pt')).toBe('question');
    expect(category('Gostaria de saber se posso transferir o ingresso', 'pt')).toBe('question');
    expect(category('How do I reset my password?', 'en')).toBe('question');
    expect(category('Is it possible to pause my subscription?', 'en')).toBe('question');
  });
  it('maps praise and complaints from the sentiment', () => {
    expect(category('Atendimento excelente, resolveram tudo!', 'pt')).toBe('praise');
    expect(category('Cobrança indevida e ninguém resolve.', 'pt')).toBe('complaint');
    expect(category('Terrible experience, the package was soaked.', 'en')).toBe('complaint');
    expect(category('Staff were friendly and the room was spotless.', 'en')).toBe('praise');
  });
  it('treats angry and rhetorical questions as complaints', () => {
    expect(category('Why was my account suspended without any notice? I never missed a payment.', 'en')).toBe('complaint');
    expect(category('até quando vou esperar o reembolso? absurdo', 'pt')).toBe('complaint');
  });
  it('leaves plain statements as other', () => {
    expect(category('Please update my address to 42 Oak Street.', 'en')).toBe('other');
    expect(category('Solicitação de atualização cadastral recebida.', 'pt')).toBe('other');
  });
  it('is reusable with another engine\'s sentiment', () => {
    expect(classifyCategory({ text: 'ótimo, mas atrasou', language: 'pt', sentiment: 'MIXED' }).category).toBe('complaint');
    expect(
      classifyCategory({ text: 'atrasou, mas o produto é maravilhoso', language: 'pt', sentiment: 'MIXED', endsPositive: true }).category,
    ).toBe('praise');
    expect(classifyCategory({ text: 'Qual o prazo do estorno?', language: 'pt', sentiment: 'NEUTRAL' })).toEqual({
      category: 'question',
      confidence: expect.any(Number),
    });
    expect(classifyCategory({ text: 'das ist super', language: 'de', sentiment: 'POSITIVE' }).category).toBe('praise');
  });
});
