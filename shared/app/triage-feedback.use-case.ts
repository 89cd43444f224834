import { NotFoundError } from '../domain/errors.js';
import { feedbackResolvedEvent } from '../domain/feedback-events.schema.js';
import { FeedbackIdSchema, type Feedback } from '../domain/feedback.schema.js';
import { applyTriage } from '../domain/triage/triage-changes.js';
import { NotTriageableError, VersionConflictError } from '../domain/triage/triage.errors.js';
import type { TriageChanges } from '../domain/triage/triage.schema.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventBus } from '../ports/event-bus.port.js';
import type { FeedbackStore } from '../ports/feedback-store.port.js';
import type { Log } from '../ports/logger.port.js';
import type { ConfigStore, TimelineStore } from '../ports/workflow-store.port.js';
import { METRIC, type Telemetry } from '../ports/telemetry.port.js';
import { toView, type FeedbackView } from './get-feedback.use-case.js';
import { loadStandards } from './workflows/load-standards.js';

export interface TriageDeps {
  readonly store: FeedbackStore;
  readonly timeline: TimelineStore;
  readonly configs: ConfigStore;
  readonly bus: EventBus;
  readonly clock: Clock;
  readonly log: Log;
  readonly telemetry?: Telemetry;
}

/** An analyzed item, or 404 / 409 (not analyzed yet, or set aside). */
export async function triageable(store: FeedbackStore, id: string): Promise<Feedback> {
  const fb = FeedbackIdSchema.safeParse(id).success ? await store.get(id) : undefined;
  if (!fb || fb.stage === 'quarantined') throw new NotFoundError(`No feedback with id '${id}'.`);
  if (fb.stage !== 'analyzed') throw new NotTriageableError(id, fb.stage);
  return fb;
}

/**
 * PATCH /v1/feedback/{id} (and each item of a bulk change): applies the changes under the item's
 * version. With `expectedVersion` (If-Match) a stale version is a 409 carrying the current one;
 * without it (bulk) the latest version is re-read and the change retried. Entering `resolved`
 * publishes `feedback.resolved` (the workflows send the survey).
 */
export async function triageFeedback(deps: TriageDeps, id: string, changes: TriageChanges, opts: { expectedVersion?: number; actor: string }): Promise<FeedbackView> {
  const standards = await loadStandards(deps);
  for (let attempt = 0; attempt < 5; attempt++) {
    const fb = await triageable(deps.store, id);
    if (opts.expectedVersion !== undefined && fb.version !== opts.expectedVersion) throw new VersionConflictError(fb.version, opts.expectedVersion);
    const now = deps.clock.now();
    const at = now.toISOString();
    const { next, entries, resolved } = applyTriage(fb, changes, { standards, at: now, actor: opts.actor });
    if (!next) return toView(fb);
    const version = fb.version + 1;
    // The resolution and its event are saved together; the event is confirmed once published.
    const saved: Feedback = { ...next, version, updatedAt: at, ...(resolved && { resolvedEventPending: { version, at, by: opts.actor } }) };
    if (!(await deps.store.update(saved, fb.version))) continue; // changed meanwhile: re-read (and, with If-Match, refuse)
    for (const e of entries) await deps.timeline.append(fb.id, e);
    if (resolved) {
      deps.telemetry?.count(METRIC.itemsResolved, 1, { channel: saved.channel });
      try {
        await deps.bus.publish([feedbackResolvedEvent(saved, at, opts.actor)]);
        await deps.store.clearResolvedEventPending(fb.id, version);
      } catch (error) {
        // Resolved all the same: the sweeper publishes the pending event.
        deps.log.warn('feedback.resolved left for the sweeper', { feedbackId: fb.id, version, error: String(error) });
      }
    }
    return toView(saved);
  }
  throw new VersionConflictError((await deps.store.get(id))?.version ?? 0, opts.expectedVersion ?? 0);
}

export interface BulkResult {
  readonly id: string;
  readonly ok: boolean;
  readonly version?: number;
  readonly error?: { readonly code: string; readonly message: string };
}

/** POST /v1/feedback/bulk: the same changes to each item (its latest version), one result per id. */
export async function bulkTriage(deps: TriageDeps, ids: readonly string[], changes: TriageChanges, actor: string): Promise<{ results: BulkResult[] }> {
  const results: BulkResult[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      const fb = await triageFeedback(deps, id, changes, { actor });
      results.push({ id, ok: true, version: fb.version });
    } catch (error) {
      const e = error as { code?: string; message?: string; status?: number };
      if (typeof e.status !== 'number' || e.status >= 500) deps.log.error('bulk triage failed for an item', { feedbackId: id, error: String(error) });
      results.push({ id, ok: false, error: { code: e.code ?? 'internal_error', message: e.status && e.status < 500 ? String(e.message) : 'Could not change this item; retry.' } });
    }
  }
  return { results };
}
