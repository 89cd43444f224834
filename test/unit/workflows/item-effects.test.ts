import { describe, expect, it } from 'vitest';
import { applyItemActions, isItemAction, teamsToStaff } from '../../../shared/app/workflows/item-effects.js';
import { DEFAULT_SERVICE_STANDARDS } from '../../../shared/domain/sla/service-standards.schema.js';
import { planActions } from '../../../shared/domain/workflows/action-plan.js';
import { DEFAULT_RULES } from '../../../shared/domain/workflows/default-rules.js';
import type { Action } from '../../../shared/domain/workflows/rules.schema.js';
import { matchRules } from '../../../shared/domain/workflows/rule-matcher.js';
import { analyzedItem } from './feedback.fixture.js';

const now = new Date('2026-11-27T15:00:05.000Z');
const ctx = (agents: Record<string, string> = {}) => ({ rules: DEFAULT_RULES, standards: DEFAULT_SERVICE_STANDARDS, now, agentFor: (team: string) => agents[team] });
const planFor = (fb: ReturnType<typeof analyzedItem>) => planActions(matchRules(DEFAULT_RULES, 'analyzed', fb), DEFAULT_RULES.acknowledgements).filter(isItemAction);

describe('item-level workflow effects (stored with the analysis)', () => {
  it('gives a complaint priority high and starts its SLA on that priority, from when it was received', () => {
    const fb = analyzedItem('A entrega atrasou e ninguém responde.', 'NEGATIVE', { category: 'complaint' });
    const plan = planFor(fb);
    expect(plan.map((a) => a.type)).toEqual(['setPriority', 'startSla']);
    const { item, effects } = applyItemActions(fb, plan, ctx());
    expect(item.priority).toBe('high');
    expect(item.sla).toMatchObject({ policy: { priority: 'high' }, startedAt: fb.receivedAt });
    expect(effects.map((e) => e.result)).toEqual([{ priority: 'high' }, { firstResponseDueAt: item.sla!.firstResponseDueAt, resolutionDueAt: item.sla!.resolutionDueAt }]);
  });

  it('changes nothing when applied again: the same object comes back (no write needed)', () => {
    const fb = analyzedItem('A entrega atrasou e ninguém responde.', 'NEGATIVE', { category: 'complaint' });
    const once = applyItemActions(fb, planFor(fb), ctx()).item;
    expect(applyItemActions(once, planFor(fb), ctx()).item).toBe(once);
  });

  it('raises and never lowers a priority, adds only missing labels, and never reassigns', () => {
    const urgent = analyzedItem('Ideia: entrega aos sábados', 'NEUTRAL', { category: 'suggestion', priority: 'urgent', labels: ['vip'], assignee: 'someone', team: 'other' });
    const plan: Action[] = [
      { type: 'setPriority', priority: 'normal' },
      { type: 'addLabels', labels: ['product-idea', 'vip'] },
      { type: 'assign', team: 'support' },
    ];
    const { item } = applyItemActions(urgent, plan, ctx({ support: 'maria-oliveira' }));
    expect(item).toMatchObject({ priority: 'urgent', labels: ['vip', 'product-idea'], assignee: 'someone', team: 'other' });
    expect(teamsToStaff(urgent, plan, DEFAULT_RULES)).toEqual([]);
  });

  it('assigns a question to the agent the caller picked for the team (round robin), or records the team alone', () => {
    const q = analyzedItem('Como troco o endereço?', 'NEUTRAL', { category: 'question' });
    const plan = planFor(q);
    expect(teamsToStaff(q, plan, DEFAULT_RULES)).toEqual(['support']);
    expect(applyItemActions(q, plan, ctx({ support: 'john-carter' })).item).toMatchObject({ team: 'support', assignee: 'john-carter', sla: expect.any(Object) });
    expect(applyItemActions(q, plan, ctx()).item).toMatchObject({ team: 'support' });
    expect(applyItemActions(q, plan, ctx()).item.assignee).toBeUndefined();
  });
});
