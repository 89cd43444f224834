import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors.js';
import { formToFeedbackInput, parseFeedbackInput } from '../../../shared/domain/feedback-input.schema.js';

const fieldsOf = (body: unknown): string[] => {
  try {
    parseFeedbackInput(body);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).details.map((d) => d.field);
  }
  throw new Error('expected a ValidationError');
};

describe('feedback input', () => {
  it('accepts a full submission and trims the text', () => {
    const input = parseFeedbackInput({
      text: '  A entrega atrasou.  ',
      customer: { email: 'ana@example.com', name: 'Ana' },
      subject: 'Pedido',
      rating: { type: 'nps', score: 3 },
      metadata: { orderId: 'A-1', page: 3, vip: true },
      language: 'pt-BR',
    });
    expect(input.text).toBe('A entrega atrasou.');
    expect(input.language).toBe('pt');
    expect(input.rating).toEqual({ type: 'nps', score: 3 });
  });

  it.each([
    [{ text: '' }, 'text'],
    [{ text: '   \n\t ' }, 'text'],
    [{ text: 'x'.repeat(20_001) }, 'text'],
    [{ text: 42 }, 'text'],
    [{}, 'text'],
    [{ text: 'ok', rating: { type: 'stars', score: 3 } }, 'rating.type'],
    [{ text: 'ok', rating: { type: 'nps', score: 11 } }, 'rating.score'],
    [{ text: 'ok', rating: { type: 'nps', score: -1 } }, 'rating.score'],
    [{ text: 'ok', rating: { type: 'nps', score: 7.5 } }, 'rating.score'],
    [{ text: 'ok', rating: { type: 'csat', score: 0 } }, 'rating.score'],
    [{ text: 'ok', rating: { type: 'csat', score: 6 } }, 'rating.score'],
    [{ text: 'ok', customer: { email: 'not-an-email' } }, 'customer.email'],
    [{ text: 'ok', language: 'portuguese' }, 'language'],
    [{ text: 'ok', extra: 1 }, ''],
  ])('refuses %j naming %s', (body, field) => {
    expect(fieldsOf(body)).toContain(field);
  });

  it('accepts exactly 20,000 characters', () => {
    expect(parseFeedbackInput({ text: 'a'.repeat(20_000) }).text).toHaveLength(20_000);
  });

  it('refuses a body that is not an object', () => {
    expect(() => parseFeedbackInput([1, 2])).toThrow(ValidationError);
    expect(() => parseFeedbackInput('text')).toThrow(ValidationError);
  });
});

describe('form to feedback input', () => {
  it('maps form fields and numeric scores', () => {
    const body = formToFeedbackInput(new URLSearchParams('text=Adorei&email=a%40b.com&name=Ana&nps=9&language=pt-BR&submit=Enviar'));
    expect(body).toEqual({ text: 'Adorei', language: 'pt-BR', customer: { email: 'a@b.com', name: 'Ana' }, rating: { type: 'nps', score: 9 } });
    expect(parseFeedbackInput(body).rating).toEqual({ type: 'nps', score: 9 });
  });

  it('lets validation name a bad form score', () => {
    const body = formToFeedbackInput(new URLSearchParams('text=Ok&csat=9'));
    expect(fieldsOf(body)).toContain('rating.score');
    expect(fieldsOf(formToFeedbackInput(new URLSearchParams('csat=3')))).toContain('text');
  });
});
