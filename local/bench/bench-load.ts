import type { FeedbackInput } from '../../shared/domain/feedback-input.schema.js';
import { customerPool, firstName, SEED_AGENTS, type SeedTopic } from '../seed/seed-people.js';
import { seededRandom } from '../seed/seed-random.js';
import { composeText } from '../seed/seed-texts.js';

/** Topics as the seed data set mixes them (complaints, praise, questions, suggestions, other). */
const TOPICS: ReadonlyArray<readonly [SeedTopic, number]> = [
  ['delivery', 12], ['billing', 10], ['app', 9], ['support', 7], ['praise-agent', 9], ['praise-product', 8], ['question', 21], ['suggestion', 11], ['other', 13],
];

/**
 * The bench's load: `count` `POST /v1/feedback` bodies, a deterministic pt-BR/en mix (about 65 %
 * Portuguese) written from the seed generator's templates (threats and contact details now and
 * then, as real messages carry them). Each body carries `metadata {bench: <run>, n}` so the
 * verification can tell a lost item from a doubled one.
 */
export function benchBodies(count: number, opts: { run: string; seed?: number; offset?: number }): FeedbackInput[] {
  const random = seededRandom(opts.seed ?? 11);
  const people = customerPool(random, Math.max(20, Math.round(count * 0.3)));
  return Array.from({ length: count }, (_, i): FeedbackInput => {
    const customer = people[Math.floor(people.length * random.next() ** 1.7)]!;
    const topic = random.weighted(TOPICS);
    const agent = topic === 'praise-agent' ? firstName(random.pick(SEED_AGENTS)) : undefined;
    const channel = random.chance(0.5) ? 'web' : 'email';
    const { subject, text } = composeText(random, { topic, language: customer.language, channel, customer, ...(agent && { agent }) });
    return {
      text,
      ...(random.chance(0.4) && { subject }),
      customer: random.chance(0.8) ? { email: customer.email, name: customer.name } : { name: customer.name },
      ...(random.chance(0.5) && { language: customer.language === 'pt' ? 'pt' : 'en' }),
      metadata: { bench: opts.run, n: (opts.offset ?? 0) + i },
    };
  });
}
