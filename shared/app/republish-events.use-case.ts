import { feedbackResolvedEvent } from '../domain/feedback-events.schema.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventBus } from '../ports/event-bus.port.js';
import type { FeedbackStore } from '../ports/feedback-store.port.js';
import type { Log } from '../ports/logger.port.js';

export interface RepublishDeps {
  readonly store: FeedbackStore;
  readonly bus: EventBus;
  readonly clock: Clock;
  readonly log: Log;
}

/**
 * Publishes the `feedback.resolved` events that were saved with their resolution but never
 * confirmed (the bus failed, or the process died), found through the sparse pending-events index.
 * The event is rebuilt exactly (same id): consumers dedupe on it.
 */
export async function republishPendingEvents(deps: RepublishDeps, opts: { olderThanMs: number; limit?: number }): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - opts.olderThanMs).toISOString();
  let published = 0;
  for (const id of await deps.store.listPendingEvents(before, opts.limit ?? 100)) {
    const fb = await deps.store.get(id);
    const pending = fb?.resolvedEventPending;
    if (!fb || !pending) continue;
    // Reopened since: the resolution it announced no longer holds.
    if (fb.status === 'resolved' || fb.status === 'closed') {
      await deps.bus.publish([feedbackResolvedEvent({ ...fb, version: pending.version }, pending.at, pending.by)]);
      published++;
    }
    await deps.store.clearResolvedEventPending(id, pending.version);
  }
  if (published > 0) deps.log.info('pending events published', { published });
  return published;
}
