import { describe, expect, it } from 'vitest';
import { writeConfig } from '../../../shared/app/admin-config.use-case.js';
import { messageAllowed, planActions } from '../../../shared/domain/workflows/action-plan.js';
import { DEFAULT_RULES, defaultRulesDocument } from '../../../shared/domain/workflows/default-rules.js';
import { matchRules } from '../../../shared/domain/workflows/rule-matcher.js';
import { InvalidRulesError, type Action, type AcknowledgementPolicy } from '../../../shared/domain/workflows/rules.schema.js';
import { parseRulesDocument, serializeRulesDocument } from '../../../shared/domain/workflows/rules-text.js';
import type { ConfigStore } from '../../../shared/ports/workflow-store.port.js';
import { analyzedItem } from './feedback.fixture.js';

const messages = (plan: Action[]) => plan.flatMap((a) => (a.type === 'sendMessage' ? [a.template] : []));
const planFor = (policy: AcknowledgementPolicy | undefined, ...items: Parameters<typeof analyzedItem>) =>
  planActions(matchRules(DEFAULT_RULES, 'analyzed', analyzedItem(...items)), policy);

describe('acknowledgement policy', () => {
  it("answer-expected (the default, also when the document says nothing): complaints and questions are acknowledged, praise and suggestions are not thanked", () => {
    for (const policy of ['answer-expected', undefined] as const) {
      expect(messages(planFor(policy, 'O pedido chegou quebrado.', 'NEGATIVE', { category: 'complaint' }))).toEqual(['complaint-ack']);
      expect(messages(planFor(policy, 'Como troco o endereço?', 'NEUTRAL', { category: 'question' }))).toEqual(['question-ack']);
      expect(messages(planFor(policy, 'Atendimento excelente!', 'POSITIVE', { category: 'praise' }))).toEqual([]);
      expect(messages(planFor(policy, 'Um modo escuro seria ótimo.', 'NEUTRAL', { category: 'suggestion' }))).toEqual([]);
      expect(messages(planFor(policy, 'Ok.', 'NEUTRAL', { category: 'other' }))).toEqual([]);
    }
  });

  it('all: the thank-yous too; none: no automatic customer message, everything else unchanged', () => {
    expect(messages(planFor('all', 'Atendimento excelente!', 'POSITIVE', { category: 'praise' }))).toEqual(['praise-thanks']);
    expect(messages(planFor('all', 'Um modo escuro seria ótimo.', 'NEUTRAL', { category: 'suggestion' }))).toEqual(['suggestion-thanks']);
    const complaint = planFor('none', 'O pedido chegou quebrado.', 'NEGATIVE', { category: 'complaint' });
    expect(messages(complaint)).toEqual([]);
    expect(complaint.map((a) => a.type)).toEqual(['setPriority', 'startSla', 'notifyTeam']);
  });

  it('a message the policy drops does not hide a later allowed one (first allowed message wins)', () => {
    const matches = [{ actions: [{ type: 'sendMessage', template: 'praise-thanks' }] }, { actions: [{ type: 'sendMessage', template: 'complaint-ack' }] }] as const;
    expect(messages(planActions(matches as never, 'answer-expected'))).toEqual(['complaint-ack']);
    expect(messages(planActions(matches as never, 'all'))).toEqual(['praise-thanks']);
  });

  it('sendSurvey is not a message the policy governs', () => {
    const plan = planActions([{ actions: [{ type: 'sendSurvey', survey: 'csat' }] }], 'none');
    expect(plan).toEqual([{ type: 'sendSurvey', survey: 'csat' }]);
    expect(messageAllowed('none', 'complaint-ack')).toBe(false);
    expect(messageAllowed('answer-expected', 'question-ack')).toBe(true);
  });
});

describe('acknowledgement policy in the rules document', () => {
  it('round-trips through YAML and JSON, and may be left out', () => {
    const doc = { ...defaultRulesDocument(), acknowledgements: 'all' as const };
    expect(parseRulesDocument(serializeRulesDocument(doc, 'yaml'), 'yaml').acknowledgements).toBe('all');
    const { acknowledgements: _omitted, ...without } = defaultRulesDocument();
    expect(parseRulesDocument(JSON.stringify(without), 'json').acknowledgements).toBeUndefined();
  });

  it('an unknown policy is a 400 naming the field, and nothing is written', async () => {
    const writes: unknown[] = [];
    const configs: ConfigStore = { get: async () => undefined, put: async (...a) => (writes.push(a), true), nextCounter: async () => 1 };
    const text = JSON.stringify({ ...defaultRulesDocument(), acknowledgements: 'sometimes' });
    const error = await writeConfig({ configs, clock: { now: () => new Date('2026-01-01T00:00:00Z') } }, 'rules', { text, format: 'json', expectedVersion: 0, by: 'admin' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRulesError);
    expect((error as InvalidRulesError).status).toBe(400);
    expect((error as InvalidRulesError).details.map((d) => d.field)).toEqual(['acknowledgements']);
    expect(writes).toEqual([]);
  });
});
