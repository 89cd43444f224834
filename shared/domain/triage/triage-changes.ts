import type { Feedback } from '../feedback.schema.js';
import type { ServiceStandards } from '../sla/service-standards.schema.js';
import { pause, reprioritize, resolve, resume } from '../sla/sla-clock.js';
import type { SlaState } from '../sla/sla-state.schema.js';
import type { TimelineEntry } from '../workflow-records.schema.js';
import { TransitionNotAllowedError } from './triage.errors.js';
import { canTransition, TRANSITIONS, type TriageChanges } from './triage.schema.js';

export interface TriageResult {
  /** The changed record (version not yet bumped), or undefined when nothing changes. */
  readonly next: Feedback | undefined;
  /** What happened, for the timeline (keys carry the new version, so each change is one entry). */
  readonly entries: TimelineEntry[];
  /** True when this change moved the item into `resolved` (publish `feedback.resolved`). */
  readonly resolved: boolean;
}

/**
 * Applies an agent's changes to an item, pure. Status moves only along TRANSITIONS (400 naming
 * `status`). SLA: entering `pending` pauses the resolution clock, leaving it resumes it, `resolved`
 * or `closed` stop both clocks, a new priority re-targets them (before any pause or resolution).
 * A reopened item keeps its resolved SLA: the clocks do not restart.
 */
export function applyTriage(fb: Feedback, changes: TriageChanges, ctx: { standards: ServiceStandards; at: Date; actor: string }): TriageResult {
  const at = ctx.at.toISOString();
  const v = fb.version + 1;
  const entries: TimelineEntry[] = [];
  const entry = (type: TimelineEntry['type'], summary: string, detail: Record<string, unknown>) =>
    entries.push({ key: `triage:v${v}:${type}`, at, actor: ctx.actor, type, summary, detail });
  let next: Feedback = fb;
  let sla: SlaState | undefined = fb.sla;
  const running = () => sla !== undefined && sla.resolvedAt === undefined;

  const status = changes.status !== undefined && changes.status !== fb.status ? changes.status : undefined;
  if (status !== undefined && !canTransition(fb.status, status)) throw new TransitionNotAllowedError(fb.status, status, TRANSITIONS[fb.status]);

  if (status !== undefined && fb.status === 'pending' && status === 'open' && running()) sla = resume(sla!, ctx.at, ctx.standards);
  if (changes.priority !== undefined && changes.priority !== fb.priority) {
    if (running()) sla = reprioritize(sla!, ctx.standards, changes.priority, ctx.at);
    entry('priority-changed', `priority ${fb.priority} → ${changes.priority}`, { from: fb.priority, to: changes.priority });
    next = { ...next, priority: changes.priority };
  }
  if (status !== undefined) {
    if (status === 'pending' && running()) sla = pause(sla!, ctx.at);
    if ((status === 'resolved' || status === 'closed') && running()) sla = resolve(sla!, ctx.at);
    entry('status-changed', `status ${fb.status} → ${status}`, { from: fb.status, to: status });
    next = { ...next, status };
    // The first resolution (or closing) is the item's resolution time for metrics; reopening keeps it.
    if ((status === 'resolved' || status === 'closed') && fb.resolvedAt === undefined) next = { ...next, resolvedAt: at, resolvedBy: ctx.actor };
  }
  if (changes.assignee !== undefined && (changes.assignee ?? undefined) !== fb.assignee) {
    const { assignee: _old, ...rest } = next;
    next = changes.assignee === null ? rest : { ...rest, assignee: changes.assignee };
    entry('assigned', changes.assignee === null ? 'unassigned' : `assigned to ${changes.assignee}`, { from: fb.assignee ?? null, to: changes.assignee });
  }
  if (changes.labels) {
    const remove = new Set(changes.labels.remove ?? []);
    const added = [...new Set(changes.labels.add ?? [])].filter((l) => !fb.labels.includes(l) && !remove.has(l));
    const removed = fb.labels.filter((l) => remove.has(l));
    if (added.length > 0 || removed.length > 0) {
      next = { ...next, labels: [...fb.labels.filter((l) => !remove.has(l)), ...added] };
      if (added.length > 0) entry('labels-added', `labels added: ${added.join(', ')}`, { labels: added });
      if (removed.length > 0) entry('labels-removed', `labels removed: ${removed.join(', ')}`, { labels: removed });
    }
  }
  if (entries.length === 0) return { next: undefined, entries, resolved: false };
  if (sla !== fb.sla && sla !== undefined) next = { ...next, sla };
  return { next, entries, resolved: status === 'resolved' };
}
