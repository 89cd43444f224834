import { createHash } from 'node:crypto';
import type { Feedback } from '../../domain/feedback.schema.js';
import { localeOf } from '../../domain/i18n.js';
import { oneLine } from '../../domain/workflows/message-format.js';
import { renderTemplate, type TemplateId, type TemplateVars } from '../../domain/workflows/message-templates.js';
import type { Action } from '../../domain/workflows/rules.schema.js';
import { createSurvey } from '../create-survey.use-case.js';
import { customerRoute, deliverToCustomer } from './customer-delivery.js';
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

async function sendToCustomer(ctx: ActionContext, fb: Feedback, key: string, template: TemplateId, extra: Partial<TemplateVars> = {}): Promise<ActionResult> {
  const route = customerRoute(fb);
  if (!route) return { skipped: 'no way to reach the customer' };
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
  if (!customerRoute(fb)) return { skipped: 'no way to reach the customer' };
  const survey = await createSurvey(ctx.deps, { type: a.survey, feedbackId: fb.id }, { publicBaseUrl: ctx.deps.workflow.publicBaseUrl });
  const sent = await sendToCustomer(ctx, fb, key, 'survey-invite', { surveyUrl: survey.url });
  return { ...sent, surveyId: survey.id };
}
