import { SignJWT } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { JoseSurveyTokens } from '../../../shared/adapters/jose-survey-tokens.adapter.js';
import { offlineRedactor } from '../../../shared/adapters/offline-redactor.adapter.js';
import { acceptFeedback } from '../../../shared/app/accept-feedback.use-case.js';
import { answerSurvey, openSurvey, type AnswerSurveyDeps } from '../../../shared/app/answer-survey.use-case.js';
import { createSurvey } from '../../../shared/app/create-survey.use-case.js';
import { processFeedback, type ProcessDeps } from '../../../shared/app/process-feedback.use-case.js';
import { sweepReceived } from '../../../shared/app/sweep-received.use-case.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import { SurveyExpiredError, SurveyNotFoundError } from '../../../shared/domain/survey.errors.js';
import { silentLog } from '../../../shared/ports/logger.port.js';
import { fixedClock, MemoryObjects, RecordingBus, RecordingQueue, ScriptedAnalyzer } from '../../support/fakes.js';
import { InMemoryCustomerStore } from '../../support/in-memory-customer-store.js';
import { InMemoryFeedbackStore } from '../../support/in-memory-feedback-store.js';
import { InMemorySurveyStore } from '../../support/in-memory-survey-store.js';

const KEY = 'test-survey-signing-key-of-at-least-32-chars';
let store: InMemoryFeedbackStore;
let surveys: InMemorySurveyStore;
let queue: RecordingQueue;
let bus: RecordingBus;
let clock: ReturnType<typeof fixedClock>;
let deps: AnswerSurveyDeps;
let processDeps: ProcessDeps;

beforeEach(() => {
  store = new InMemoryFeedbackStore();
  surveys = new InMemorySurveyStore();
  queue = new RecordingQueue();
  bus = new RecordingBus();
  clock = fixedClock();
  deps = { store, queue, clock, log: silentLog, surveys, surveyTokens: new JoseSurveyTokens(async () => KEY, clock) };
  const customers = new InMemoryCustomerStore(() => store.items.values());
  processDeps = { store, analyzer: new ScriptedAnalyzer(), bus, objects: new MemoryObjects(), customers, redactor: offlineRedactor, clock, log: silentLog };
});

const newSurvey = async (body: Record<string, unknown> = {}) =>
  createSurvey(deps, { type: 'nps', customer: { email: 'ana@example.com' }, language: 'pt', ...body }, { publicBaseUrl: 'http://localhost:3000' });

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);
const fieldsOf = async (p: Promise<unknown>) => {
  const e = await failure(p);
  expect(e).toBeInstanceOf(ValidationError);
  expect((e as ValidationError).status).toBe(400);
  return (e as ValidationError).details.map((d) => d.field);
};

describe('answer survey: scores', () => {
  it.each([0, 5, 10, '7', ' 9 '])('accepts NPS %j', async (score) => {
    const { token } = await newSurvey();
    const answered = await answerSurvey(deps, { token, score });
    expect(answered.rating).toEqual({ type: 'nps', score: Number(score) });
  });

  it.each([-1, 11, 7.5, '7.5', '1e1', 'abc', '', null, true])('refuses NPS %j naming score', async (score) => {
    const { token } = await newSurvey();
    expect(await fieldsOf(answerSurvey(deps, { token, score }))).toEqual(['score']);
    expect(store.items.size).toBe(0);
  });

  it('refuses an answer without a score when the survey has none yet', async () => {
    const { token } = await newSurvey();
    expect(await fieldsOf(answerSurvey(deps, { token }))).toEqual(['score']);
  });

  it.each([1, 3, 5])('accepts CSAT %j', async (score) => {
    const { token } = await newSurvey({ type: 'csat' });
    expect((await answerSurvey(deps, { token, score })).rating).toEqual({ type: 'csat', score });
  });

  it.each([0, 6, 10])('refuses CSAT %j naming score', async (score) => {
    const { token } = await newSurvey({ type: 'csat' });
    expect(await fieldsOf(answerSurvey(deps, { token, score }))).toEqual(['score']);
  });
});

describe('answer survey: comments', () => {
  it('accepts 5,000 characters and refuses 5,001, naming comment', async () => {
    const { token } = await newSurvey();
    expect(await fieldsOf(answerSurvey(deps, { token, score: 8, comment: 'a'.repeat(5001) }))).toEqual(['comment']);
    expect(await fieldsOf(answerSurvey(deps, { token, score: 8, comment: 42 }))).toEqual(['comment']);
    expect(await fieldsOf(answerSurvey(deps, { token, score: 99, comment: 'b'.repeat(6000) }))).toEqual(['score', 'comment']);
    expect(store.items.size).toBe(0);
    const ok = await answerSurvey(deps, { token, score: 8, comment: 'c'.repeat(5000) });
    expect(store.items.get(ok.feedbackId)?.text).toHaveLength(5000);
  });

  it('keeps the comment on the item only, never on the survey record', async () => {
    const { id, token } = await newSurvey();
    const answered = await answerSurvey(deps, { token, score: 2, comment: 'Atendimento ruim, me liguem no 11 98765-4321' });
    const record = surveys.surveys.get(id)!;
    expect(JSON.stringify(record)).not.toContain('ruim');
    expect(record).toMatchObject({ score: 2, answers: 1, feedbackItemId: answered.feedbackId, answeredAt: '2026-11-28T12:00:00.000Z' });
    expect(store.items.get(answered.feedbackId)?.text).toBe('Atendimento ruim, me liguem no 11 98765-4321');
  });
});

describe('answer survey: one item per survey', () => {
  it('creates one survey-channel item through acceptFeedback, analyzed from its score', async () => {
    const { id: feedbackAbout } = await acceptFeedback(deps, { channel: 'email', customer: { email: 'ana@example.com' }, text: 'Pedido atrasado', source: { provider: 'ses' } });
    queue.sent.length = 0;
    const { id, token } = await newSurvey({ feedbackId: feedbackAbout, customer: undefined });
    const answered = await answerSurvey(deps, { token, score: '3' });
    expect(store.items.get(answered.feedbackId)).toMatchObject({
      channel: 'survey',
      text: '',
      rating: { type: 'nps', score: 3 },
      language: 'pt',
      customer: { email: 'ana@example.com' },
      surveyId: id,
      source: { provider: 'survey', externalId: id },
      metadata: { feedbackId: feedbackAbout },
      stage: 'received',
    });
    expect(store.claims.get(`survey:${id}`)?.feedbackId).toBe(answered.feedbackId);
    expect(queue.sent.map((m) => m.id)).toEqual([answered.feedbackId]);
    expect(await processFeedback(processDeps, answered.feedbackId)).toBe('analyzed');
    expect(store.items.get(answered.feedbackId)).toMatchObject({ sentiment: { label: 'NEGATIVE' }, analysis: { engine: 'rating' } });
  });

  it('makes one item of two concurrent clicks', async () => {
    const { id, token } = await newSurvey();
    const [a, b] = await Promise.all([answerSurvey(deps, { token, score: 9 }), answerSurvey(deps, { token, score: 9 })]);
    expect(a.feedbackId).toBe(b.feedbackId);
    expect([...store.items.values()].filter((f) => f.surveyId === id)).toHaveLength(1);
    expect(surveys.surveys.get(id)?.answers).toBe(2);
  });

  it('updates the same item on a later answer, and has it analyzed again', async () => {
    const { id, token } = await newSurvey();
    const first = await answerSurvey(deps, { token, score: 3 });
    await processFeedback(processDeps, first.feedbackId);
    expect(store.items.get(first.feedbackId)).toMatchObject({ stage: 'analyzed', version: 2, sentiment: { label: 'NEGATIVE' } });

    clock.advance(60_000);
    const second = await answerSurvey(deps, { token, score: 10, comment: 'Resolveram tudo, adorei' });
    expect(second.feedbackId).toBe(first.feedbackId);
    expect(store.items.size).toBe(1);
    const reopened = store.items.get(first.feedbackId)!;
    expect(reopened).toMatchObject({ stage: 'received', version: 3, text: 'Resolveram tudo, adorei', rating: { type: 'nps', score: 10 }, sweeps: 0 });
    expect(reopened.sentiment).toBeUndefined();
    expect(reopened.eventPublishedAt).toBeUndefined();
    // The reopened item's message has no record: the processor reads what is stored.
    expect(queue.sent.map((m) => m.id)).toEqual([first.feedbackId, first.feedbackId]);
    expect(queue.sent[1]!.item).toBeUndefined();
    expect(surveys.surveys.get(id)).toMatchObject({ score: 10, answers: 2, answeredAt: '2026-11-28T12:01:00.000Z', feedbackItemId: first.feedbackId });

    expect(await processFeedback(processDeps, first.feedbackId)).toBe('analyzed');
    expect(store.items.get(first.feedbackId)).toMatchObject({ stage: 'analyzed', version: 4, sentiment: { label: 'POSITIVE' }, rating: { score: 10 } });
    expect(bus.events.map((e) => e.id)).toEqual([`feedback.analyzed:${first.feedbackId}:v2`, `feedback.analyzed:${first.feedbackId}:v4`]);
  });

  it('keeps an earlier comment when a later answer changes only the score', async () => {
    const { token } = await newSurvey();
    const first = await answerSurvey(deps, { token, score: 4, comment: 'Demorou muito' });
    await answerSurvey(deps, { token, score: 6 });
    expect(store.items.get(first.feedbackId)).toMatchObject({ text: 'Demorou muito', rating: { score: 6 } });
    // A comment without a score keeps the score.
    await answerSurvey(deps, { token, comment: 'Na verdade foi ok' });
    expect(store.items.get(first.feedbackId)).toMatchObject({ text: 'Na verdade foi ok', rating: { score: 6 } });
  });

  it('does not reopen the item when the answer changes nothing', async () => {
    const { token } = await newSurvey();
    const first = await answerSurvey(deps, { token, score: 8 });
    await answerSurvey(deps, { token, score: '8' });
    expect(store.items.get(first.feedbackId)?.version).toBe(1);
    expect(queue.sent).toHaveLength(1);
  });

  it('leaves a reopened item to the sweeper when the queue is down', async () => {
    const { token } = await newSurvey();
    const first = await answerSurvey(deps, { token, score: 8 });
    await processFeedback(processDeps, first.feedbackId);
    queue.failures = 1;
    clock.advance(60 * 60_000);
    await answerSurvey(deps, { token, score: 2 });
    expect(queue.sent).toHaveLength(1);
    // Waiting is measured from the reopening, not from the item's first arrival.
    expect(await sweepReceived(deps, { olderThanMs: 20 * 60_000, maxSweeps: 3, countsAsRetry: true })).toEqual({ requeued: 0, failed: 0 });
    clock.advance(21 * 60_000);
    expect(await sweepReceived(deps, { olderThanMs: 20 * 60_000, maxSweeps: 3, countsAsRetry: true })).toEqual({ requeued: 1, failed: 0 });
  });
});

describe('answer survey: links', () => {
  it('answers 410 once the link expired, in the survey language', async () => {
    const { token } = await newSurvey();
    clock.advance(30 * 24 * 3600 * 1000 + 1000);
    const e = await failure(answerSurvey(deps, { token, score: 5 }));
    expect(e).toBeInstanceOf(SurveyExpiredError);
    expect(e).toMatchObject({ status: 410, locale: 'pt-BR', message: 'Este link de pesquisa expirou' });
    expect(store.items.size).toBe(0);
  });

  it('answers 410 in both languages when the survey has none', async () => {
    const { token } = await newSurvey({ language: undefined });
    clock.advance(31 * 24 * 3600 * 1000);
    const e = await failure(openSurvey(deps, token));
    expect(e).toMatchObject({ status: 410, message: 'Este link de pesquisa expirou / This survey link has expired' });
  });

  it('honours the survey record expiry too', async () => {
    const { id, token } = await newSurvey();
    surveys.surveys.get(id)!.expiresAt = '2026-11-28T11:00:00.000Z';
    expect(await failure(answerSurvey(deps, { token, score: 5 }))).toBeInstanceOf(SurveyExpiredError);
  });

  it('answers 404 for tampered links, other keys, unknown surveys and a type that does not match', async () => {
    const { token } = await newSurvey();
    const other = await newSurvey({ type: 'csat' });
    const [header, , signature] = token.split('.');
    const otherPayload = other.token.split('.')[1];
    const sign = (claims: Record<string, unknown>, sub: string, key = KEY) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuer('ouvidor').setAudience('ouvidor-survey').setIssuedAt().setExpirationTime('1d').sign(new TextEncoder().encode(key));
    const bad = [
      '',
      'not-a-token',
      `${token}x`,
      `${header}.${otherPayload}.${signature}`,
      await sign({ svt: 'nps' }, other.id, 'another-key-another-key-another-key!'),
      await sign({ svt: 'nps' }, '01JZZZZZZZZZZZZZZZZZZZZZZZ'),
      // A link bound to NPS for a CSAT survey.
      await sign({ svt: 'nps' }, other.id),
      await sign({}, other.id),
    ];
    for (const t of bad) {
      const e = await failure(answerSurvey(deps, { token: t, score: 5 }));
      expect(e, t).toBeInstanceOf(SurveyNotFoundError);
      expect((e as SurveyNotFoundError).status).toBe(404);
    }
    expect(store.items.size).toBe(0);
  });
});
