import { encodeTime, monotonicFactory } from 'ulid';
import type { Channel } from '../../shared/domain/analysis.schema.js';
import { FeedbackSchema, type Feedback, type Rating } from '../../shared/domain/feedback.schema.js';
import { analysisFromRating, ratingBand } from '../../shared/domain/rating-sentiment.js';
import type { ServiceStandards } from '../../shared/domain/sla/service-standards.schema.js';
import { SurveySchema, type Survey } from '../../shared/domain/survey.schema.js';
import type { RulesDocument } from '../../shared/domain/workflows/rules.schema.js';
import type { Analyzer } from '../../shared/ports/analyzer.port.js';
import type { Redactor } from '../../shared/ports/redactor.port.js';
import { applyAnalysis, originalKey } from '../../shared/app/process-feedback.use-case.js';
import { arrivalTimes } from './seed-arrivals.js';
import { simulateLifecycle } from './seed-lifecycle.js';
import { customerFor, customerPool, firstName, SEED_AGENTS, type SeedCustomer, type SeedLanguage, type SeedTopic } from './seed-people.js';
import { mulberry32, seededRandom, type SeededRandom } from './seed-random.js';
import { composeText, surveyComment } from './seed-texts.js';
import { planSurvey, surveyAnswer, type PendingAnswer } from './seed-surveys.js';

/**
 * The seed data set, pure but for the analyzer: `items` feedback records over `days` days before
 * `anchor`, each analyzed by the real analyzer and redacted as the processor does, then taken
 * through its lifecycle (seed-lifecycle.ts); surveys after resolutions, about 40 % answered as
 * survey-channel items; kudos and collections. The same options give the same records.
 */

export interface SeedOptions {
  readonly seed: number;
  readonly items: number;
  readonly days: number;
  readonly anchor: Date;
  readonly now: Date;
  readonly standards: ServiceStandards;
  readonly rules: RulesDocument;
}

export interface SeedItem {
  readonly feedback: Feedback;
  /** What the generator meant the customer to write about (the analyzer decides the category). */
  readonly topic: SeedTopic;
  /** What the object store keeps under `feedback.originalRef` (as the processor writes it). */
  readonly original: string;
}

export interface SeedData {
  readonly items: SeedItem[];
  readonly surveys: Survey[];
  readonly kudos: Array<{ agentId: string; feedbackId: string; at: string }>;
  readonly collections: Array<{ name: string; feedbackId: string; at: string }>;
}

const CHANNELS: ReadonlyArray<readonly [Channel, number]> = [['email', 32], ['web', 26], ['social', 18], ['phone', 12], ['api', 5]];
const TOPICS: ReadonlyArray<readonly [SeedTopic, number]> = [
  ['delivery', 12], ['billing', 10], ['app', 9], ['support', 7], ['praise-agent', 9], ['praise-product', 8], ['question', 21], ['suggestion', 11], ['other', 13],
];
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID at `ms` with its random part from the run's PRNG (surveys: not created in time order). */
export const ulidAt = (ms: number, prng: () => number): string =>
  encodeTime(ms, 10) + Array.from({ length: 16 }, () => CROCKFORD[Math.floor(prng() * 32)]).join('');

export async function generateSeed(deps: { analyzer: Analyzer; redactor: Redactor }, opts: SeedOptions): Promise<SeedData> {
  const random = seededRandom(opts.seed);
  const idPrng = mulberry32(opts.seed ^ 0x5eed5eed);
  const itemId = monotonicFactory(idPrng);
  const customers = customerPool(random, Math.max(20, Math.round(opts.items * 0.3)));
  const byLanguage = { pt: customers.filter((c) => c.language === 'pt'), en: customers.filter((c) => c.language === 'en') };
  const slots = arrivalTimes(random, { count: opts.items, days: opts.days, anchor: opts.anchor, timezone: opts.standards.timezone, holidays: opts.standards.holidays });
  const data: SeedData = { items: [], surveys: [], kudos: [], collections: [] };
  const pending: PendingAnswer[] = [];

  for (const [n, at] of slots.entries()) {
    const id = itemId(at.getTime());
    // A survey answer due by now takes this slot (expired surveys stay unanswered); otherwise a customer writes in.
    for (let i = pending.length - 1; i >= 0; i--) if (Date.parse(pending[i]!.survey.expiresAt) <= at.getTime()) pending.splice(i, 1);
    const next = pending.reduce<PendingAnswer | undefined>((best, p) => (best === undefined || p.answerAt < best.answerAt ? p : best), undefined);
    const answer = next && next.answerAt <= at.getTime() ? next : undefined;
    if (answer) pending.splice(pending.indexOf(answer), 1);
    const draft = answer ? surveyDraft(random, id, at, answer, opts.seed) : customerDraft(random, id, at, n, byLanguage, opts.seed);
    const analysis =
      draft.feedback.text.trim() === '' && draft.feedback.rating
        ? { ...analysisFromRating(draft.feedback.rating, draft.feedback.language), engine: 'rating' as const }
        : await deps.analyzer.analyze({ text: draft.feedback.text, language: draft.feedback.language, channel: draft.feedback.channel });
    const analyzedAt = new Date(at.getTime() + random.int(2, 40) * 1000);
    const analyzed = applyAnalysis(draft.feedback, analysis, analyzedAt.toISOString(), originalKey(draft.feedback), deps.redactor);
    const published = { ...analyzed, eventPublishedAt: new Date(analyzedAt.getTime() + random.int(50, 900)).toISOString() };
    const life = simulateLifecycle(random, { analyzed: published, topic: draft.topic, standards: opts.standards, rules: opts.rules, anchor: opts.anchor, now: opts.now });
    const feedback = FeedbackSchema.parse(life.feedback);
    const f = draft.feedback;
    data.items.push({ feedback, topic: draft.topic, original: JSON.stringify({ id, receivedAt: f.receivedAt, subject: f.subject, text: f.text, turns: f.call?.turns }) });
    if (life.kudos) data.kudos.push({ agentId: life.kudos.agentId, feedbackId: id, at: life.kudos.at });
    for (const c of life.collections) data.collections.push({ name: c.name, feedbackId: id, at: c.at });
    if (answer) {
      const survey = SurveySchema.parse({ ...answer.survey, answeredAt: f.receivedAt, score: f.rating!.score, feedbackItemId: id, answers: 1 });
      data.surveys[answer.index] = survey;
    } else {
      const planned = planSurvey(random, feedback, life.experience, opts.anchor, (ms) => ulidAt(ms, idPrng));
      if (planned) {
        data.surveys.push(SurveySchema.parse(planned.survey));
        if (planned.answerAt !== undefined) pending.push({ survey: planned.survey, index: data.surveys.length - 1, answerAt: planned.answerAt, experience: life.experience });
      }
    }
  }
  return data;
}

interface Draft {
  readonly feedback: Feedback;
  readonly topic: SeedTopic;
}

function baseRecord(id: string, at: Date): Pick<Feedback, 'id' | 'receivedAt' | 'keyPhrases' | 'status' | 'priority' | 'labels' | 'stage' | 'sweeps' | 'version' | 'createdAt' | 'updatedAt'> {
  const receivedAt = at.toISOString();
  return { id, receivedAt, keyPhrases: [], status: 'new', priority: 'normal', labels: [], stage: 'received', sweeps: 0, version: 1, createdAt: receivedAt, updatedAt: receivedAt };
}

function customerDraft(random: SeededRandom, id: string, at: Date, n: number, pool: Record<SeedLanguage, SeedCustomer[]>, seed: number): Draft {
  const channel = random.weighted(CHANNELS);
  const language: SeedLanguage = random.chance(0.65) ? 'pt' : 'en';
  const people = pool[language].length > 0 ? pool[language] : [...pool.pt, ...pool.en];
  // Some customers write often: a skewed pick over the pool.
  const customer = people[Math.floor(people.length * random.next() ** 1.7)]!;
  const topic = random.weighted(TOPICS);
  const agent = topic === 'praise-agent' && random.chance(0.75) ? firstName(random.pick(SEED_AGENTS)) : undefined;
  const { subject, text } = composeText(random, { topic: agent || topic !== 'praise-agent' ? topic : 'praise-product', language, channel, customer, ...(agent && { agent }) });
  const ref = `seed-${seed}-${n}`;
  const source =
    channel === 'email' ? { provider: 'ses', externalId: `<${ref}@mail.example.com>` }
    : channel === 'social' ? { provider: random.chance(0.5) ? 'x' : 'meta', externalId: ref, permalink: `https://social.example.com/posts/${ref}` }
    : channel === 'phone' ? { provider: 'transcribe', externalId: ref }
    : channel === 'api' ? { provider: 'api', externalId: `crm-${ref}` }
    : { provider: 'web' };
  const greeting = language === 'pt' ? 'Central de atendimento, bom dia. Em que posso ajudar?' : 'Customer care, good morning. How can I help?';
  const feedback: Feedback = {
    ...baseRecord(id, at),
    channel,
    customer: customerFor(channel, customer, random),
    // A phone transcript carries its language code; some web forms send the page's language.
    ...((channel === 'phone' || (channel === 'web' && random.chance(0.6))) && { language: language === 'pt' ? 'pt-BR' : 'en' }),
    ...(channel === 'email' && { subject }),
    text,
    source,
    metadata: { seed },
    ...(channel === 'phone' && {
      call: {
        format: 'transcribe', externalId: ref, languageCode: language === 'pt' ? 'pt-BR' : 'en-US', durationMs: random.int(60, 900) * 1000,
        turns: [{ role: 'AGENT' as const, text: greeting }, { role: 'CUSTOMER' as const, text }],
      },
    }),
  };
  return { feedback, topic };
}

function surveyDraft(random: SeededRandom, id: string, at: Date, answer: PendingAnswer, seed: number): Draft {
  const s = answer.survey;
  const rating: Rating = surveyAnswer(random, s.type, answer.experience);
  const language: SeedLanguage = s.language === 'en' ? 'en' : 'pt';
  const text = random.chance(0.55) ? surveyComment(random, language, ratingBand(rating)) : '';
  const feedback: Feedback = {
    ...baseRecord(id, at),
    channel: 'survey',
    customer: s.customer,
    text,
    ...(s.language && { language: s.language }),
    rating,
    surveyId: s.id,
    source: { provider: 'survey', externalId: s.id },
    metadata: { seed, ...(s.feedbackId && { feedbackId: s.feedbackId }) },
  };
  return { feedback, topic: 'other' };
}
