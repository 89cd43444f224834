import { clockMinutesBetween } from './business-clock.js';
import { calendarOf } from './service-standards.schema.js';
import type { ServiceStandards } from './service-standards.schema.js';
import type { SlaClockName, SlaEvent, SlaState } from './sla-state.schema.js';

/**
 * What an SLA scheduler needs: the next instant at which something must happen (to key the sparse
 * `gsi2` index on `DUE#…`/`<dueAt>#<id>`), the events due now, and how to record one so that each
 * warning and each breach is escalated exactly once (the caller writes the new state with a
 * condition on the old one).
 */

export type SlaDeadline = SlaEvent;

const ms = (s: string): number => Date.parse(s);

/** The clocks that can still fire: first response until answered (or resolved), resolution until resolved and while not paused. */
function running(state: SlaState): SlaClockName[] {
  const clocks: SlaClockName[] = [];
  if (!state.firstRespondedAt && !state.resolvedAt && !state.breaches.firstResponse) clocks.push('firstResponse');
  if (!state.resolvedAt && !state.pausedAt && !state.breaches.resolution) clocks.push('resolution');
  return clocks;
}

const dueOf = (state: SlaState, clock: SlaClockName): string => (clock === 'firstResponse' ? state.firstResponseDueAt : state.resolutionDueAt);
const warnOf = (state: SlaState, clock: SlaClockName): string | undefined =>
  clock === 'firstResponse' ? state.firstResponseWarnAt : state.resolutionWarnAt;

/** Each running clock's next event: its warning if one is scheduled and not yet given, else its breach. */
function pending(state: SlaState): SlaEvent[] {
  return running(state).map((clock): SlaEvent => {
    const warnAt = warnOf(state, clock);
    if (warnAt !== undefined && !state.warned[clock] && ms(warnAt) < ms(dueOf(state, clock))) return { clock, kind: 'warning', dueAt: warnAt };
    return { clock, kind: 'breach', dueAt: dueOf(state, clock) };
  });
}

const byDue = (a: SlaEvent, b: SlaEvent): number => ms(a.dueAt) - ms(b.dueAt) || (a.clock === b.clock ? 0 : a.clock === 'firstResponse' ? -1 : 1);

/** The earliest event not yet recorded, or undefined when nothing can fire (resolved, or paused after answering). */
export function nextDeadline(state: SlaState): SlaDeadline | undefined {
  return pending(state).sort(byDue)[0];
}

/**
 * Events due at `now` and not yet recorded, earliest first. Per clock at most one: its breach when
 * the due time has passed (a warning not given by then is moot), else its warning when due.
 */
export function dueEvents(state: SlaState, now: Date | string): SlaEvent[] {
  const t = now instanceof Date ? now.getTime() : ms(now);
  return running(state)
    .map((clock): SlaEvent | undefined => {
      const dueAt = dueOf(state, clock);
      if (ms(dueAt) <= t) return { clock, kind: 'breach', dueAt };
      const warnAt = warnOf(state, clock);
      if (warnAt !== undefined && !state.warned[clock] && ms(warnAt) <= t) return { clock, kind: 'warning', dueAt: warnAt };
      return undefined;
    })
    .filter((e): e is SlaEvent => e !== undefined)
    .sort(byDue);
}

/** Records that `event` was escalated at `at`; recording it again keeps the first record. */
export function markEscalated(state: SlaState, event: Pick<SlaEvent, 'clock' | 'kind'>, at: Date | string): SlaState {
  const when = at instanceof Date ? at.toISOString() : new Date(at).toISOString();
  const field = event.kind === 'breach' ? 'breaches' : 'warned';
  if (state[field][event.clock]) return state;
  return { ...state, [field]: { ...state[field], [event.clock]: when } };
}

export interface SlaCompliance {
  readonly clock: 'business' | 'calendar';
  /** Answered (or resolved) by the due time and never escalated as breached; undefined while open and not breached. */
  readonly firstResponseMet?: boolean;
  readonly resolutionMet?: boolean;
  /** Minutes of the policy's clock from start to first response (business minutes unless the clock is `calendar`). */
  readonly firstResponseBusinessMinutes?: number;
  /** Minutes of the policy's clock from start to resolution, paused time excluded. */
  readonly resolutionBusinessMinutes?: number;
  readonly pausedBusinessMinutes: number;
}

/**
 * Compliance for metrics. The met flags need only the state; the durations need the calendar,
 * so they are given when `standards` is passed (or the clock is `calendar`).
 */
export function compliance(state: SlaState, standards?: ServiceStandards): SlaCompliance {
  const clock = state.policy.clock;
  const responded = state.firstRespondedAt ?? state.resolvedAt;
  // Resolved while paused: the resolution clock stopped when the pause began.
  const resolvedOnClock = state.resolvedAt ? (state.pausedAt ?? state.resolvedAt) : undefined;
  const met = (done: string | undefined, due: string, breached: string | undefined): boolean | undefined =>
    breached ? false : done === undefined ? undefined : ms(done) <= ms(due);
  const start = new Date(state.startedAt);
  const measure =
    standards !== undefined
      ? (end: string): number => clockMinutesBetween(start, new Date(end), clock, calendarOf(standards))
      : clock === 'calendar'
        ? (end: string): number => Math.max(0, (ms(end) - start.getTime()) / 60_000)
        : undefined;
  const firstResponseMet = met(responded, state.firstResponseDueAt, state.breaches.firstResponse);
  const resolutionMet = met(resolvedOnClock, state.resolutionDueAt, state.breaches.resolution);
  return {
    clock,
    ...(firstResponseMet !== undefined ? { firstResponseMet } : {}),
    ...(resolutionMet !== undefined ? { resolutionMet } : {}),
    ...(measure && responded ? { firstResponseBusinessMinutes: measure(responded) } : {}),
    ...(measure && resolvedOnClock ? { resolutionBusinessMinutes: Math.max(0, measure(resolvedOnClock) - state.pausedBusinessMinutes) } : {}),
    pausedBusinessMinutes: state.pausedBusinessMinutes,
  };
}
