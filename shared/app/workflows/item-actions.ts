import type { Feedback } from '../../domain/feedback.schema.js';
import type { ServiceStandards } from '../../domain/sla/service-standards.schema.js';
import { reprioritize, startSla } from '../../domain/sla/sla-clock.js';
import { raisePriority } from '../../domain/workflows/action-plan.js';
import { mentionsAgent } from '../../domain/workflows/rule-matcher.js';
import type { Action, RulesDocument } from '../../domain/workflows/rules.schema.js';
import { mutateItem, type WorkflowDeps } from './workflow-context.js';

export interface ActionContext {
  readonly deps: WorkflowDeps;
  readonly id: string;
  readonly rules: RulesDocument;
  readonly standards: ServiceStandards;
  readonly now: Date;
}

export type ActionResult = Record<string, unknown>;
type Of<T extends Action['type']> = Extract<Action, { type: T }>;

export async function setPriority(ctx: ActionContext, a: Of<'setPriority'>): Promise<ActionResult> {
  const at = ctx.now.toISOString();
  let from: string | undefined;
  const fb = await mutateItem(ctx.deps, ctx.id, (f) => {
    const priority = raisePriority(f.priority, a.priority);
    if (priority === f.priority) return undefined;
    from = f.priority;
    return { ...f, priority, ...(f.sla && !f.sla.resolvedAt && { sla: reprioritize(f.sla, ctx.standards, priority, ctx.now) }) };
  }, at);
  return from ? { from, to: fb.priority } : { unchanged: fb.priority };
}

export async function addLabels(ctx: ActionContext, a: Of<'addLabels'>): Promise<ActionResult> {
  const fb = await mutateItem(ctx.deps, ctx.id, (f) => {
    const missing = a.labels.filter((l) => !f.labels.includes(l));
    return missing.length === 0 ? undefined : { ...f, labels: [...f.labels, ...missing] };
  }, ctx.now.toISOString());
  return { labels: fb.labels };
}

/** Round robin among the team's available agents (an atomic counter per team); never reassigns. */
export async function assign(ctx: ActionContext, a: Of<'assign'>): Promise<ActionResult> {
  const current = await ctx.deps.store.get(ctx.id);
  if (current?.assignee) return { unchanged: current.assignee };
  const team = ctx.rules.teams.find((t) => t.id === a.team);
  const agents = team?.agents.filter((x) => x.available) ?? [];
  if (agents.length === 0) {
    await mutateItem(ctx.deps, ctx.id, (f) => (f.team === a.team ? undefined : { ...f, team: a.team }), ctx.now.toISOString());
    return { team: a.team, assignee: null, reason: 'no available agent' };
  }
  const n = await ctx.deps.configs.nextCounter(`round-robin#${a.team}`);
  const agent = agents[(n - 1) % agents.length]!;
  const fb = await mutateItem(ctx.deps, ctx.id, (f) => (f.assignee ? undefined : { ...f, team: a.team, assignee: agent.id }), ctx.now.toISOString());
  return { team: a.team, assignee: fb.assignee };
}

/** The clock runs from when the customer reached us, on the priority the item has by now. */
export async function startSlaClock(ctx: ActionContext): Promise<ActionResult> {
  const fb = await mutateItem(ctx.deps, ctx.id, (f) =>
    f.sla ? undefined : { ...f, sla: startSla(ctx.standards, { at: f.receivedAt, priority: f.priority, channel: f.channel }) },
  ctx.now.toISOString());
  return { firstResponseDueAt: fb.sla?.firstResponseDueAt, resolutionDueAt: fb.sla?.resolutionDueAt };
}

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
