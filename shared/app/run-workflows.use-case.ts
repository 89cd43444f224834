import { planActions } from '../domain/workflows/action-plan.js';
import { matchRules } from '../domain/workflows/rule-matcher.js';
import type { Action, Trigger } from '../domain/workflows/rules.schema.js';
import type { Feedback } from '../domain/feedback.schema.js';
import { METRIC } from '../ports/telemetry.port.js';
import { addLabels, assign, collect, recordKudos, setPriority, startSlaClock, type ActionContext, type ActionResult } from './workflows/item-actions.js';
import { notifyTeam, sendMessage, sendSurvey } from './workflows/message-actions.js';
import { isRetryable, loadRules, loadStandards, type WorkflowDeps } from './workflows/workflow-context.js';

export interface WorkflowEvent {
  readonly trigger: Trigger;
  readonly feedbackId: string;
}

export interface WorkflowRun {
  readonly matched: string[];
  readonly done: string[];
  readonly skipped: string[];
  readonly failed: string[];
}

/** Thrown after a run in which some action failed and will be retried: the event is delivered again. */
export class WorkflowRetryError extends Error {
  readonly status = 503;
  constructor(readonly pending: readonly string[], options?: { cause?: unknown }) {
    super(`workflow actions to retry: ${pending.join(', ')}`, options);
    this.name = 'WorkflowRetryError';
  }
}

/** (item, trigger, action): the key of the action log. The plan merges rules, so one message per event. */
export function actionKey(trigger: Trigger, a: Action): string {
  const detail =
    a.type === 'setPriority' ? a.priority
    : a.type === 'addLabels' ? [...a.labels].sort().join(',')
    : a.type === 'assign' ? a.team
    : a.type === 'sendMessage' || a.type === 'notifyTeam' ? a.template
    : a.type === 'sendSurvey' ? a.survey
    : a.type === 'collect' ? a.collection
    : '';
  return [trigger, a.type, detail].filter(Boolean).join(':');
}

function execute(ctx: ActionContext, fb: Feedback, key: string, a: Action): Promise<ActionResult> {
  switch (a.type) {
    case 'setPriority': return setPriority(ctx, a);
    case 'addLabels': return addLabels(ctx, a);
    case 'assign': return assign(ctx, a);
    case 'startSla': return startSlaClock(ctx);
    case 'recordKudos': return recordKudos(ctx, fb);
    case 'collect': return collect(ctx, a);
    case 'sendMessage': return sendMessage(ctx, fb, key, a);
    case 'notifyTeam': return notifyTeam(ctx, fb, key, a);
    case 'sendSurvey': return sendSurvey(ctx, fb, key, a);
  }
}

/**
 * Runs the rules for one event, exactly once per (item, trigger, action): each planned action is
 * claimed in the action log before it runs and marked done after; a redelivered event finds them
 * done. A failing action is recorded with its reason and retried with exponential backoff (the
 * event comes back: WorkflowRetryError) until `maxAttempts`, then failed for good; it never stops
 * the other actions.
 */
export async function runWorkflows(deps: WorkflowDeps, event: WorkflowEvent): Promise<WorkflowRun> {
  const run: WorkflowRun = { matched: [], done: [], skipped: [], failed: [] };
  const item = await deps.store.get(event.feedbackId);
  if (!item || item.stage !== 'analyzed') return run;
  // A resolution event for an item reopened since: nothing to do for it any more.
  if (event.trigger === 'resolved' && item.status !== 'resolved' && item.status !== 'closed') return run;
  const [rules, standards] = await Promise.all([loadRules(deps), loadStandards(deps)]);
  const matches = matchRules(rules, event.trigger, item);
  if (matches.length === 0) return run;

  const now = deps.clock.now();
  const at = now.toISOString();
  const ruleIds = matches.map((m) => m.rule.id);
  run.matched.push(...ruleIds);
  for (const id of ruleIds) {
    await deps.timeline.append(item.id, { key: `rule:${event.trigger}:${id}`, at, actor: `rule:${id}`, type: 'rule-matched', summary: `rule ${id} matched (${event.trigger})` });
  }

  const ctx: ActionContext = { deps, id: item.id, rules, standards, now };
  const retry: string[] = [];
  const existing = new Map((await deps.actions.list(item.id)).map((r) => [r.key, r]));
  for (const action of planActions(matches, rules.acknowledgements)) {
    const key = actionKey(event.trigger, action);
    const claim = await deps.actions.claim(item.id, { key, ruleId: ruleIds.join(','), type: action.type, now: at, leaseMs: deps.workflow.leaseMs });
    if (!claim) {
      const r = existing.get(key);
      if (r?.status === 'failed' && r.nextAttemptAt) retry.push(key); // waiting for its next attempt
      run.skipped.push(key);
      continue;
    }
    try {
      // Each action sees what the previous ones did (priority before the promised time, etc.).
      const fb = (await deps.store.get(item.id)) ?? item;
      const result = await execute(ctx, fb, key, action);
      await deps.actions.complete(item.id, key, result, deps.clock.now().toISOString());
      await deps.timeline.append(item.id, { key: `action:${key}`, at, actor: `rule:${claim.ruleId}`, type: 'action-done', summary: `${action.type} done`, detail: result });
      run.done.push(key);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const again = isRetryable(error) && claim.attempts < deps.workflow.maxAttempts;
      const next = again ? new Date(now.getTime() + deps.workflow.retryBaseMs * 2 ** (claim.attempts - 1)).toISOString() : undefined;
      await deps.actions.fail(item.id, key, reason, at, next);
      await deps.timeline.append(item.id, {
        key: `action-failed:${key}:${claim.attempts}`, at, actor: `rule:${claim.ruleId}`, type: 'action-failed',
        summary: `${action.type} failed (attempt ${claim.attempts}${again ? ', will retry' : ', gave up'}): ${reason}`.slice(0, 500),
      });
      deps.log.warn('workflow action failed', { feedbackId: item.id, action: key, attempt: claim.attempts, retry: again, reason });
      run.failed.push(key);
      deps.telemetry?.count(METRIC.workflowActionFailed);
      if (again) retry.push(key);
    }
  }
  if (retry.length > 0) throw new WorkflowRetryError(retry);
  return run;
}
