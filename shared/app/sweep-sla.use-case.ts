import type { Feedback, Priority } from '../domain/feedback.schema.js';
import { dueEvents, markEscalated } from '../domain/sla/sla-deadlines.js';
import type { SlaEvent } from '../domain/sla/sla-state.schema.js';
import { METRIC } from '../ports/telemetry.port.js';
import { notifyTeam } from './workflows/message-actions.js';
import { isRetryable, loadRules, loadStandards, mutateItem, type WorkflowDeps } from './workflows/workflow-context.js';

const UP: Record<Priority, Priority> = { low: 'normal', normal: 'high', high: 'urgent', urgent: 'urgent' };
export const SLA_BREACHED_LABEL = 'sla-breached';

export interface SlaSweepResult {
  readonly warned: number;
  readonly escalated: number;
  readonly failed: number;
}

/** What a breach or a warning does to the item: a breach raises the priority a level and labels it. */
function escalate(fb: Feedback, event: SlaEvent, at: Date): Feedback | undefined {
  if (!fb.sla || !dueEvents(fb.sla, at).some((e) => e.clock === event.clock && e.kind === event.kind)) return undefined;
  const sla = markEscalated(fb.sla, event, at);
  if (event.kind === 'warning') return { ...fb, sla };
  return { ...fb, sla, priority: UP[fb.priority], labels: fb.labels.includes(SLA_BREACHED_LABEL) ? fb.labels : [...fb.labels, SLA_BREACHED_LABEL] };
}

/**
 * The SLA sweeper (every minute): items whose next deadline has come, found through the sparse
 * due-time index (never a scan), are warned about or escalated — exactly once per warning and per
 * breach: the action log claims the event, the team is notified, then the item records it (and
 * leaves the index entry for that deadline). A failed notification is retried on a later sweep.
 */
export async function sweepSla(deps: WorkflowDeps, opts: { limit?: number } = {}): Promise<SlaSweepResult> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const ids = await deps.store.listDue(at, opts.limit ?? 100);
  if (ids.length === 0) return { warned: 0, escalated: 0, failed: 0 };
  const [rules, standards] = await Promise.all([loadRules(deps), loadStandards(deps)]);
  const result = { warned: 0, escalated: 0, failed: 0 };
  for (const id of ids) {
    const fb = await deps.store.get(id);
    if (!fb?.sla) continue;
    for (const event of dueEvents(fb.sla, now)) {
      const key = `sla:${event.clock}:${event.kind}:${event.dueAt}`;
      const claim = await deps.actions.claim(id, { key, ruleId: 'sla', type: `sla-${event.kind}`, now: at, leaseMs: deps.workflow.leaseMs });
      if (!claim) continue;
      const breach = event.kind === 'breach';
      let gaveUp = false;
      try {
        const current = (await deps.store.get(id)) ?? fb;
        await notifyTeam({ deps, id, rules, standards, now }, { ...current, priority: breach ? UP[current.priority] : current.priority }, key, {
          type: 'notifyTeam', template: breach ? 'team-sla-breach' : 'team-sla-warning', severity: breach ? 'urgent' : 'warning',
        });
      } catch (error) {
        const again = isRetryable(error) && claim.attempts < deps.workflow.maxAttempts;
        const reason = error instanceof Error ? error.message : String(error);
        await deps.actions.fail(id, key, reason, at, again ? new Date(now.getTime() + deps.workflow.retryBaseMs * 2 ** (claim.attempts - 1)).toISOString() : undefined);
        await deps.timeline.append(id, { key: `action-failed:${key}:${claim.attempts}`, at, actor: 'sla', type: 'action-failed', summary: `SLA ${event.kind} notification failed: ${reason}`.slice(0, 500) });
        deps.telemetry?.count(METRIC.workflowActionFailed);
        result.failed++;
        if (again) continue;
        gaveUp = true;
      }
      const saved = await mutateItem(deps, id, (f) => escalate(f, event, now), at);
      await deps.timeline.append(id, {
        key, at, actor: 'sla', type: breach ? 'sla-breached' : 'sla-warning',
        summary: `${event.clock === 'firstResponse' ? 'first response' : 'resolution'} ${breach ? `target breached; priority ${saved.priority}` : 'target about to be breached'}`,
        detail: { dueAt: event.dueAt },
      });
      if (!gaveUp) await deps.actions.complete(id, key, { priority: saved.priority }, at);
      if (breach) {
        result.escalated++;
        deps.telemetry?.count(METRIC.slaBreached, 1, { clock: event.clock });
      } else result.warned++;
    }
  }
  return result;
}
