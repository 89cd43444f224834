import { describe, expect, it } from 'vitest';
import { offlineRedact } from '../../../shared/adapters/offline-analyzer/pii-redactor.js';
import {
  isValidCardNumber,
  isValidCnpj,
  isValidCpf,
  luhnValid,
} from '../../../shared/adapters/offline-analyzer/pii-validators.js';

const found = (text: string): Array<[string, string]> =>
  offlineRedact(text).pii.map((p) => [p.type, text.slice(p.beginOffset, p.endOffset)]);

describe('validators', () => {
  it('CPF check digits', () => {
    expect(isValidCpf('52998224725')).toBe(true);
    expect(isValidCpf('52998224724')).toBe(false);
    expect(isValidCpf('11111111111')).toBe(false);
    expect(isValidCpf('1234567890')).toBe(false);
  });
  it('CNPJ check digits', () => {
    expect(isValidCnpj('11222333000181')).toBe(true);
    expect(isValidCnpj('11222333000182')).toBe(false);
    expect(isValidCnpj('00000000000000')).toBe(false);
  });
  it('Luhn and card shapes', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(isValidCardNumber('5555555555554444')).toBe(true);
    expect(isValidCardNumber('378282246310005')).toBe(true);
    // Luhn-valid but no card issuer starts with 9.
    expect(isValidCardNumber('9111111111111118')).toBe(false);
  });
});

describe('offlineRedact', () => {
  it('finds CPF and CNPJ with or without punctuation, only with valid check digits', () => {
    expect(found('CPF 529.982.247-25')).toEqual([['CPF', '529.982.247-25']]);
    expect(found('cpf: 52998224725')).toEqual([['CPF', '52998224725']]);
    expect(found('CPF 529.982.247-24')).toEqual([]);
    expect(found('CNPJ 11.222.333/0001-81')).toEqual([['CNPJ', '11.222.333/0001-81']]);
    expect(found('cnpj 11222333000181, não 11222333000182')).toEqual([['CNPJ', '11222333000181']]);
  });
  it('finds Luhn-valid card numbers only', () => {
    expect(found('cartão 4111 1111 1111 1111')).toEqual([['CREDIT_DEBIT_NUMBER', '4111 1111 1111 1111']]);
    expect(found('card 5555-5555-5555-4444')).toEqual([['CREDIT_DEBIT_NUMBER', '5555-5555-5555-4444']]);
    expect(found('cartão 4111 1111 1111 1112')).toEqual([]);
  });
  it('finds Brazilian phone numbers', () => {
    expect(found('ligue (11) 98765-4321')).toEqual([['PHONE', '(11) 98765-4321']]);
    expect(found('zap +55 11 98765-4321')).toEqual([['PHONE', '+55 11 98765-4321']]);
    expect(found('meu celular 11987654321')).toEqual([['PHONE', '11987654321']]);
    expect(found('fixo (21) 3456-7890')).toEqual([['PHONE', '(21) 3456-7890']]);
    expect(found('meu número é 98765-4321')).toEqual([['PHONE', '98765-4321']]);
  });
  it('finds international numbers', () => {
    expect(found('call +1 415 555 0123')).toEqual([['PHONE', '+1 415 555 0123']]);
    expect(found('call (415) 555-0123')).toEqual([['PHONE', '(415) 555-0123']]);
    expect(found('UK office +44 20 7946 0958')).toEqual([['PHONE', '+44 20 7946 0958']]);
    expect(found('whatsapp +351912345678')).toEqual([['PHONE', '+351912345678']]);
  });
  it('finds e-mail addresses', () => {
    expect(found('escreva para joao.silva+sac@empresa.com.br.')).toEqual([['EMAIL', 'joao.silva+sac@empresa.com.br']]);
  });
  it('leaves order, protocol and ticket numbers alone', () => {
    expect(found('pedido 123456789')).toEqual([]);
    expect(found('protocolo 2026112800123')).toEqual([]);
    expect(found('número do pedido: 52998224725')).toEqual([]);
    expect(found('order #4111111111111111')).toEqual([]);
    expect(found('ticket 11987654321')).toEqual([]);
    expect(found('paguei R$ 1.234,56 em 12/03/2026 às 14:30, 3 parcelas')).toEqual([]);
  });
  it('redacts with placeholders and offsets into the original text', () => {
    const text = 'Sou a Ana, CPF 529.982.247-25, tel (11) 98765-4321, email ana@x.com, cartão 4111111111111111.';
    const { pii, redactedText } = offlineRedact(text, 'pt');
    expect(redactedText).toBe('Sou a Ana, CPF [CPF], tel [PHONE], email [EMAIL], cartão [CREDIT_DEBIT_NUMBER].');
    expect(pii.map((p) => p.type)).toEqual(['CPF', 'PHONE', 'EMAIL', 'CREDIT_DEBIT_NUMBER']);
    for (const p of pii) {
      expect(p.endOffset).toBeGreaterThan(p.beginOffset);
      expect(p.score).toBeGreaterThan(0.5);
    }
    expect(text.slice(pii[0]!.beginOffset, pii[0]!.endOffset)).toBe('529.982.247-25');
    expect(offlineRedact('nada aqui').redactedText).toBe('nada aqui');
  });
});
