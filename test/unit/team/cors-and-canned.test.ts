import { describe, expect, it } from 'vitest';
import { CannedReplyInputSchema } from '../../../shared/domain/canned-reply.schema.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import { honeypotValue, withoutHoneypot } from '../../../shared/domain/honeypot.js';
import { parseOrThrow } from '../../../shared/domain/validation.js';
import { originAllowed, parseOrigins } from '../../../shared/runtime/cors.middleware.js';

describe('CORS origin matching', () => {
  const local = parseOrigins('http://localhost:*, http://127.0.0.1:* ,');
  it('the local default: any port of localhost and 127.0.0.1 over http', () => {
    expect(local).toEqual(['http://localhost:*', 'http://127.0.0.1:*']);
    for (const o of ['http://localhost:5173', 'http://localhost', 'http://127.0.0.1:8080', 'HTTP://LOCALHOST:3000']) expect(originAllowed(o, local)).toBe(true);
    for (const o of ['https://localhost:5173', 'http://localhost.evil.example:80', 'http://evil.example', 'http://127.0.0.2:80', 'null', '', undefined]) {
      expect(originAllowed(o, local)).toBe(false);
    }
  });

  it('exact origins, trailing slashes ignored in the configuration, and *', () => {
    const shop = parseOrigins('https://loja.example/,https://www.loja.example');
    expect(originAllowed('https://loja.example', shop)).toBe(true);
    expect(originAllowed('https://www.loja.example', shop)).toBe(true);
    expect(originAllowed('https://loja.example:8443', shop)).toBe(false);
    expect(originAllowed('https://evil-loja.example', shop)).toBe(false);
    expect(originAllowed('https://anything.example', ['*'])).toBe(true);
    expect(originAllowed(undefined, ['*'])).toBe(false);
  });
});

describe('honeypot', () => {
  it('reads the website field of JSON and forms', () => {
    expect(honeypotValue({ text: 'x', website: ' http://spam.example ' })).toBe('http://spam.example');
    expect(honeypotValue({ text: 'x', website: '' })).toBe('');
    expect(honeypotValue({ text: 'x' })).toBe('');
    expect(honeypotValue(new URLSearchParams('text=x&website=spam'))).toBe('spam');
    expect(honeypotValue(new URLSearchParams('text=x&website='))).toBe('');
    expect(honeypotValue([1, 2])).toBe('');
  });

  it('drops the empty field so the strict feedback schema accepts the body', () => {
    expect(withoutHoneypot({ text: 'x', website: '' })).toEqual({ text: 'x' });
    expect(withoutHoneypot({ text: 'x' })).toEqual({ text: 'x' });
    expect(withoutHoneypot('text')).toBe('text');
  });
});

describe('canned reply validation', () => {
  const fields = (body: unknown) => {
    try {
      parseOrThrow(CannedReplyInputSchema, body, 'canned reply');
      return [];
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).message).toMatch(/^Invalid canned reply: /);
      return (e as ValidationError).details.map((d) => d.field).sort();
    }
  };

  it('accepts pt-BR and en replies, trimming and lower-casing tags', () => {
    expect(parseOrThrow(CannedReplyInputSchema, { title: ' Oi ', locale: 'pt-BR', text: 'Olá!', tags: [' Entrega '] }, 'canned reply')).toEqual({ title: 'Oi', locale: 'pt-BR', text: 'Olá!', tags: ['entrega'] });
    expect(fields({ title: 'Hi', locale: 'en', text: 'Hello' })).toEqual([]);
  });

  it('names every field at fault', () => {
    expect(fields({ title: '', locale: 'es', text: '   ' })).toEqual(['locale', 'text', 'title']);
    expect(fields({ locale: 'en', text: 'x', title: 'x', tags: [''] })).toEqual(['tags.0']);
    expect(fields({ locale: 'en', text: 'x'.repeat(5001), title: 'x' })).toEqual(['text']);
    expect(fields({ locale: 'en', text: 'x', title: 'x', id: 'mine' })).toEqual(['']);
  });
});
