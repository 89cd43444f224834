import type { Feedback, Priority } from '../../shared/domain/feedback.schema.js';
import { addClockMinutes } from '../../shared/domain/sla/business-clock.js';
import { calendarOf, type ServiceStandards } from '../../shared/domain/sla/service-standards.schema.js';
import { dueEvents, markEscalated, pause, recordFirstResponse, resolve, resume, startSla, type SlaState } from '../../shared/domain/sla/sla-clock.js';
import { planActions, raisePriority } from '../../shared/domain/workflows/action-plan.js';
import { matchRules, mentionsAgent } from '../../shared/domain/workflows/rule-matcher.js';
import type { Agent, RulesDocument } from '../../shared/domain/workflows/rules.schema.js';
import { SLA_BREACHED_LABEL } from '../../shared/app/sweep-sla.use-case.js';
import { agentsOf, SEED_AGENTS, TEAM_OF_TOPIC, type SeedTopic } from './seed-people.js';
import type { SeededRandom } from './seed-random.js';

/**
 * What happened to one analyzed item between its arrival and the run's anchor, decided by the
 * real rules (priority, labels, team, SLA start, kudos, collections) and the real SLA clock
 * functions: the agent's first response, a pending pause, the resolution, and every warning and
 * breach the SLA sweeper would have escalated by `now` (a breach raising the priority a level and
 * labelling the item, as the sweeper does). Agents' times are drawn relative to the targets: most
 * within them, a tail beyond.
 */

export interface LifecycleInput {
  readonly analyzed: Feedback;
  readonly topic: SeedTopic;
  readonly standards: ServiceStandards;
  readonly rules: RulesDocument;
  /** Agents act only before the anchor; escalations are recorded up to `now` (≥ anchor). */
  readonly anchor: Date;
  readonly now: Date;
}

export interface Lifecycle {
  readonly feedback: Feedback;
  /** The agent the customer names in praise (the rules' `recordKudos`). */
  readonly kudos?: { readonly agentId: string; readonly at: string };
  readonly collections: ReadonlyArray<{ readonly name: string; readonly at: string }>;
  /** How the case went for the customer, 0 (badly) to 1 (very well): drives survey scores. */
  readonly experience: number;
}

const UP: Readonly<Record<Priority, Priority>> = { low: 'normal', normal: 'high', high: 'urgent', urgent: 'urgent' };
const RULE_AGENTS: readonly Agent[] = SEED_AGENTS.map((a) => ({ id: a.id, name: a.name, available: true }));
const MINUTE = 60_000;

const later = (d: Date, ms: number): Date => new Date(d.getTime() + ms);
const iso = (d: Date): string => d.toISOString();

export function simulateLifecycle(random: SeededRandom, input: LifecycleInput): Lifecycle {
  const { analyzed: fb, standards, anchor, now } = input;
  const cal = calendarOf(standards);
  const analyzedAt = new Date(fb.analysis?.analyzedAt ?? fb.receivedAt);
  const plan = planActions(matchRules(input.rules, 'analyzed', fb), input.rules.acknowledgements);
  const workflowAt = later(analyzedAt, random.int(500, 3000));
  let version = fb.version;
  let updatedAt = fb.updatedAt;
  const touch = (at: Date): void => {
    version++;
    if (iso(at) > updatedAt) updatedAt = iso(at);
  };

  let priority = fb.priority;
  const labels = [...fb.labels];
  let team: string | undefined;
  let assignee: string | undefined;
  let sla: SlaState | undefined;
  let kudos: Lifecycle['kudos'];
  const collections: Array<{ name: string; at: string }> = [];
  for (const action of plan) {
    if (action.type === 'setPriority' && raisePriority(priority, action.priority) !== priority) {
      priority = raisePriority(priority, action.priority);
      touch(workflowAt);
    } else if (action.type === 'addLabels') {
      labels.push(...action.labels.filter((l) => !labels.includes(l)));
      touch(workflowAt);
    } else if (action.type === 'assign') {
      team = action.team;
      assignee = random.pick(agentsOf(team).length > 0 ? agentsOf(team) : SEED_AGENTS).id;
      touch(workflowAt);
    } else if (action.type === 'startSla') {
      sla = startSla(standards, { at: workflowAt, priority, channel: fb.channel });
      touch(workflowAt);
    } else if (action.type === 'recordKudos') {
      const named = mentionsAgent(fb.text, RULE_AGENTS);
      if (named) kudos = { agentId: named.id, at: iso(workflowAt) };
    } else if (action.type === 'collect') {
      collections.push({ name: action.collection, at: iso(workflowAt) });
    }
  }

  // The agents' side: who handles it, when they answer, pause on the customer, and resolve.
  const clock = sla?.policy.clock ?? 'business';
  const frTarget = sla?.policy.firstResponseMinutes ?? 480;
  const resTarget = sla?.policy.resolutionMinutes ?? 1620;
  const answers = sla !== undefined || random.chance(fb.category === 'praise' ? 0.6 : fb.channel === 'survey' ? 0.15 : 0.45);
  const respondedAt = answers ? addClockMinutes(workflowAt, Math.max(1, random.logNormal(0.4 * frTarget, 0.8)), clock, cal) : undefined;
  const pauses = respondedAt !== undefined && sla !== undefined && random.chance(0.2);
  const pausedAt = pauses ? later(respondedAt!, random.int(5, 60) * MINUTE) : undefined;
  const resumedAt = pausedAt ? addClockMinutes(pausedAt, random.logNormal(600, 1), clock, cal) : undefined;
  const resolves = random.chance(0.97);
  const resolutionBase = resumedAt ?? respondedAt ?? workflowAt;
  const resolvedAt = resolves
    ? new Date(Math.max(addClockMinutes(workflowAt, random.logNormal(0.4 * resTarget, 0.7), clock, cal).getTime(), later(resolutionBase, random.int(3, 90) * MINUTE).getTime()))
    : undefined;
  const happened = (d: Date | undefined): d is Date => d !== undefined && d.getTime() < anchor.getTime();
  const handlingTeam = team ?? TEAM_OF_TOPIC[input.topic];
  const handler = assignee ?? random.pick(agentsOf(handlingTeam)).id;
  const handled = happened(respondedAt) || happened(resolvedAt);
  if (assignee === undefined && (handled || random.chance(0.5))) {
    assignee = handler;
    team = handlingTeam;
    touch(handled ? (happened(respondedAt) ? respondedAt : resolvedAt!) : workflowAt);
  }

  // Escalations the sweeper would have recorded before each agent action, then up to now.
  let breached = false;
  const escalateUntil = (t: Date): void => {
    if (!sla) return;
    for (const event of dueEvents(sla, t)) {
      const at = new Date(Math.min(Date.parse(event.dueAt) + random.int(5, 60) * 1000, t.getTime()));
      sla = markEscalated(sla, event, at);
      if (event.kind === 'breach') {
        breached = true;
        priority = UP[priority];
        if (!labels.includes(SLA_BREACHED_LABEL)) labels.push(SLA_BREACHED_LABEL);
      }
      touch(at);
    }
  };
  const actor = `agent:${handler}`;
  let status: Feedback['status'] = 'new';
  let firstResponse: { at: string; by: string } | undefined;
  let resolution: { at: string; by: string } | undefined;
  if (happened(respondedAt)) {
    escalateUntil(respondedAt);
    if (sla) sla = recordFirstResponse(sla, respondedAt);
    firstResponse = { at: iso(respondedAt), by: actor };
    status = 'open';
    touch(respondedAt);
  }
  if (happened(pausedAt)) {
    escalateUntil(pausedAt);
    if (sla) sla = pause(sla, pausedAt);
    status = 'pending';
    touch(pausedAt);
    if (happened(resumedAt)) {
      escalateUntil(resumedAt);
      if (sla) sla = resume(sla, resumedAt, standards);
      status = 'open';
      touch(resumedAt);
    }
  }
  if (happened(resolvedAt)) {
    escalateUntil(resolvedAt);
    if (sla) sla = resolve(sla, resolvedAt);
    resolution = { at: iso(resolvedAt), by: actor };
    status = 'resolved';
    touch(resolvedAt);
    const closedAt = later(resolvedAt, random.int(2, 10) * 24 * 60 * MINUTE);
    if (happened(closedAt) && random.chance(0.6)) {
      status = 'closed';
      touch(closedAt);
    }
  }
  escalateUntil(now);

  const slow = resolvedAt !== undefined && happened(resolvedAt) && resolvedAt.getTime() - workflowAt.getTime() > 5 * 24 * 60 * MINUTE;
  const experience = Math.min(1, Math.max(0,
    0.8 - (breached ? 0.3 : 0) - (slow ? 0.1 : 0) + (fb.category === 'praise' ? 0.1 : 0) - (fb.sentiment?.label === 'NEGATIVE' ? 0.08 : 0) + 0.12 * random.normal()));

  const feedback: Feedback = {
    ...fb,
    status,
    priority,
    labels,
    ...(team !== undefined && { team }),
    ...(assignee !== undefined && { assignee }),
    ...(sla !== undefined && { sla }),
    ...(firstResponse && { firstResponseAt: firstResponse.at, firstResponseBy: firstResponse.by }),
    ...(resolution && { resolvedAt: resolution.at, resolvedBy: resolution.by }),
    version,
    updatedAt,
  };
  return { feedback, ...(kudos && { kudos }), collections, experience };
}
