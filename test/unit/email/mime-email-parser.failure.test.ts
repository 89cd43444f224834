import { describe, expect, it, vi } from 'vitest';

const boom = new Error('stream exploded');
vi.mock('mailparser', () => ({ simpleParser: vi.fn(() => Promise.reject(boom)) }));

const { parseEmail } = await import('../../../shared/adapters/mime-email-parser.adapter.js');
const { InvalidEmailError } = await import('../../../shared/domain/email.errors.js');

describe('parseEmail when mailparser fails', () => {
  it('throws InvalidEmailError (400) with the parser error as cause', async () => {
    const error = await parseEmail('From: a@b.example\r\n\r\nbody\r\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidEmailError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_email', reason: 'unparseable', cause: boom });
  });
});
