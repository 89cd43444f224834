import { createHash } from 'node:crypto';
import type { Feedback } from '../domain/feedback.schema.js';
import { localeOf } from '../domain/i18n.js';
import { recordFirstResponse } from '../domain/sla/sla-clock.js';
import { CustomerUnreachableError, ReplyInFlightError, VersionConflictError } from '../domain/triage/triage.errors.js';
import type { Reply } from '../domain/triage/triage.schema.js';
import type { TimelineEntry } from '../domain/workflow-records.schema.js';
import type { Clock } from '../ports/clock.port.js';
import type { FeedbackStore } from '../ports/feedback-store.port.js';
import type { ActionLog } from '../ports/workflow-store.port.js';
import { METRIC, type Telemetry } from '../ports/telemetry.port.js';
import { triageable } from './triage-feedback.use-case.js';
import { customerRoute, deliverToCustomer, suppressionOf, unreachableReason, unreachableSummary, type DeliveryDeps } from './workflows/customer-delivery.js';

export interface ReplyDeps extends DeliveryDeps {
  readonly store: FeedbackStore;
  readonly actions: ActionLog;
  readonly clock: Clock;
  readonly telemetry?: Telemetry;
}

export interface ReplyResult {
  readonly outboxId: string;
  readonly status: string;
}

const subjectOf = (fb: Feedback): string => {
  if (fb.subject) return /^re:/i.test(fb.subject) ? fb.subject : `Re: ${fb.subject}`;
  return localeOf(fb.language) === 'en' ? `Re: your message (ref. ${fb.id})` : `Re: sua mensagem (ref. ${fb.id})`;
};

/**
 * POST /v1/feedback/{id}/replies: an agent answers the customer through the item's channel (email,
 * or a reply on the social post). Recorded in the outbox, the conversation (from `agent:<sub>`) and
 * the timeline; stops the first-response clock and moves a `new` item to `open`.
 */
export async function replyToFeedback(deps: ReplyDeps, id: string, reply: Reply, actor: string, idempotencyKey?: string): Promise<ReplyResult> {
  const fb = await triageable(deps.store, id);
  const route = customerRoute(fb);
  if (!route) throw new CustomerUnreachableError(unreachableReason(fb));
  // Nothing is sent to an address SES reported as bouncing or complaining: the agent is told why (409).
  const suppression = await suppressionOf(deps, route);
  if (suppression) throw new CustomerUnreachableError(`${unreachableSummary(suppression)} since ${suppression.at}`);
  const now = deps.clock.now();
  const at = now.toISOString();
  const outboxId = createHash('sha256').update(`reply\n${fb.id}\n${actor}\n${idempotencyKey ?? `${at}\n${reply.text}`}`).digest('hex').slice(0, 24);
  if (idempotencyKey === undefined) return send(deps, fb, route, reply, actor, outboxId, now);

  // A retried request (same Idempotency-Key) answers what the first one sent, and sends nothing.
  const key = `reply:${outboxId}`;
  const claim = await deps.actions.claim(fb.id, { key, ruleId: actor, type: 'reply', now: at, leaseMs: 60_000 });
  if (!claim) {
    const earlier = (await deps.actions.list(fb.id)).find((r) => r.key === key);
    if (earlier?.status === 'done' && earlier.result) return earlier.result as unknown as ReplyResult;
    throw new ReplyInFlightError();
  }
  try {
    const result = await send(deps, fb, route, reply, actor, outboxId, now);
    await deps.actions.complete(fb.id, key, { ...result }, deps.clock.now().toISOString());
    return result;
  } catch (error) {
    // Retryable at once with the same key: nothing was sent.
    await deps.actions.fail(fb.id, key, error instanceof Error ? error.message : String(error), at, at);
    throw error;
  }
}

async function send(deps: ReplyDeps, fb: Feedback, route: NonNullable<ReturnType<typeof customerRoute>>, reply: Reply, actor: string, outboxId: string, now: Date): Promise<ReplyResult> {
  const at = now.toISOString();
  const { receipt } = await deliverToCustomer(deps, fb, route, {
    id: outboxId,
    ...(route.channel === 'email' && { subject: subjectOf(fb) }),
    text: reply.text,
    locale: localeOf(fb.language),
    ...(reply.cannedReplyId && { template: `canned:${reply.cannedReplyId}` }),
    from: actor,
    actor,
    timelineKey: `reply:${outboxId}`,
    at,
    summary: (r) => `reply sent by ${route.channel} (${r.status})`,
    ...(reply.cannedReplyId && { detail: { cannedReplyId: reply.cannedReplyId } }),
  });
  await markResponded(deps, fb.id, now, actor, outboxId);
  return { outboxId, status: receipt.status };
}

/** Calendar minutes from `fromIso` to `to`, one decimal. */
const minutesBetween = (fromIso: string, to: Date): number => Math.max(0, Math.round((to.getTime() - Date.parse(fromIso)) / 6_000) / 10);

/** First response on the SLA clock, and `new` → `open`; under the version, retried on a concurrent change. */
async function markResponded(deps: ReplyDeps & Pick<DeliveryDeps, 'timeline'>, id: string, now: Date, actor: string, outboxId: string): Promise<void> {
  const at = now.toISOString();
  for (let attempt = 0; attempt < 8; attempt++) {
    const fb = await triageable(deps.store, id);
    const sla = fb.sla ? recordFirstResponse(fb.sla, now) : undefined;
    const opens = fb.status === 'new';
    const first = fb.firstResponseAt === undefined;
    if (sla === fb.sla && !opens && !first) return;
    const saved: Feedback = {
      ...fb,
      ...(sla && { sla }),
      ...(opens && { status: 'open' as const }),
      ...(first && { firstResponseAt: at, firstResponseBy: actor }),
      version: fb.version + 1,
      updatedAt: at,
    };
    if (!(await deps.store.update(saved, fb.version))) continue;
    if (first) deps.telemetry?.duration(METRIC.firstResponseMinutes, minutesBetween(fb.receivedAt, now), { channel: fb.channel });
    if (opens) {
      const entry: TimelineEntry = { key: `reply:${outboxId}:opened`, at, actor, type: 'status-changed', summary: 'status new → open (replied)', detail: { from: 'new', to: 'open' } };
      await deps.timeline.append(id, entry);
    }
    return;
  }
  throw new VersionConflictError((await deps.store.get(id))?.version ?? 0, 0);
}
