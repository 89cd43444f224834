import type { Feedback } from '../../domain/feedback.schema.js';
import type { ServiceStandards } from '../../domain/sla/service-standards.schema.js';
import { mentionsAgent } from '../../domain/workflows/rule-matcher.js';
import type { Action, RulesDocument } from '../../domain/workflows/rules.schema.js';
import type { WorkflowDeps } from './workflow-context.js';

export interface ActionContext {
  readonly deps: WorkflowDeps;
  readonly id: string;
  readonly rules: RulesDocument;
  readonly standards: ServiceStandards;
  readonly now: Date;
}

export type ActionResult = Record<string, unknown>;
type Of<T extends Action['type']> = Extract<Action, { type: T }>;

/** Kudos go to the agent the customer names, else the one who handled the item. */
export function kudosAgent(fb: Feedback, rules: RulesDocument): { id: string; name: string } | undefined {
  const agents = rules.teams.flatMap((t) => t.agents);
  const named = mentionsAgent(fb.text, agents);
  if (named) return named;
  const handler = fb.assignee ?? fb.call?.agentId;
  return handler ? (agents.find((x) => x.id === handler) ?? { id: handler, name: handler }) : undefined;
}

export async function recordKudos(ctx: ActionContext, fb: Feedback): Promise<ActionResult> {
  const agent = kudosAgent(fb, ctx.rules);
  if (!agent) return { skipped: 'no agent named or assigned' };
  await ctx.deps.recognition.recordKudos(agent.id, ctx.id, ctx.now.toISOString());
  return { agent: agent.id };
}

export async function collect(ctx: ActionContext, a: Of<'collect'>): Promise<ActionResult> {
  await ctx.deps.recognition.addToCollection(a.collection, ctx.id, ctx.now.toISOString());
  return { collection: a.collection };
}
