import { beforeEach, describe, expect, it } from 'vitest';
import { JoseSurveyTokens } from '../../../shared/adapters/jose-survey-tokens.adapter.js';
import { acceptFeedback } from '../../../shared/app/accept-feedback.use-case.js';
import { createSurvey, type CreateSurveyDeps } from '../../../shared/app/create-survey.use-case.js';
import { NotFoundError, ValidationError } from '../../../shared/domain/errors.js';
import { silentLog } from '../../../shared/ports/logger.port.js';
import { fixedClock, RecordingQueue } from '../../support/fakes.js';
import { InMemoryFeedbackStore } from '../../support/in-memory-feedback-store.js';
import { InMemorySurveyStore } from '../../support/in-memory-survey-store.js';

const BASE = 'https://feedback.example.com';
let store: InMemoryFeedbackStore;
let surveys: InMemorySurveyStore;
let clock: ReturnType<typeof fixedClock>;
let tokens: JoseSurveyTokens;
let deps: CreateSurveyDeps;

beforeEach(() => {
  store = new InMemoryFeedbackStore();
  surveys = new InMemorySurveyStore();
  clock = fixedClock();
  tokens = new JoseSurveyTokens(async () => 'test-survey-signing-key-of-at-least-32-chars', clock);
  deps = { store, surveys, surveyTokens: tokens, clock };
});

const create = (body: unknown, opts: Partial<Parameters<typeof createSurvey>[2]> = {}) => createSurvey(deps, body, { publicBaseUrl: BASE, ...opts });

const fieldsOf = async (p: Promise<unknown>): Promise<string[]> => {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(ValidationError);
  return (e as ValidationError).details.map((d) => d.field);
};

describe('create survey: validation', () => {
  it.each([
    ['no type', { customer: { email: 'ana@example.com' } }, 'type'],
    ['an unknown type', { type: 'stars', customer: { email: 'ana@example.com' } }, 'type'],
    ['no customer and no feedbackId', { type: 'nps' }, 'customer'],
    ['a customer with only a name', { type: 'nps', customer: { name: 'Ana' } }, 'customer'],
    ['an invalid email', { type: 'csat', customer: { email: 'not-an-email' } }, 'customer.email'],
    ['a customer id (ours to assign)', { type: 'nps', customer: { id: 'x', email: 'ana@example.com' } }, 'customer'],
    ['a malformed feedbackId', { type: 'nps', feedbackId: 'nope' }, 'feedbackId'],
    ['a bad language tag', { type: 'nps', customer: { email: 'ana@example.com' }, language: 'portuguese' }, 'language'],
    ['an unknown field', { type: 'nps', customer: { email: 'ana@example.com' }, extra: 1 }, ''],
  ])('refuses %s, naming the field', async (_, body, field) => {
    const fields = await fieldsOf(create(body));
    expect(fields).toContain(field);
    expect(surveys.surveys.size).toBe(0);
  });

  it('answers 404 for a feedbackId that does not exist', async () => {
    await expect(create({ type: 'nps', feedbackId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' })).rejects.toBeInstanceOf(NotFoundError);
    expect(surveys.surveys.size).toBe(0);
  });
});

describe('create survey', () => {
  it('stores the survey and returns a signed link that verifies back to it', async () => {
    const created = await create({ type: 'nps', customer: { email: 'ana@example.com', name: 'Ana' }, language: 'pt-BR' }, { createdBy: 'agent-1' });
    expect(created.url).toBe(`${BASE}/v1/surveys/${created.token}`);
    expect(surveys.surveys.get(created.id)).toEqual({
      id: created.id,
      type: 'nps',
      customer: { email: 'ana@example.com', name: 'Ana' },
      language: 'pt',
      createdBy: 'agent-1',
      createdAt: '2026-11-28T12:00:00.000Z',
      expiresAt: '2026-12-28T12:00:00.000Z',
      answers: 0,
    });
    expect(await tokens.verify(created.token)).toEqual({ status: 'valid', claims: { surveyId: created.id, type: 'nps' } });
  });

  it('expires the link after the configured days', async () => {
    const created = await create({ type: 'csat', customer: { phone: '+55 11 98765-4321' } }, { ttlDays: 7 });
    expect(created.expiresAt).toBe('2026-12-05T12:00:00.000Z');
    clock.advance(7 * 24 * 3600 * 1000 - 1000);
    expect((await tokens.verify(created.token)).status).toBe('valid');
    clock.advance(2000);
    expect(await tokens.verify(created.token)).toEqual({ status: 'expired', claims: { surveyId: created.id, type: 'csat' } });
  });

  it('inherits the customer and language of the item it is about', async () => {
    const { id: feedbackId } = await acceptFeedback(
      { store, queue: new RecordingQueue(), clock, log: silentLog },
      { channel: 'email', customer: { id: '01JCUSTOMER000000000000000', email: 'bob@example.com', name: 'Bob' }, text: 'Where is my order?', language: 'en', source: { provider: 'ses' } },
    );
    const created = await create({ type: 'csat', feedbackId });
    expect(surveys.surveys.get(created.id)).toMatchObject({
      feedbackId,
      customer: { id: '01JCUSTOMER000000000000000', email: 'bob@example.com', name: 'Bob' },
      language: 'en',
    });
  });

  it('prefers the customer and language the body gives over the item', async () => {
    const { id: feedbackId } = await acceptFeedback(
      { store, queue: new RecordingQueue(), clock, log: silentLog },
      { channel: 'email', customer: { email: 'bob@example.com' }, text: 'Oi', language: 'und', source: { provider: 'ses' } },
    );
    const created = await create({ type: 'nps', feedbackId, customer: { handle: '@carla' }, language: 'pt' });
    expect(surveys.surveys.get(created.id)).toMatchObject({ customer: { handle: '@carla' }, language: 'pt' });
    // `und` (undetermined) is not inherited.
    const other = await create({ type: 'nps', feedbackId });
    expect(surveys.surveys.get(other.id)?.language).toBeUndefined();
  });

  it('stores nothing when the signing key cannot be loaded', async () => {
    const broken = new JoseSurveyTokens(() => Promise.reject(new Error('secrets down')), clock);
    await expect(createSurvey({ ...deps, surveyTokens: broken }, { type: 'nps', customer: { email: 'a@example.com' } }, { publicBaseUrl: BASE })).rejects.toThrow(
      'secrets down',
    );
    expect(surveys.surveys.size).toBe(0);
  });
});
