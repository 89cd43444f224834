import type { Channel } from '../analysis.schema.js';
import type { Priority } from '../priority.schema.js';
import { addClockMinutes, clockMinutesBetween } from './business-clock.js';
import { calendarOf, targetsFor } from './service-standards.schema.js';
import type { ServiceStandards } from './service-standards.schema.js';
import { SlaTransitionError } from './sla-state.schema.js';
import type { SlaPolicy, SlaState } from './sla-state.schema.js';

export { SlaStateSchema, SlaPolicySchema, SlaEventSchema, SlaTransitionError } from './sla-state.schema.js';
export type { SlaState, SlaPolicy, SlaEvent, SlaClockName, SlaEventKind } from './sla-state.schema.js';
export { nextDeadline, dueEvents, markEscalated, compliance } from './sla-deadlines.js';
export type { SlaDeadline, SlaCompliance } from './sla-deadlines.js';

/**
 * SLA transitions, pure: each takes a state and returns a new one. A deadline is the instant at
 * which the active time since `startedAt` (on the policy's clock, paused time excluded) reaches
 * the target; resume and reprioritize recompute it from the active time so far. Repeated events (a second first response, a
 * second resolve, pausing twice) return the state unchanged, since deliveries are at least once.
 */

export type At = Date | string;

const toDate = (at: At): Date => {
  const d = at instanceof Date ? new Date(at.getTime()) : new Date(at);
  if (Number.isNaN(d.getTime())) throw new SlaTransitionError(`Invalid instant '${String(at)}'.`);
  return d;
};
const iso = (d: Date): string => d.toISOString();
const ms = (s: string): number => Date.parse(s);

function notBeforeStart(state: SlaState, at: Date, what: string): void {
  if (at.getTime() < ms(state.startedAt)) throw new SlaTransitionError(`Cannot ${what} at ${iso(at)}, before the SLA started (${state.startedAt}).`);
}

/** The warning lead of a target: the policy's warnBefore, at most half the target. */
const lead = (policy: SlaPolicy, target: number): number => Math.min(policy.warnBeforeMinutes, Math.floor(target / 2));

interface Schedule {
  dueAt: string;
  warnAt?: string;
}

/**
 * Due and warning instants for a clock that, at `anchor`, has `active` minutes counted against a
 * `target`: the remaining minutes run from the anchor. Already overdue (nothing remaining):
 * `overdueAt` is kept. A warning whose instant has passed is due at the anchor.
 */
function schedule(standards: ServiceStandards, policy: SlaPolicy, target: number, anchor: Date, active: number, overdueAt?: string): Schedule {
  const cal = calendarOf(standards);
  const remaining = target - active;
  const dueAt = remaining > 0 || overdueAt === undefined ? iso(addClockMinutes(anchor, Math.max(0, remaining), policy.clock, cal)) : overdueAt;
  const l = lead(policy, target);
  if (l === 0 || remaining <= 0) return { dueAt };
  return { dueAt, warnAt: iso(remaining - l > 0 ? addClockMinutes(anchor, remaining - l, policy.clock, cal) : anchor) };
}

/** A warning already escalated is re-armed when the new warning instant is later (a new deadline). */
function rearm(recorded: string | undefined, warnAt: string | undefined): string | undefined {
  return recorded !== undefined && warnAt !== undefined && ms(warnAt) > ms(recorded) ? undefined : recorded;
}

/**
 * Recomputes the resolution deadline from the active (unpaused) time at `anchor`: the resume
 * instant, or the reprioritization instant (the pause start while paused). Exact whatever the
 * order of pauses and priority changes; a clock already overdue keeps a due time no later than now.
 */
function withResolutionSchedule(state: SlaState, standards: ServiceStandards, anchor: Date, activeEnd: Date): SlaState {
  const cal = calendarOf(standards);
  const active = clockMinutesBetween(new Date(state.startedAt), activeEnd, state.policy.clock, cal) - state.pausedBusinessMinutes;
  const overdueAt = iso(new Date(Math.min(ms(state.resolutionDueAt), activeEnd.getTime())));
  const s = schedule(standards, state.policy, state.policy.resolutionMinutes, anchor, active, overdueAt);
  const { resolutionWarnAt: _old, ...rest } = state;
  const warned = state.breaches.resolution ? state.warned : { ...state.warned, resolution: rearm(state.warned.resolution, s.warnAt) };
  return { ...rest, resolutionDueAt: s.dueAt, ...(s.warnAt ? { resolutionWarnAt: s.warnAt } : {}), warned: clean(warned) };
}

const clean = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** Starts the clocks of a new item with the targets of its priority and channel. */
export function startSla(standards: ServiceStandards, input: { at: At; priority: Priority; channel: Channel }): SlaState {
  const t = targetsFor(standards, input.priority, input.channel);
  const policy: SlaPolicy = {
    priority: input.priority,
    channel: input.channel,
    clock: t.clock,
    firstResponseMinutes: t.firstResponseMinutes,
    resolutionMinutes: t.resolutionMinutes,
    warnBeforeMinutes: standards.warnBeforeMinutes,
  };
  const at = toDate(input.at);
  const startedAt = iso(at);
  const fr = schedule(standards, policy, policy.firstResponseMinutes, at, 0);
  const res = schedule(standards, policy, policy.resolutionMinutes, at, 0);
  return {
    policy,
    startedAt,
    firstResponseDueAt: fr.dueAt,
    ...(fr.warnAt ? { firstResponseWarnAt: fr.warnAt } : {}),
    resolutionDueAt: res.dueAt,
    ...(res.warnAt ? { resolutionWarnAt: res.warnAt } : {}),
    pausedBusinessMinutes: 0,
    breaches: {},
    warned: {},
  };
}

/** Stops the first-response clock (the first one wins; a resolved item keeps its state). */
export function recordFirstResponse(state: SlaState, at: At): SlaState {
  if (state.firstRespondedAt || state.resolvedAt) return state;
  const d = toDate(at);
  notBeforeStart(state, d, 'record a first response');
  return { ...state, firstRespondedAt: iso(d) };
}

/** Pending on the customer: stops the resolution clock only (the first-response clock runs on). */
export function pause(state: SlaState, at: At): SlaState {
  if (state.resolvedAt) throw new SlaTransitionError('Cannot pause the SLA of a resolved item.');
  if (state.pausedAt) return state;
  const d = toDate(at);
  notBeforeStart(state, d, 'pause');
  return { ...state, pausedAt: iso(d) };
}

/**
 * Restarts the resolution clock, moving `resolutionDueAt` later by the paused time (on the
 * policy's clock). A pause that began when the clock was already overdue does not move it.
 */
export function resume(state: SlaState, at: At, standards: ServiceStandards): SlaState {
  if (!state.pausedAt || state.resolvedAt) return state;
  const d = toDate(at);
  if (d.getTime() < ms(state.pausedAt)) throw new SlaTransitionError(`Cannot resume at ${iso(d)}, before the pause (${state.pausedAt}).`);
  const pausedAt = new Date(state.pausedAt);
  const paused = clockMinutesBetween(pausedAt, d, state.policy.clock, calendarOf(standards));
  const { pausedAt: _closed, ...rest } = state;
  // Active time is measured up to the pause start, before this pause is added to the paused total.
  const next = withResolutionSchedule(rest, standards, d, pausedAt);
  return { ...next, pausedBusinessMinutes: state.pausedBusinessMinutes + paused };
}

/**
 * Applies a new priority: due dates are recomputed from `startedAt` with the new targets. A first
 * response already given keeps its target and due date; escalated breaches stay recorded (an
 * earlier deadline may make a breach due at once).
 */
export function reprioritize(state: SlaState, standards: ServiceStandards, newPriority: Priority, at: At): SlaState {
  if (state.resolvedAt) throw new SlaTransitionError('Cannot reprioritize the SLA of a resolved item.');
  const d = toDate(at);
  notBeforeStart(state, d, 'reprioritize');
  if (newPriority === state.policy.priority) return state;
  const t = targetsFor(standards, newPriority, state.policy.channel);
  const responded = state.firstRespondedAt !== undefined;
  const policy: SlaPolicy = {
    ...state.policy,
    priority: newPriority,
    firstResponseMinutes: responded ? state.policy.firstResponseMinutes : t.firstResponseMinutes,
    resolutionMinutes: t.resolutionMinutes,
  };
  let next: SlaState = { ...state, policy, reprioritizedAt: iso(d) };
  if (!responded) {
    const fr = schedule(standards, policy, policy.firstResponseMinutes, new Date(state.startedAt), 0);
    const { firstResponseWarnAt: _old, ...rest } = next;
    const warned = state.breaches.firstResponse ? state.warned : { ...state.warned, firstResponse: rearm(state.warned.firstResponse, fr.warnAt) };
    next = { ...rest, firstResponseDueAt: fr.dueAt, ...(fr.warnAt ? { firstResponseWarnAt: fr.warnAt } : {}), warned: clean(warned) };
  }
  const stoppedAt = state.pausedAt ? new Date(state.pausedAt) : d;
  return withResolutionSchedule(next, standards, stoppedAt, stoppedAt);
}

/** Stops both clocks. Resolved while paused: the resolution clock stays stopped at `pausedAt`. */
export function resolve(state: SlaState, at: At): SlaState {
  if (state.resolvedAt) return state;
  const d = toDate(at);
  notBeforeStart(state, d, 'resolve');
  return { ...state, resolvedAt: iso(d) };
}
