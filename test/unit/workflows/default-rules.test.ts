import { describe, expect, it } from 'vitest';
import type { Feedback } from '../../../shared/domain/feedback.schema.js';
import { planActions } from '../../../shared/domain/workflows/action-plan.js';
import { DEFAULT_RULES, defaultRulesDocument } from '../../../shared/domain/workflows/default-rules.js';
import { matchRules } from '../../../shared/domain/workflows/rule-matcher.js';
import { analyzedItem } from './feedback.fixture.js';

const ids = (item: Feedback, trigger: 'analyzed' | 'resolved' = 'analyzed') => matchRules(DEFAULT_RULES, trigger, item).map((m) => m.rule.id);
const plan = (item: Feedback, trigger: 'analyzed' | 'resolved' = 'analyzed') => planActions(matchRules(DEFAULT_RULES, trigger, item), DEFAULT_RULES.acknowledgements);

describe('default rules: complaints and negative feedback', () => {
  it('a pt-BR complaint: high priority, acknowledgement, team notification, SLA', () => {
    const item = analyzedItem('Meu pedido chegou quebrado e ninguém responde meus e-mails.', 'NEGATIVE', { category: 'complaint' });
    const matches = matchRules(DEFAULT_RULES, 'analyzed', item);
    expect(matches.map((m) => m.rule.id)).toEqual(['complaint-or-negative']);
    expect(matches[0]?.actions).toEqual([
      { type: 'setPriority', priority: 'high' },
      { type: 'sendMessage', template: 'complaint-ack' },
      { type: 'notifyTeam', template: 'team-new-complaint', severity: 'warning' },
      { type: 'startSla' },
    ]);
  });

  it('an English NEGATIVE message without the complaint category is treated as one', () => {
    const item = analyzedItem('Honestly the new app update is a step back, everything is slower.', 'NEGATIVE', { language: 'en', category: 'other' });
    expect(ids(item)).toEqual(['complaint-or-negative']);
  });

  it('an NPS detractor answer without a comment', () => {
    const item = analyzedItem('', 'NEUTRAL', { channel: 'survey', rating: { type: 'nps', score: 4 }, category: 'other' });
    expect(ids(item)).toEqual(['complaint-or-negative']);
    expect(ids(analyzedItem('', 'NEUTRAL', { channel: 'survey', rating: { type: 'nps', score: 7 } }))).toEqual([]);
  });

  it('an unhappy CSAT answer (1-2) but not a neutral 3', () => {
    expect(ids(analyzedItem('Demorou.', 'NEUTRAL', { channel: 'survey', rating: { type: 'csat', score: 2 } }))).toEqual(['complaint-or-negative']);
    expect(ids(analyzedItem('Ok.', 'NEUTRAL', { channel: 'survey', rating: { type: 'csat', score: 3 } }))).toEqual([]);
  });
});

describe('default rules: urgent threats', () => {
  const urgent = (item: Feedback) => {
    expect(ids(item)[0]).toBe('urgent-threat');
    const p = plan(item);
    expect(p).toContainEqual({ type: 'setPriority', priority: 'urgent' });
    expect(p.filter((a) => a.type === 'notifyTeam')).toEqual([{ type: 'notifyTeam', template: 'team-urgent', severity: 'urgent' }]);
  };

  it('Procon', () => urgent(analyzedItem('Já é a terceira vez que cobram errado. Vou abrir reclamação no PROCON amanhã.', 'NEGATIVE', { category: 'complaint' })));
  it('Reclame Aqui, accent- and case-insensitive', () =>
    urgent(analyzedItem('Se não resolverem até sexta vou postar tudo no reclame AQUI.', 'NEGATIVE', { category: 'complaint' })));
  it('chargeback', () => urgent(analyzedItem('Vou pedir chargeback no cartão, vocês não entregaram.', 'NEGATIVE', { category: 'complaint' })));
  it('a lawyer (English)', () =>
    urgent(analyzedItem('I have already contacted my lawyer about this refund.', 'NEGATIVE', { language: 'en', category: 'complaint' })));
  it('Justiça written without the accent', () => urgent(analyzedItem('vou entrar na justica contra vocês', 'NEGATIVE', { category: 'complaint' })));
  it('a threat to cancel in the subject', () =>
    urgent(analyzedItem('Terceira cobrança indevida este mês.', 'NEGATIVE', { subject: 'Quero o cancelamento do meu plano' })));
  it('BBB in English', () => urgent(analyzedItem('Filing a complaint with the BBB today.', 'NEGATIVE', { language: 'en' })));

  it('urgent threats also get the complaint acknowledgement and one team notification', () => {
    const item = analyzedItem('Vou no Procon.', 'NEGATIVE', { category: 'complaint' });
    expect(ids(item)).toEqual(['urgent-threat', 'complaint-or-negative']);
    expect(plan(item)).toEqual([
      { type: 'setPriority', priority: 'urgent' },
      { type: 'startSla' },
      { type: 'sendMessage', template: 'complaint-ack' },
      { type: 'notifyTeam', template: 'team-urgent', severity: 'urgent' },
    ]);
  });

  it('near misses are not urgent', () => {
    // "processar" meaning "to process", a negated cancel, a cancel in a happy message, an agent called Sue, BBB in Portuguese.
    expect(ids(analyzedItem('Vocês demoraram para processar meu pagamento.', 'NEGATIVE', { category: 'complaint' }))).toEqual(['complaint-or-negative']);
    expect(ids(analyzedItem('Não quero cancelar, só quero que a entrega chegue.', 'NEGATIVE', { category: 'complaint' }))).toEqual([
      'complaint-or-negative',
    ]);
    expect(ids(analyzedItem('Consegui cancelar o pedido pelo app, super fácil!', 'POSITIVE', { category: 'praise' }))).toEqual(['praise']);
    expect(ids(analyzedItem('Thanks to Sue for sorting this out so quickly!', 'POSITIVE', { language: 'en', category: 'praise' }))).toEqual(['praise']);
    expect(ids(analyzedItem('Vi a propaganda de vocês no BBB, adorei!', 'POSITIVE', { category: 'praise' }))).toEqual(['praise']);
    expect(ids(analyzedItem('Meu voo foi cancelado e ninguém avisou.', 'NEGATIVE', { category: 'complaint' }))).toEqual(['complaint-or-negative']);
  });
});

describe('default rules: praise, suggestions, questions', () => {
  it('praise: the rule thanks, but the default policy (answer-expected) sends no thank-you; kudos and the praise feed stay', () => {
    const item = analyzedItem('A Maria me ajudou muito, atendimento excelente!', 'POSITIVE', { category: 'praise' });
    expect(matchRules(DEFAULT_RULES, 'analyzed', item).map((m) => m.actions)).toEqual([
      [{ type: 'sendMessage', template: 'praise-thanks' }, { type: 'recordKudos' }, { type: 'collect', collection: 'praise' }],
    ]);
    expect(DEFAULT_RULES.acknowledgements).toBe('answer-expected');
    expect(plan(item)).toEqual([{ type: 'collect', collection: 'praise' }, { type: 'recordKudos' }]);
  });

  it('a POSITIVE message in another category and an NPS promoter count as praise', () => {
    expect(ids(analyzedItem('Great service, thanks a lot!', 'POSITIVE', { language: 'en', category: 'other' }))).toEqual(['praise']);
    expect(ids(analyzedItem('', 'NEUTRAL', { channel: 'survey', rating: { type: 'nps', score: 10 } }))).toEqual(['praise']);
  });

  it('sarcastic "praise" that is NEGATIVE is a complaint, not praise', () => {
    expect(ids(analyzedItem('Parabéns, atrasou de novo!', 'NEGATIVE', { category: 'praise' }))).toEqual(['complaint-or-negative']);
  });

  it('a suggestion: labelled and collected; thanked only under the acknowledgement policy all', () => {
    const item = analyzedItem('Seria ótimo ter um modo escuro no aplicativo.', 'NEUTRAL', { category: 'suggestion' });
    expect(ids(item)).toEqual(['suggestion']);
    expect(plan(item)).toEqual([
      { type: 'addLabels', labels: ['product-idea'] },
      { type: 'collect', collection: 'product-ideas' },
    ]);
    expect(planActions(matchRules(DEFAULT_RULES, 'analyzed', item), 'all')).toEqual([
      { type: 'addLabels', labels: ['product-idea'] },
      { type: 'collect', collection: 'product-ideas' },
      { type: 'sendMessage', template: 'suggestion-thanks' },
    ]);
  });

  it('a question: the support team, normal priority, SLA, acknowledgement', () => {
    const item = analyzedItem('How do I change the delivery address of my order?', 'NEUTRAL', { language: 'en', category: 'question' });
    expect(ids(item)).toEqual(['question']);
    expect(plan(item)).toEqual([
      { type: 'setPriority', priority: 'normal' },
      { type: 'assign', team: 'support' },
      { type: 'startSla' },
      { type: 'sendMessage', template: 'question-ack' },
    ]);
  });

  it('an angry question keeps the high priority and gets the complaint acknowledgement', () => {
    const item = analyzedItem('Por que ninguém responde? Quando meu reembolso vai cair?', 'NEGATIVE', { category: 'question' });
    expect(ids(item)).toEqual(['complaint-or-negative', 'question']);
    const p = plan(item);
    expect(p).toContainEqual({ type: 'setPriority', priority: 'high' });
    expect(p.filter((a) => a.type === 'sendMessage')).toEqual([{ type: 'sendMessage', template: 'complaint-ack' }]);
  });

  it('a neutral "other" message triggers nothing', () => {
    expect(ids(analyzedItem('Segue o número do pedido.', 'NEUTRAL'))).toEqual([]);
  });
});

describe('default rules: resolution', () => {
  it('a resolved item of a reachable customer gets a CSAT survey; analyzed rules do not run', () => {
    const item = analyzedItem('Meu pedido chegou quebrado.', 'NEGATIVE', { category: 'complaint', status: 'resolved' });
    expect(matchRules(DEFAULT_RULES, 'resolved', item).map((m) => [m.rule.id, m.actions])).toEqual([
      ['csat-after-resolution', [{ type: 'sendSurvey', survey: 'csat' }]],
    ]);
  });

  it('no survey for a survey answer or for a customer we cannot reach', () => {
    expect(ids(analyzedItem('Ruim.', 'NEGATIVE', { channel: 'survey', rating: { type: 'csat', score: 1 } }), 'resolved')).toEqual([]);
    expect(ids(analyzedItem('Ruim.', 'NEGATIVE', { customer: { name: 'Ana' } }), 'resolved')).toEqual([]);
    expect(ids(analyzedItem('Ruim.', 'NEGATIVE', { channel: 'social', customer: { handle: 'ana_s' } }), 'resolved')).toEqual(['csat-after-resolution']);
  });

  it('the default document is frozen; defaultRulesDocument() is a mutable copy', () => {
    expect(Object.isFrozen(DEFAULT_RULES.rules[0])).toBe(true);
    const copy = defaultRulesDocument();
    copy.rules[0]!.enabled = false;
    expect(DEFAULT_RULES.rules[0]?.enabled).toBe(true);
    expect(matchRules(copy, 'analyzed', analyzedItem('Vou no Procon.', 'NEGATIVE')).map((m) => m.rule.id)).toEqual(['complaint-or-negative']);
  });
});
