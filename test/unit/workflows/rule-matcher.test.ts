import { describe, expect, it } from 'vitest';
import type { Feedback } from '../../../shared/domain/feedback.schema.js';
import { planActions, raisePriority } from '../../../shared/domain/workflows/action-plan.js';
import { matchRules, mentionsAgent, normalizeForMatch } from '../../../shared/domain/workflows/rule-matcher.js';
import { RulesDocumentSchema, type Condition, type RulesDocument } from '../../../shared/domain/workflows/rules.schema.js';
import { analyzedItem } from './feedback.fixture.js';

const doc = (when: { any?: Condition[]; all?: Condition[] }, extra: Partial<{ enabled: boolean; trigger: 'analyzed' | 'resolved' }> = {}): RulesDocument =>
  RulesDocumentSchema.parse({
    version: 1,
    teams: [],
    rules: [{ id: 'r', trigger: 'analyzed', when, actions: [{ type: 'startSla' }], ...extra }],
  });
const holds = (c: Condition, item: Feedback) => matchRules(doc({ all: [c] }), 'analyzed', item).length === 1;

const neg = analyzedItem('O produto veio errado', 'NEGATIVE', { category: 'complaint', keyPhrases: ['produto errado', 'Entrega atrasada'] });

describe('conditions', () => {
  it('scores: inclusive min and max, every range given must hold', () => {
    expect(holds({ scores: { Negative: { min: 0.91 } } }, neg)).toBe(true);
    expect(holds({ scores: { Negative: { min: 0.92 } } }, neg)).toBe(false);
    expect(holds({ scores: { Negative: { min: 0.5 }, Positive: { max: 0.02 } } }, neg)).toBe(true);
    expect(holds({ scores: { Negative: { min: 0.5 }, Positive: { max: 0.01 } } }, neg)).toBe(false);
    const { sentiment: _, ...withoutSentiment } = neg;
    expect(holds({ scores: { Negative: { max: 1 } } }, withoutSentiment as Feedback)).toBe(false);
  });

  it('category, sentiment and channel: any of the listed values; fields ANDed', () => {
    expect(holds({ category: ['complaint', 'question'], sentiment: ['NEGATIVE'], channel: ['web'] }, neg)).toBe(true);
    expect(holds({ category: ['complaint'], channel: ['email'] }, neg)).toBe(false);
    expect(holds({}, neg)).toBe(true);
  });

  it('not negates a nested condition', () => {
    expect(holds({ not: { channel: ['email'] } }, neg)).toBe(true);
    expect(holds({ not: { category: ['complaint'] } }, neg)).toBe(false);
    expect(holds({ not: { not: { category: ['complaint'] } } }, neg)).toBe(true);
  });

  it('any is OR, all is AND, both must hold when both are given', () => {
    const email = { channel: ['email' as const] };
    const complaint = { category: ['complaint' as const] };
    const match = (when: { any?: Condition[]; all?: Condition[] }) => matchRules(doc(when), 'analyzed', neg).length === 1;
    expect(match({ any: [email, complaint] })).toBe(true);
    expect(match({ all: [email, complaint] })).toBe(false);
    expect(match({ any: [complaint], all: [email] })).toBe(false);
    expect(match({ any: [email, complaint], all: [{ sentiment: ['NEGATIVE'] }] })).toBe(true);
  });

  it('language: a bare code matches regional variants and the reverse, not another region', () => {
    expect(holds({ language: ['pt'] }, analyzedItem('x', 'NEUTRAL', { language: 'pt-BR' }))).toBe(true);
    expect(holds({ language: ['pt-BR'] }, analyzedItem('x', 'NEUTRAL', { language: 'pt' }))).toBe(true);
    expect(holds({ language: ['PT-br'] }, analyzedItem('x', 'NEUTRAL', { language: 'pt-BR' }))).toBe(true);
    expect(holds({ language: ['pt-BR'] }, analyzedItem('x', 'NEUTRAL', { language: 'pt-PT' }))).toBe(false);
    expect(holds({ language: ['en'] }, neg)).toBe(false);
  });

  it('rating bands for NPS and CSAT; no rating never matches', () => {
    const nps = (score: number) => analyzedItem('', 'NEUTRAL', { channel: 'survey', rating: { type: 'nps', score } });
    const csat = (score: number) => analyzedItem('', 'NEUTRAL', { channel: 'survey', rating: { type: 'csat', score } });
    expect([0, 6, 7, 8, 9, 10].map((s) => [holds({ rating: ['detractor'] }, nps(s)), holds({ rating: ['promoter'] }, nps(s))])).toEqual([
      [true, false], [true, false], [false, false], [false, false], [false, true], [false, true],
    ]);
    expect(holds({ rating: ['passive'] }, nps(8))).toBe(true);
    expect([1, 2, 3, 4, 5].map((s) => holds({ rating: ['csat-unhappy'] }, csat(s)))).toEqual([true, true, false, false, false]);
    expect(holds({ rating: ['csat-neutral'] }, csat(3))).toBe(true);
    expect(holds({ rating: ['csat-happy'] }, csat(4))).toBe(true);
    expect(holds({ rating: ['detractor'] }, csat(1))).toBe(false);
    expect(holds({ rating: ['detractor', 'csat-unhappy'] }, neg)).toBe(false);
  });

  it('customer attributes', () => {
    expect(holds({ customer: { hasEmail: true, hasPhone: false } }, neg)).toBe(true);
    expect(holds({ customer: { hasPhone: true } }, neg)).toBe(false);
    expect(holds({ customer: { hasHandle: false, id: ['vip-9', 'cust-1'] } }, neg)).toBe(true);
    expect(holds({ customer: { id: ['vip-9'] } }, neg)).toBe(false);
    expect(holds({ customer: { id: ['cust-1'] } }, analyzedItem('x', 'NEUTRAL', { customer: {} }))).toBe(false);
  });

  it('keywords: whole words or phrases, case- and accent-insensitive, text or subject, prefix with *', () => {
    const item = analyzedItem('A   ENTREGA  atrasou\nde novo. Péssimo!', 'NEGATIVE', { subject: 'Reembolso' });
    expect(holds({ keywords: ['entrega atrasou'] }, item)).toBe(true);
    expect(holds({ keywords: ['pessimo'] }, item)).toBe(true);
    expect(holds({ keywords: ['péssimo'] }, analyzedItem('pessimo', 'NEGATIVE'))).toBe(true);
    expect(holds({ keywords: ['reembolso'] }, item)).toBe(true);
    expect(holds({ keywords: ['entreg'] }, item)).toBe(false);
    expect(holds({ keywords: ['entreg*'] }, item)).toBe(true);
    expect(holds({ keywords: ['reembolso entrega'] }, item)).toBe(false);
    expect(holds({ keywords: ['a.b (c)'] }, analyzedItem('veja a.b (c) aqui', 'NEUTRAL'))).toBe(true);
    expect(holds({ keywords: ["don't"] }, analyzedItem('I don’t like it', 'NEGATIVE'))).toBe(true);
  });

  it('keyPhrases: whole words inside any of the item key phrases', () => {
    expect(holds({ keyPhrases: ['entrega'] }, neg)).toBe(true);
    expect(holds({ keyPhrases: ['ENTREGA ATRASADA', 'nada'] }, neg)).toBe(true);
    expect(holds({ keyPhrases: ['produto veio'] }, neg)).toBe(false);
    expect(holds({ keyPhrases: ['atras'] }, neg)).toBe(false);
  });
});

describe('matchRules', () => {
  it('keeps document order, skips disabled rules and other triggers', () => {
    const d = RulesDocumentSchema.parse({
      version: 1,
      teams: [],
      rules: [
        { id: 'b', trigger: 'analyzed', when: { all: [{}] }, actions: [{ type: 'startSla' }] },
        { id: 'off', trigger: 'analyzed', when: { all: [{}] }, actions: [{ type: 'startSla' }], enabled: false },
        { id: 'res', trigger: 'resolved', when: { all: [{}] }, actions: [{ type: 'sendSurvey', survey: 'nps' }] },
        { id: 'a', trigger: 'analyzed', when: { all: [{}] }, actions: [{ type: 'recordKudos' }] },
      ],
    });
    expect(matchRules(d, 'analyzed', neg).map((m) => m.rule.id)).toEqual(['b', 'a']);
    expect(matchRules(d, 'resolved', neg).map((m) => [m.rule.id, m.actions])).toEqual([['res', [{ type: 'sendSurvey', survey: 'nps' }]]]);
  });

  it('is fast on many items (regexes compiled once per document)', () => {
    const d = doc({ any: [{ keywords: Array.from({ length: 200 }, (_, i) => `palavra ${i}`) }, { keyPhrases: ['x'] }] });
    const items = Array.from({ length: 2000 }, (_, i) => analyzedItem(`texto número ${i} com palavra ${i % 400}`, 'NEUTRAL'));
    const start = performance.now();
    const hits = items.filter((item) => matchRules(d, 'analyzed', item).length > 0).length;
    expect(hits).toBe(1000);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('helpers', () => {
  it('normalizeForMatch lower-cases, strips accents, collapses spaces', () => {
    expect(normalizeForMatch('  Ação  JUDICIAL\n\tÇà  ')).toBe('acao judicial ca');
  });

  const agents = [
    { id: 'maria-oliveira', name: 'Maria Oliveira', available: true },
    { id: 'john-carter', name: 'John Carter', available: true },
    { id: 'joao-silva', name: 'João Silva', available: true },
    { id: 'will-smith', name: 'Will Smith', available: true },
  ];

  it('mentionsAgent finds an agent by first or full name, whole word, accent-insensitive', () => {
    expect(mentionsAgent('A Maria me ajudou demais!', agents)?.id).toBe('maria-oliveira');
    expect(mentionsAgent('Thanks to John, it was fixed in minutes.', agents)?.id).toBe('john-carter');
    expect(mentionsAgent('o Joao foi super atencioso', agents)?.id).toBe('joao-silva');
    expect(mentionsAgent('Atendido por JOÃO SILVA.', agents)?.id).toBe('joao-silva');
    expect(mentionsAgent('a maria me ajudou', agents)?.id).toBe('maria-oliveira');
    expect(mentionsAgent('Mariana me atendeu', agents)).toBeUndefined();
    expect(mentionsAgent('Johnny was nice', agents)).toBeUndefined();
    expect(mentionsAgent('Ninguém me ajudou', agents)).toBeUndefined();
  });

  it('mentionsAgent ignores a lower-case common word and an ambiguous first name', () => {
    expect(mentionsAgent('I will call again tomorrow.', agents)).toBeUndefined();
    expect(mentionsAgent('Will was great.', agents)?.id).toBe('will-smith');
    const twoMarias = [...agents, { id: 'maria-santos', name: 'Maria Santos', available: true }];
    expect(mentionsAgent('A Maria me ajudou', twoMarias)).toBeUndefined();
    expect(mentionsAgent('A Maria Santos me ajudou', twoMarias)?.id).toBe('maria-santos');
  });

  it('planActions merges matches: highest priority, label union, one message, the most severe notification', () => {
    const p = planActions([
      { actions: [{ type: 'setPriority', priority: 'normal' }, { type: 'sendMessage', template: 'question-ack' }, { type: 'addLabels', labels: ['a'] }] },
      {
        actions: [
          { type: 'setPriority', priority: 'high' },
          { type: 'sendMessage', template: 'praise-thanks' },
          { type: 'addLabels', labels: ['a', 'b'] },
          { type: 'notifyTeam', template: 'team-new-question', severity: 'info' },
          { type: 'notifyTeam', template: 'team-urgent', severity: 'urgent' },
          { type: 'collect', collection: 'praise' },
          { type: 'collect', collection: 'praise' },
        ],
      },
    ]);
    expect(p).toEqual([
      { type: 'setPriority', priority: 'high' },
      { type: 'addLabels', labels: ['a', 'b'] },
      { type: 'collect', collection: 'praise' },
      { type: 'sendMessage', template: 'question-ack' },
      { type: 'notifyTeam', template: 'team-urgent', severity: 'urgent' },
    ]);
    expect(raisePriority('urgent', 'normal')).toBe('urgent');
    expect(raisePriority('low', 'high')).toBe('high');
  });
});
