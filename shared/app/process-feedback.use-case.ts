import type { AnalysisResult } from '../domain/analysis.schema.js';
import { feedbackAnalyzedEvent } from '../domain/feedback-events.schema.js';
import type { Feedback } from '../domain/feedback.schema.js';
import type { Analyzer } from '../ports/analyzer.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventBus } from '../ports/event-bus.port.js';
import type { FeedbackStore } from '../ports/feedback-store.port.js';
import type { Log } from '../ports/logger.port.js';
import type { ObjectStore } from '../ports/object-store.port.js';

export interface ProcessDeps {
  readonly store: FeedbackStore;
  readonly analyzer: Analyzer;
  readonly bus: EventBus;
  readonly objects: ObjectStore;
  readonly clock: Clock;
  readonly log: Log;
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

export const originalKey = (fb: Pick<Feedback, 'id' | 'receivedAt'>): string =>
  `originals/${fb.receivedAt.slice(0, 10).replaceAll('-', '/')}/${fb.id}.json`;

export function applyAnalysis(fb: Feedback, a: AnalysisResult, at: string, originalRef: string): Feedback {
  return {
    ...fb,
    text: a.redactedText,
    language: a.language.code,
    sentiment: a.sentiment,
    category: a.category,
    keyPhrases: a.keyPhrases,
    analysis: { engine: a.engine, confidence: a.confidence, languageConfidence: a.language.confidence, pii: a.pii, analyzedAt: at },
    originalRef,
    stage: 'analyzed',
    version: fb.version + 1,
    updatedAt: at,
  };
}

async function publishOnce(deps: ProcessDeps, fb: Feedback): Promise<void> {
  if (fb.eventPublishedAt) return;
  await deps.bus.publish([feedbackAnalyzedEvent(fb)]);
  await deps.store.markEventPublished(fb.id, fb.version, deps.clock.now().toISOString());
}

/**
 * Analyzes one stored item, at least once delivered, exactly once applied: the analyzed record
 * replaces the `received` one under a version condition, then the event is published and the
 * record marked. A delivery that finds the item analyzed but unmarked publishes it only once the
 * writer can no longer be running (a crash between write and publish), so the event goes out
 * once; should the mark itself fail after publishing, consumers dedupe on the event id.
 * Throws on transient failures so that the message is retried.
 */
export async function processFeedback(deps: ProcessDeps, id: string): Promise<ProcessOutcome> {
  const current = await deps.store.get(id);
  if (!current) {
    deps.log.warn('message for an unknown item dropped', { feedbackId: id });
    return 'missing';
  }
  if (current.stage === 'failed') return 'failed-item';
  if (current.stage === 'analyzed') {
    if (!current.eventPublishedAt) {
      // Either the delivery that wrote it died before publishing (then publish now), or it is
      // still at it (then come back later rather than publish twice).
      const age = deps.clock.now().getTime() - Date.parse(current.updatedAt);
      if (age < (deps.inFlightGraceMs ?? 60_000)) throw new ProcessingInFlightError(id);
      await publishOnce(deps, current);
    }
    return 'duplicate';
  }

  const analysis = await deps.analyzer.analyze({ text: current.text, language: current.language, channel: current.channel });
  const at = deps.clock.now().toISOString();
  const ref = originalKey(current);
  // The original (unredacted) text lives only in encrypted object storage from here on.
  await deps.objects.put(ref, JSON.stringify({ id, subject: current.subject, text: current.text, receivedAt: current.receivedAt }), 'application/json');

  const analyzed = applyAnalysis(current, analysis, at, ref);
  if (!(await deps.store.saveAnalyzed(analyzed, current.version))) {
    // A concurrent delivery wrote first and is publishing; were it to die, its own message
    // would come back and publish.
    return 'duplicate';
  }
  await publishOnce(deps, analyzed);
  return 'analyzed';
}
