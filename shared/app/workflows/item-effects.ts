import type { Feedback } from '../../domain/feedback.schema.js';
import type { ServiceStandards } from '../../domain/sla/service-standards.schema.js';
import { reprioritize, startSla } from '../../domain/sla/sla-clock.js';
import { raisePriority } from '../../domain/workflows/action-plan.js';
import type { Action, RulesDocument } from '../../domain/workflows/rules.schema.js';

/**
 * The workflow actions whose whole effect is a change to the item itself, a pure function of the
 * rules, the standards and the item: priority, labels, team/assignee, the SLA clock. The processor
 * applies them in the same conditional write that stores the analysis (exactly once by
 * construction); `runWorkflows` only records them, and applies them itself only when the item does
 * not show them yet (an item analyzed before, or rules changed in between).
 */
export const ITEM_ACTION_TYPES: ReadonlySet<Action['type']> = new Set(['setPriority', 'addLabels', 'assign', 'startSla']);
export const isItemAction = (a: Action): boolean => ITEM_ACTION_TYPES.has(a.type);

export interface ItemEffectContext {
  readonly rules: RulesDocument;
  readonly standards: ServiceStandards;
  readonly now: Date;
  /**
   * The agent an `assign` gives the item (round robin, decided by the caller beforehand: it needs a
   * counter); undefined when the team has no available agent.
   */
  readonly agentFor: (team: string) => string | undefined;
}

export interface ItemEffect {
  readonly action: Action;
  /** What the action left on the item (the action log's result). */
  readonly result: Record<string, unknown>;
}

/** The teams an item's plan assigns to, for which the caller must pick an agent (when unassigned). */
export function teamsToStaff(fb: Feedback, plan: readonly Action[], rules: RulesDocument): string[] {
  if (fb.assignee) return [];
  return plan.flatMap((a) => (a.type === 'assign' && rules.teams.find((t) => t.id === a.team)?.agents.some((x) => x.available) ? [a.team] : []));
}

/** Applies the item-level actions of a plan, in plan order; the item is unchanged when they already hold. */
export function applyItemActions(fb: Feedback, plan: readonly Action[], ctx: ItemEffectContext): { item: Feedback; effects: ItemEffect[] } {
  let item = fb;
  const effects: ItemEffect[] = [];
  for (const action of plan) {
    switch (action.type) {
      case 'setPriority': {
        const priority = raisePriority(item.priority, action.priority);
        if (priority !== item.priority) {
          item = { ...item, priority, ...(item.sla && !item.sla.resolvedAt && { sla: reprioritize(item.sla, ctx.standards, priority, ctx.now) }) };
        }
        effects.push({ action, result: { priority: item.priority } });
        break;
      }
      case 'addLabels': {
        const missing = action.labels.filter((l) => !item.labels.includes(l));
        if (missing.length > 0) item = { ...item, labels: [...item.labels, ...missing] };
        effects.push({ action, result: { labels: item.labels } });
        break;
      }
      case 'assign': {
        // Never reassigns.
        if (!item.assignee) {
          const agent = ctx.agentFor(action.team);
          if (agent) item = { ...item, team: action.team, assignee: agent };
          else if (item.team !== action.team) item = { ...item, team: action.team };
        }
        effects.push({ action, result: { team: item.team ?? action.team, assignee: item.assignee ?? null } });
        break;
      }
      case 'startSla': {
        // The clock runs from when the customer reached us, on the priority the item has by now.
        if (!item.sla) item = { ...item, sla: startSla(ctx.standards, { at: item.receivedAt, priority: item.priority, channel: item.channel }) };
        effects.push({ action, result: { firstResponseDueAt: item.sla?.firstResponseDueAt, resolutionDueAt: item.sla?.resolutionDueAt } });
        break;
      }
      default:
        break;
    }
  }
  return { item, effects };
}
