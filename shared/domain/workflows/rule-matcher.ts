import type { Feedback } from '../feedback.schema.js';
import { ratingBand } from '../rating-sentiment.js';
import type { Action, Agent, Condition, RatingBand, Rule, RulesDocument, ScoreRange, Trigger } from './rules.schema.js';

/** Lower-case, accents stripped, typographic apostrophes made plain, whitespace collapsed and trimmed: what keywords and names are matched against. */
export function normalizeForMatch(text: string): string {
  return stripAccents(text).toLowerCase().replace(/[‘’ʼ`´]/g, "'").replace(/\s+/g, ' ').trim();
}

const stripAccents = (text: string): string => text.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A regex matching any of the terms as whole words or phrases in normalized text: not preceded or
 * followed by a letter or digit; the words of a phrase separated by any whitespace. A trailing `*`
 * makes the last word a prefix ("cancel*" matches "cancelar", "cancelamento").
 */
export function termsRegex(terms: readonly string[], flags = 'u'): RegExp {
  const alternatives = terms.map((term) => {
    const norm = normalizeForMatch(term);
    const prefix = norm.endsWith('*');
    const body = (prefix ? norm.slice(0, -1).trimEnd() : norm).split(' ').map(escapeRegex).join('\\s+');
    return prefix ? `${body}[\\p{L}\\p{N}]*` : body;
  });
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, flags);
}

/** What conditions look at, computed once per item. */
interface Subject {
  item: Feedback;
  /** Normalized subject and text; `|` keeps a phrase from spanning the two. */
  text: string;
  keyPhrases: string[];
  band: RatingBand | undefined;
}

type Predicate = (s: Subject) => boolean;

const BANDS = {
  nps: { negative: 'detractor', neutral: 'passive', positive: 'promoter' },
  csat: { negative: 'csat-unhappy', neutral: 'csat-neutral', positive: 'csat-happy' },
} as const;

function subjectOf(item: Feedback): Subject {
  const text = normalizeForMatch([item.subject, item.text].filter((t) => t !== undefined && t !== '').join(' | '));
  const band = item.rating ? BANDS[item.rating.type][ratingBand(item.rating)] : undefined;
  return { item, text, keyPhrases: item.keyPhrases.map(normalizeForMatch), band };
}

const inRange = (value: number, r: ScoreRange): boolean => (r.min === undefined || value >= r.min) && (r.max === undefined || value <= r.max);

/** `pt` matches `pt-BR` and the reverse; `pt-BR` does not match `pt-PT`. */
function languageMatches(wanted: string, actual: string): boolean {
  const w = wanted.toLowerCase();
  const a = actual.toLowerCase();
  return w === a || a.startsWith(`${w}-`) || w.startsWith(`${a}-`);
}

function compile(c: Condition): Predicate {
  const checks: Predicate[] = [];
  const { category, sentiment, scores, channel, rating, language, keywords, keyPhrases, customer } = c;
  if (category) checks.push((s) => s.item.category !== undefined && category.includes(s.item.category));
  if (sentiment) checks.push((s) => s.item.sentiment !== undefined && sentiment.includes(s.item.sentiment.label));
  if (scores) {
    const ranges = (['Positive', 'Negative', 'Neutral', 'Mixed'] as const).flatMap((k) => {
      const r = scores[k];
      return r ? [[k, r] as const] : [];
    });
    checks.push((s) => s.item.sentiment !== undefined && ranges.every(([k, r]) => inRange(s.item.sentiment?.scores[k] ?? NaN, r)));
  }
  if (channel) checks.push((s) => channel.includes(s.item.channel));
  if (rating) checks.push((s) => s.band !== undefined && rating.includes(s.band));
  if (language) checks.push((s) => s.item.language !== undefined && language.some((l) => languageMatches(l, s.item.language ?? '')));
  if (keywords) {
    const re = termsRegex(keywords);
    checks.push((s) => re.test(s.text));
  }
  if (keyPhrases) {
    const re = termsRegex(keyPhrases);
    checks.push((s) => s.keyPhrases.some((p) => re.test(p)));
  }
  if (customer) {
    const { hasEmail, hasPhone, hasHandle, id } = customer;
    const has = (want: boolean | undefined, value: string | undefined) => want === undefined || want === (value !== undefined && value !== '');
    checks.push(
      (s) =>
        has(hasEmail, s.item.customer.email) &&
        has(hasPhone, s.item.customer.phone) &&
        has(hasHandle, s.item.customer.handle) &&
        (id === undefined || (s.item.customer.id !== undefined && id.includes(s.item.customer.id))),
    );
  }
  if (c.not) {
    const inner = compile(c.not);
    checks.push((s) => !inner(s));
  }
  return (s) => checks.every((check) => check(s));
}

interface CompiledRule {
  rule: Rule;
  holds: Predicate;
}

/** Compiled once per document object; documents are treated as immutable (parse a new one to change rules). */
const cache = new WeakMap<RulesDocument, CompiledRule[]>();

function compiled(doc: RulesDocument): CompiledRule[] {
  let rules = cache.get(doc);
  if (!rules) {
    rules = doc.rules.map((rule) => {
      const any = rule.when.any?.map(compile);
      const all = rule.when.all?.map(compile);
      const holds: Predicate = (s) => (any === undefined || any.some((p) => p(s))) && (all === undefined || all.every((p) => p(s)));
      return { rule, holds };
    });
    cache.set(doc, rules);
  }
  return rules;
}

/** The enabled rules for this trigger whose `when` holds for the item, in document order, with their actions. */
export function matchRules(doc: RulesDocument, trigger: Trigger, item: Feedback): Array<{ rule: Rule; actions: Action[] }> {
  const subject = subjectOf(item);
  return compiled(doc)
    .filter(({ rule, holds }) => rule.enabled && rule.trigger === trigger && holds(subject))
    .map(({ rule }) => ({ rule, actions: rule.actions }));
}

const nameRegexes = new WeakMap<Agent, { full: RegExp | undefined; first: RegExp | undefined }>();

function agentRegexes(agent: Agent): { full: RegExp | undefined; first: RegExp | undefined } {
  let r = nameRegexes.get(agent);
  if (!r) {
    const full = stripAccents(agent.name).replace(/\s+/g, ' ').trim();
    const first = full.split(' ')[0];
    r = { full: full.includes(' ') ? termsRegex([full], 'iu') : undefined, first: first ? termsRegex([first], 'giu') : undefined };
    nameRegexes.set(agent, r);
  }
  return r;
}

/**
 * The agent the text names ("a Maria me ajudou", "thanks to John"), by full name or first name,
 * as a whole word, accent-insensitive. A full name wins over a first name; a first name shared by
 * several agents is ambiguous (undefined). A first name alone must be capitalized unless the text
 * has no capitals at all, so "I will call" does not name an agent called Will.
 */
export function mentionsAgent<A extends Agent>(text: string, agents: readonly A[]): A | undefined {
  const plain = stripAccents(text).replace(/\s+/g, ' ');
  const byFullName = agents.find((a) => agentRegexes(a).full?.test(plain));
  if (byFullName) return byFullName;
  const caseless = plain === plain.toLowerCase();
  const named = (a: A): boolean => {
    const re = agentRegexes(a).first;
    if (!re) return false;
    for (const m of plain.matchAll(re)) {
      const initial = m[0].charAt(0);
      if (caseless || initial !== initial.toLowerCase()) return true;
    }
    return false;
  };
  const hits = agents.filter(named);
  return new Set(hits.map((a) => a.id)).size === 1 ? hits[0] : undefined;
}
