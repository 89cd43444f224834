import type { SeedCustomer, SeedLanguage, SeedTopic } from './seed-people.js';
import type { SeededRandom } from './seed-random.js';
import { EN_TEXTS } from './seed-texts.en.js';
import { PT_TEXTS } from './seed-texts.pt.js';

export interface TopicTexts {
  readonly subjects: readonly string[];
  readonly openers: readonly string[];
  readonly cores: readonly string[];
  readonly details: readonly string[];
  readonly closings: readonly string[];
}

export interface LanguageTexts {
  readonly topics: Readonly<Record<SeedTopic, TopicTexts>>;
  readonly fill: { readonly products: readonly string[]; readonly cities: readonly string[]; readonly devices: readonly string[] };
  /** Contact details some customers add (the analyzer redacts them). */
  readonly pii: readonly string[];
  /** Legal or cancellation threats (the default rules make those urgent). */
  readonly threats: readonly string[];
  readonly survey: Readonly<Record<'positive' | 'neutral' | 'negative', readonly string[]>>;
}

export const TEXTS: Readonly<Record<SeedLanguage, LanguageTexts>> = { pt: PT_TEXTS, en: EN_TEXTS };

const COMPLAINTS: ReadonlySet<SeedTopic> = new Set(['delivery', 'billing', 'app', 'support']);

export interface ComposeInput {
  readonly topic: SeedTopic;
  readonly language: SeedLanguage;
  readonly channel: string;
  readonly customer: SeedCustomer;
  /** The first name of the agent a praise names. */
  readonly agent?: string;
}

/**
 * One natural message: an opener, a core sentence for the topic, a detail and a closing, with
 * order numbers, amounts, products and places filled in. Social posts are short (core + detail);
 * some complaints carry a threat, a few messages contact details.
 */
export function composeText(random: SeededRandom, input: ComposeInput): { subject: string; text: string } {
  const t = TEXTS[input.language];
  const topic = t.topics[input.topic];
  const fill = (s: string): string =>
    s
      .replaceAll('{order}', `#${random.int(100_000, 999_999)}`)
      .replaceAll('{days}', String(random.int(2, 15)))
      .replaceAll('{amount}', `${random.int(19, 899)}${input.language === 'en' ? '.' : ','}${String(random.int(0, 99)).padStart(2, '0')}`)
      .replaceAll('{product}', random.pick(t.fill.products))
      .replaceAll('{city}', random.pick(t.fill.cities))
      .replaceAll('{device}', random.pick(t.fill.devices))
      .replaceAll('{agent}', input.agent ?? '')
      .replaceAll('{email}', input.customer.email)
      .replaceAll('{phone}', `${random.int(1000, 9999)}-${random.int(1000, 9999)}`)
      .replaceAll('{phone3}', String(random.int(0, 999)).padStart(3, '0'));
  const social = input.channel === 'social';
  const parts = social
    ? [random.pick(topic.cores), random.pick(topic.details)]
    : [random.pick(topic.openers), random.pick(topic.cores), random.pick(topic.details), random.pick(topic.closings)];
  if (COMPLAINTS.has(input.topic) && random.chance(0.07)) parts.splice(parts.length - 1, 0, random.pick(t.threats));
  if (!social && random.chance(0.08)) parts.push(random.pick(t.pii));
  // "Olá, como faço…": after an opener ending in a comma the sentence goes on in lower case.
  if (parts.length > 1 && parts[0]!.endsWith(',') && !/^(I |\{)/.test(parts[1]!)) parts[1] = parts[1]!.charAt(0).toLowerCase() + parts[1]!.slice(1);
  const text = fill(parts.filter((p) => p !== '').join(' '));
  return { subject: fill(random.pick(topic.subjects)), text };
}

/** An optional survey comment for a score band. */
export const surveyComment = (random: SeededRandom, language: SeedLanguage, band: 'positive' | 'neutral' | 'negative'): string =>
  random.pick(TEXTS[language].survey[band]);
