import type { AnalysisResult } from '../domain/analysis.schema.js';
import { feedbackAnalyzedEvent } from '../domain/feedback-events.schema.js';
import { planActions } from '../domain/workflows/action-plan.js';
import { matchRules } from '../domain/workflows/rule-matcher.js';
import type { ConfigStore } from '../ports/workflow-store.port.js';
import { applyItemActions, isItemAction, teamsToStaff } from './workflows/item-effects.js';
import { loadRules, loadStandards } from './workflows/workflow-context.js';
import type { Feedback } from '../domain/feedback.schema.js';
import { analysisFromRating } from '../domain/rating-sentiment.js';
import type { Analyzer } from '../ports/analyzer.port.js';
import type { CustomerStore } from '../ports/customer-store.port.js';
import type { Redactor } from '../ports/redactor.port.js';
import { linkCustomer } from './link-customer.use-case.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventBus } from '../ports/event-bus.port.js';
import type { FeedbackStore } from '../ports/feedback-store.port.js';
import type { Log } from '../ports/logger.port.js';
import type { ObjectStore } from '../ports/object-store.port.js';
import { METRIC, type Telemetry } from '../ports/telemetry.port.js';

export interface ProcessDeps {
  readonly store: FeedbackStore;
  readonly analyzer: Analyzer;
  readonly bus: EventBus;
  readonly objects: ObjectStore;
  readonly customers: CustomerStore;
  readonly redactor: Redactor;
  readonly clock: Clock;
  readonly log: Log;
  readonly telemetry?: Telemetry;
  /**
   * The rules and standards (cached per process) and the round-robin counters: with them the
   * item-level workflow effects (priority, labels, team and assignee, the SLA clock) are stored
   * with the analysis, in the same conditional write. Without them `runWorkflows` applies them.
   */
  readonly configs?: Pick<ConfigStore, 'get' | 'nextCounter'>;
  /**
   * How long after an item's analysis another delivery assumes the delivery that wrote it may
   * still be publishing (at least the processor's timeout). Default 60 s.
   */
  readonly inFlightGraceMs?: number;
}

/** Another delivery of this item wrote it moments ago and may still be publishing: retry later. */
export class ProcessingInFlightError extends Error {
  readonly status = 409;
  constructor(id: string, options?: { cause?: unknown }) {
    super(`feedback ${id} is being processed by another delivery`, options);
    this.name = 'ProcessingInFlightError';
  }
}

export type ProcessOutcome = 'analyzed' | 'duplicate' | 'missing' | 'failed-item';

/** One original per distinct customer text (a survey answer's new comment gets its own). */
export const originalKey = (fb: Pick<Feedback, 'id' | 'receivedAt' | 'version'>): string =>
  `originals/${fb.receivedAt.slice(0, 10).replaceAll('-', '/')}/${fb.id}-v${fb.version}.json`;

type Analysis = Omit<AnalysisResult, 'engine'> & { engine: AnalysisResult['engine'] | 'rating' };

/** The record once analyzed: redacted text, subject and call turns; the analysis; the customer link. */
export function applyAnalysis(fb: Feedback, a: Analysis, at: string, originalRef: string, redactor: Redactor, customer = fb.customer): Feedback {
  const redact = (text: string) => redactor.redact(text, a.language.code).redactedText;
  return {
    ...fb,
    customer,
    ...(fb.subject !== undefined && { subject: redact(fb.subject) }),
    ...(fb.call && { call: { ...fb.call, turns: fb.call.turns.map((t) => ({ ...t, text: redact(t.text) })) } }),
    // Free-form metadata from API clients may carry contact details too.
    ...(fb.metadata && { metadata: Object.fromEntries(Object.entries(fb.metadata).map(([k, v]) => [k, typeof v === 'string' ? redact(v) : v])) }),
    text: a.redactedText,
    language: a.language.code,
    sentiment: a.sentiment,
    category: a.category,
    keyPhrases: a.keyPhrases,
    analysis: { engine: a.engine, confidence: a.confidence, languageConfidence: a.language.confidence, pii: a.pii, analyzedAt: at, version: fb.version + 1, ...(a.fallback && { fallback: a.fallback }) },
    originalRef,
    stage: 'analyzed',
    version: fb.version + 1,
    updatedAt: at,
  };
}

function countAnalyzed(telemetry: Telemetry | undefined, fb: Feedback): void {
  if (!telemetry) return;
  const dims = { channel: fb.channel };
  telemetry.count(METRIC.feedbackAnalyzed, 1, dims);
  if (fb.sentiment?.label === 'NEGATIVE') telemetry.count(METRIC.negativeFeedback, 1, dims);
  if (fb.category === 'complaint') telemetry.count(METRIC.complaints, 1, dims);
}

/**
 * Publishes `feedback.analyzed` with the record in its detail (when it fits), so the workflows need
 * not read it back. No published mark is written: the queue message is deleted only after this
 * returns, so a delivery that died before publishing comes back (see below); consumers dedupe on the
 * event id should an event go out twice.
 */
async function publish(deps: ProcessDeps, fb: Feedback): Promise<void> {
  if (fb.eventPublishedAt) return;
  await deps.bus.publish([feedbackAnalyzedEvent(fb, { withItem: true })]);
}

type Configs = [Awaited<ReturnType<typeof loadRules>>, Awaited<ReturnType<typeof loadStandards>>];

/** The item-level workflow effects of the `analyzed` rules, decided before the write (the agents' counters are the only I/O). */
async function workflowEffects(deps: ProcessDeps, configs: Promise<Configs> | undefined, analyzed: Feedback, now: Date): Promise<((fb: Feedback) => Feedback) | undefined> {
  if (!deps.configs || !configs) return undefined;
  const [rules, standards] = await configs;
  const plan = planActions(matchRules(rules, 'analyzed', analyzed), rules.acknowledgements).filter(isItemAction);
  if (plan.length === 0) return undefined;
  const agents = new Map<string, string>();
  for (const team of teamsToStaff(analyzed, plan, rules)) {
    const available = rules.teams.find((t) => t.id === team)!.agents.filter((x) => x.available);
    const n = await deps.configs.nextCounter(`round-robin#${team}`);
    agents.set(team, available[(n - 1) % available.length]!.id);
  }
  return (fb) => applyItemActions(fb, plan, { rules, standards, now, agentFor: (team) => agents.get(team) }).item;
}

/**
 * Analyzes one stored item, at least once delivered, exactly once applied: the analyzed record
 * (with the item-level workflow effects) replaces the `received` one under a version condition,
 * then the event is published. `carried` is the record the queue message brought (first delivery
 * only): it spares the read, and a stale copy is refused by the same condition and then re-read. A
 * delivery that finds the item analyzed publishes again only once the writer can no longer be
 * running (it died between write and publish); consumers dedupe on the event id.
 * Throws on transient failures so that the message is retried.
 */
export async function processFeedback(deps: ProcessDeps, id: string, carried?: Feedback): Promise<ProcessOutcome> {
  const current = carried?.id === id && carried.stage === 'received' ? carried : await deps.store.get(id);
  if (!current) {
    deps.log.warn('message for an unknown item dropped', { feedbackId: id });
    return 'missing';
  }
  if (current.stage === 'failed') return 'failed-item';
  if (current.stage === 'analyzed') {
    if (!current.eventPublishedAt) {
      // Either the delivery that wrote it died before publishing (then publish now), or it is
      // still at it (then come back later rather than publish twice).
      const age = deps.clock.now().getTime() - Date.parse(current.analysis?.analyzedAt ?? current.updatedAt);
      if (age < (deps.inFlightGraceMs ?? 60_000)) throw new ProcessingInFlightError(id);
      await publish(deps, current);
    }
    return 'duplicate';
  }
  if (current.stage !== 'received') return 'duplicate';

  const channel = current.channel;
  // The rules and standards (cached per process) load while the text is analyzed.
  const configs = deps.configs && Promise.all([loadRules({ configs: deps.configs }), loadStandards({ configs: deps.configs })]);
  configs?.catch(() => {}); // awaited below; a failure is thrown there
  let analysis: Analysis;
  try {
    analysis =
      current.text.trim() === '' && current.rating
        ? { ...analysisFromRating(current.rating, current.language), engine: 'rating' }
        : await deps.analyzer.analyze({ text: current.text, language: current.language, channel });
  } catch (error) {
    deps.telemetry?.count(METRIC.analysisFailed, 1, { channel });
    throw error;
  }
  const now = deps.clock.now();
  const customer = await linkCustomer(deps.customers, current.customer, now, id);
  // The original (unredacted) content lives only in encrypted object storage from here on. An
  // item analyzed again with the same text (a survey score changed) keeps the original it has.
  let ref = current.originalRef;
  if (!ref) {
    ref = originalKey(current);
    const original = { id, receivedAt: current.receivedAt, subject: current.subject, text: current.text, turns: current.call?.turns };
    await deps.objects.put(ref, JSON.stringify(original), 'application/json');
  }

  const effects = await workflowEffects(deps, configs, applyAnalysis(current, analysis, now.toISOString(), ref, deps.redactor, customer), now);
  let base = current;
  for (let attempt = 0; attempt < 5; attempt++) {
    const plain = applyAnalysis(base, analysis, now.toISOString(), ref, deps.redactor, customer);
    const analyzed = effects ? effects(plain) : plain;
    if (await deps.store.saveAnalyzed(analyzed, base.version)) {
      countAnalyzed(deps.telemetry, analyzed);
      await publish(deps, analyzed);
      return 'analyzed';
    }
    const fresh = await deps.store.get(id);
    // A concurrent delivery analyzed it first and is publishing (were it to die, its own message
    // would come back and publish)...
    if (!fresh || fresh.stage !== 'received' || fresh.text !== base.text) return 'duplicate';
    // ...or something else touched the still-received record (a survey answer changed its score,
    // or the carried copy was stale): apply the same analysis to what is there now.
    base = fresh;
  }
  throw new ProcessingInFlightError(id);
}
