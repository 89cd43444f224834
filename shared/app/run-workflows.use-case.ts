import { planActions } from '../domain/workflows/action-plan.js';
import { matchRules } from '../domain/workflows/rule-matcher.js';
import type { Action, Trigger } from '../domain/workflows/rules.schema.js';
import type { Feedback } from '../domain/feedback.schema.js';
import { METRIC } from '../ports/telemetry.port.js';
import type { ActionRecord } from '../domain/workflow-records.schema.js';
import { collect, recordKudos, type ActionContext, type ActionResult } from './workflows/item-actions.js';
import { applyItemActions, isItemAction, teamsToStaff, type ItemEffectContext } from './workflows/item-effects.js';
import { notifyTeam, sendMessage, sendSurvey } from './workflows/message-actions.js';
import { RunRecorder } from './workflows/run-recorder.js';
import { isRetryable, loadRules, loadStandards, mutateItem, type WorkflowDeps } from './workflows/workflow-context.js';

export interface WorkflowEvent {
  readonly trigger: Trigger;
  readonly feedbackId: string;
  /** The analyzed record the event carried (spares a read); stale copies are fine: changes re-read. */
  readonly item?: Feedback;
  /**
   * Which delivery of its queue message this is (SQS `ApproximateReceiveCount`) out of how many the
   * queue's redrive policy allows: the queue, not a backoff of ours, decides when and how often an
   * action is retried. Without it (a direct call), `workflow.maxAttempts` and `retryBaseMs` do.
   */
  readonly delivery?: { readonly receive: number; readonly maxReceives: number };
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

/**
 * Thrown after a run on the last delivery its queue allows in which an action failed and could
 * have been retried: the message fails once more, so the queue moves it to its DLQ (alarmed).
 */
export class WorkflowDeadLetterError extends Error {
  constructor(readonly failed: readonly string[]) {
    super(`workflow actions failed on the last delivery, the event goes to the dead-letter queue: ${failed.join(', ')}`);
    this.name = 'WorkflowDeadLetterError';
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
    case 'recordKudos': return recordKudos(ctx, fb);
    case 'collect': return collect(ctx, a);
    case 'sendMessage': return sendMessage(ctx, fb, key, a);
    case 'notifyTeam': return notifyTeam(ctx, fb, key, a);
    case 'sendSurvey': return sendSurvey(ctx, fb, key, a);
    default: throw new Error(`${a.type} is an item action`);
  }
}

/**
 * The item-level actions (priority, labels, team, SLA): normally already on the item, stored with
 * its analysis by the processor; applied here (one read-modify-write) only when the item does not
 * show them yet. Their results say what the item holds.
 */
async function itemActions(deps: WorkflowDeps, item: Feedback, actions: readonly Action[], ctx: Omit<ItemEffectContext, 'agentFor'>, at: string): Promise<{ item: Feedback; results: ActionResult[] }> {
  const agents = new Map<string, string>();
  const effect = (fb: Feedback) => applyItemActions(fb, actions, { ...ctx, agentFor: (team) => agents.get(team) });
  if (effect(item).item !== item) {
    for (const team of teamsToStaff(item, actions, ctx.rules)) {
      const available = ctx.rules.teams.find((t) => t.id === team)!.agents.filter((x) => x.available);
      const n = await deps.configs.nextCounter(`round-robin#${team}`);
      agents.set(team, available[(n - 1) % available.length]!.id);
    }
    item = await mutateItem(deps, item.id, (fb) => {
      const next = effect(fb).item;
      return next === fb ? undefined : next;
    }, at);
  }
  return { item, results: effect(item).effects.map((e) => e.result) };
}

const done = (r: ActionRecord, result: ActionResult, at: string): ActionRecord => {
  const { claimedAt: _c, lastError: _l, nextAttemptAt: _n, ...rest } = r;
  return { ...rest, status: 'done', doneAt: at, result };
};
const failed = (r: ActionRecord, reason: string, next: string | undefined): ActionRecord => {
  const { claimedAt: _c, nextAttemptAt: _n, ...rest } = r;
  return { ...rest, status: 'failed', lastError: reason.slice(0, 1000), ...(next && { nextAttemptAt: next }) };
};

/**
 * Runs the rules for one event, exactly once per (item, trigger, action): the run claims every
 * planned action it may run in one conditional write to its run record, runs them, and stores their
 * states with everything the run produced (timeline, outbox, conversation, kudos, collections) when
 * it ends; a redelivered event finds them done. The item comes with the event when it fits (else it
 * is read once) and is passed along, never re-read. A failing action is recorded with its reason and
 * retried (the event comes back: WorkflowRetryError): with the queue's next delivery until its last
 * (then WorkflowDeadLetterError: the event goes to the DLQ), or, called directly, with exponential
 * backoff until `maxAttempts`; then failed for good. It never stops the other actions.
 */
export async function runWorkflows(deps: WorkflowDeps, event: WorkflowEvent): Promise<WorkflowRun> {
  const run: WorkflowRun = { matched: [], done: [], skipped: [], failed: [] };
  const carried = event.item?.id === event.feedbackId && event.item.stage === 'analyzed' ? event.item : undefined;
  let item = carried ?? (await deps.store.get(event.feedbackId));
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
  const plan = planActions(matches, rules.acknowledgements).map((action) => ({ action, key: actionKey(event.trigger, action), ruleId: ruleIds.join(','), type: action.type }));
  const claim = await deps.actions.claimRun(item.id, event.trigger, plan, at, deps.workflow.leaseMs);
  // Another delivery changed the run meanwhile: come back later.
  if (!claim) throw new WorkflowRetryError(plan.map((p) => p.key));
  const retry: string[] = [];
  for (const r of claim.others) {
    // Waiting for its next attempt, or being run by another delivery (whose lease may yet expire).
    if ((r.status === 'failed' && r.nextAttemptAt) || r.status === 'pending') retry.push(r.key);
    run.skipped.push(r.key);
  }
  if (claim.claimed.length === 0) {
    if (retry.length > 0) throw new WorkflowRetryError(retry);
    return run;
  }

  const recorder = new RunRecorder(item.id);
  for (const id of ruleIds) recorder.note({ key: `rule:${event.trigger}:${id}`, at, actor: `rule:${id}`, type: 'rule-matched', summary: `rule ${id} matched (${event.trigger})` });
  const ctx: ActionContext = { deps: recorder.deps(deps), id: item.id, rules, standards, now };
  const states: ActionRecord[] = [];
  const claimed = new Map(claim.claimed.map((r) => [r.key, r]));
  const mine = plan.filter((p) => claimed.has(p.key));

  const deadLetter: string[] = [];
  const fail = (p: (typeof plan)[number], record: ActionRecord, error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    const retryable = isRetryable(error);
    const { delivery } = event;
    // Under a queue the next delivery is the retry (claimable at once); else our own backoff.
    const again = retryable && (delivery ? delivery.receive < delivery.maxReceives : record.attempts < deps.workflow.maxAttempts);
    const toDlq = retryable && !again && delivery !== undefined;
    // Dead-lettered, it stays claimable: an admin's redrive of the DLQ runs it again (and only it).
    const next = toDlq || (again && delivery) ? at : again ? new Date(now.getTime() + deps.workflow.retryBaseMs * 2 ** (record.attempts - 1)).toISOString() : undefined;
    const where = delivery ? `, delivery ${delivery.receive} of ${delivery.maxReceives}` : '';
    const outcome = again ? 'will retry' : toDlq ? 'gave up: the event goes to the workflow dead-letter queue' : retryable ? 'gave up' : 'gave up: not retryable';
    states.push(failed(record, reason, next));
    recorder.note({
      key: `action-failed:${p.key}:${record.attempts}`, at, actor: `rule:${record.ruleId}`, type: 'action-failed',
      summary: `${p.type} failed (attempt ${record.attempts}${where}, ${outcome}): ${reason}`.slice(0, 500),
    });
    deps.log.warn('workflow action failed', { feedbackId: item!.id, action: p.key, attempt: record.attempts, retry: again, deadLetter: toDlq, reason });
    run.failed.push(p.key);
    deps.telemetry?.count(METRIC.workflowActionFailed);
    if (again) retry.push(p.key);
    if (toDlq) deadLetter.push(p.key);
  };
  const succeed = (p: (typeof plan)[number], record: ActionRecord, result: ActionResult) => {
    // Its timeline entry (`action-done`) is read from the stored state: not stored twice.
    states.push(done(record, result, deps.clock.now().toISOString()));
    run.done.push(p.key);
  };

  // Item-level actions first (priority before the promised time, etc.), then the side effects.
  const onItem = mine.filter((p) => isItemAction(p.action));
  if (onItem.length > 0) {
    try {
      const applied = await itemActions(deps, item, onItem.map((p) => p.action), { rules, standards, now }, at);
      item = applied.item;
      onItem.forEach((p, n) => succeed(p, claimed.get(p.key)!, applied.results[n]!));
    } catch (error) {
      for (const p of onItem) fail(p, claimed.get(p.key)!, error);
    }
  }
  for (const p of mine.filter((x) => !isItemAction(x.action))) {
    try {
      succeed(p, claimed.get(p.key)!, await execute(ctx, item, p.key, p.action));
    } catch (error) {
      fail(p, claimed.get(p.key)!, error);
    }
  }
  if (!(await deps.actions.finishRun(item.id, event.trigger, claim, recorder.outcome(states)))) {
    deps.log.warn('workflow run taken over before it ended', { feedbackId: item.id, trigger: event.trigger });
  }
  if (retry.length > 0) throw new WorkflowRetryError(retry);
  if (deadLetter.length > 0) throw new WorkflowDeadLetterError(deadLetter);
  return run;
}
