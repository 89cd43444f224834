import { createHash } from 'node:crypto';
import type { Feedback } from '../../domain/feedback.schema.js';
import { localeOf } from '../../domain/i18n.js';
import { oneLine } from '../../domain/workflows/message-format.js';
import { renderTemplate, type TemplateId, type TemplateVars } from '../../domain/workflows/message-templates.js';
import type { Action } from '../../domain/workflows/rules.schema.js';
import { createSurvey } from '../create-survey.use-case.js';
import { customerRoute, deliverToCustomer, suppressionOf, unreachableSummary, type CustomerRoute } from './customer-delivery.js';
import type { ActionContext, ActionResult } from './item-actions.js';

type Of<T extends Action['type']> = Extract<Action, { type: T }>;

export { customerRoute } from './customer-delivery.js';

const varsOf = (fb: Feedback, ctx: ActionContext): TemplateVars => ({
  reference: fb.id,
  ...(fb.customer.name && { customerName: fb.customer.name }),
  ...(fb.sla && { firstResponseDue: new Date(fb.sla.firstResponseDueAt), resolutionDue: new Date(fb.sla.resolutionDueAt) }),
  timezone: ctx.standards.timezone,
  priority: fb.priority,
  channel: fb.channel,
});

/** Deterministic per action, so a retried send reuses the same ids (the outbox and threads dedupe on them). */
const idFor = (key: string, fb: Feedback) => createHash('sha256').update(`${key}\n${fb.id}`).digest('hex').slice(0, 24);

/**
 * An email to an address SES reported as bouncing or complaining is not sent: the action is recorded
 * as skipped, with a `message-skipped` timeline entry saying why (never as sent).
 */
async function skippedAsUnreachable(ctx: ActionContext, fb: Feedback, key: string, template: TemplateId, route: CustomerRoute): Promise<ActionResult | undefined> {
  const suppression = await suppressionOf(ctx.deps, route);
  if (!suppression) return undefined;
  const why = unreachableSummary(suppression);
  await ctx.deps.timeline.append(fb.id, {
    key: `message-skipped:${key}`, at: ctx.now.toISOString(), actor: 'system', type: 'message-skipped',
    summary: `${template} not sent: ${why}`, detail: { template, channel: route.channel, reason: suppression.reason, since: suppression.at },
  });
  return { skipped: why, reason: suppression.reason };
}

async function sendToCustomer(ctx: ActionContext, fb: Feedback, key: string, template: TemplateId, extra: Partial<TemplateVars> = {}): Promise<ActionResult> {
  const route = customerRoute(fb);
  if (!route) return { skipped: 'no way to reach the customer' };
  const skipped = await skippedAsUnreachable(ctx, fb, key, template, route);
  if (skipped) return skipped;
  const locale = localeOf(fb.language);
  const { subject, text } = renderTemplate(template, locale, { ...varsOf(fb, ctx), ...extra });
  const id = idFor(key, fb);
  const { receipt } = await deliverToCustomer(ctx.deps, fb, route, {
    id, subject, text, locale, template, from: 'ouvidor', actor: 'system', timelineKey: `message:${key}`, at: ctx.now.toISOString(),
    summary: (r) => `${template} sent by ${route.channel} (${r.status})`,
  });
  return { outboxId: id, channel: route.channel, status: receipt.status };
}

export async function sendMessage(ctx: ActionContext, fb: Feedback, key: string, a: Of<'sendMessage'>): Promise<ActionResult> {
  return sendToCustomer(ctx, fb, key, a.template);
}

export async function notifyTeam(ctx: ActionContext, fb: Feedback, key: string, a: Of<'notifyTeam'>, extra: Partial<TemplateVars> = {}): Promise<ActionResult> {
  const locale = ctx.deps.workflow.teamLocale ?? 'pt-BR';
  const { subject, text } = renderTemplate(a.template, locale, { ...varsOf(fb, ctx), summary: oneLine(fb.text) ?? '', ...extra });
  const id = idFor(key, fb);
  const url = ctx.deps.workflow.consoleUrl ? `${ctx.deps.workflow.consoleUrl.replace(/\/$/, '')}/#/feedback/${fb.id}` : undefined;
  const receipt = await ctx.deps.notifier.notify({ id, feedbackId: fb.id, title: subject, text, severity: a.severity, ...(url && { url }) });
  const at = ctx.now.toISOString();
  await ctx.deps.outbox.record({
    id, feedbackId: fb.id, kind: 'team', channel: 'team', to: 'team', subject, text, template: a.template,
    provider: receipt.provider, ...(receipt.providerMessageId && { providerMessageId: receipt.providerMessageId }), status: receipt.status, at,
  });
  await ctx.deps.timeline.append(fb.id, { key: `notify:${key}`, at, actor: 'system', type: 'notification-sent', summary: `${a.template} (${a.severity}) to the team`, detail: { outboxId: id } });
  return { outboxId: id, status: receipt.status };
}

/** A CSAT/NPS survey about this item, its one-click link sent to the customer. */
export async function sendSurvey(ctx: ActionContext, fb: Feedback, key: string, a: Of<'sendSurvey'>): Promise<ActionResult> {
  const route = customerRoute(fb);
  if (!route) return { skipped: 'no way to reach the customer' };
  // No survey is created for a customer it cannot reach.
  const skipped = await skippedAsUnreachable(ctx, fb, key, 'survey-invite', route);
  if (skipped) return skipped;
  const survey = await createSurvey(ctx.deps, { type: a.survey, feedbackId: fb.id }, { publicBaseUrl: ctx.deps.workflow.publicBaseUrl });
  const sent = await sendToCustomer(ctx, fb, key, 'survey-invite', { surveyUrl: survey.url });
  return { ...sent, surveyId: survey.id };
}
