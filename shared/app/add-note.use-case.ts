import { createHash } from 'node:crypto';
import { NotFoundError } from '../domain/errors.js';
import { FeedbackIdSchema } from '../domain/feedback.schema.js';
import type { TimelineEntry } from '../domain/workflow-records.schema.js';
import type { Clock } from '../ports/clock.port.js';
import type { FeedbackStore } from '../ports/feedback-store.port.js';
import type { TimelineStore } from '../ports/workflow-store.port.js';

/** POST /v1/feedback/{id}/notes: an internal note on the item's timeline (never sent to the customer). */
export async function addNote(
  deps: { store: FeedbackStore; timeline: TimelineStore; clock: Clock },
  id: string,
  note: { text: string },
  caller: { actor: string; isAdmin: boolean },
): Promise<TimelineEntry> {
  const fb = FeedbackIdSchema.safeParse(id).success ? await deps.store.get(id) : undefined;
  if (!fb || (fb.stage === 'quarantined' && !caller.isAdmin)) throw new NotFoundError(`No feedback with id '${id}'.`);
  const at = deps.clock.now().toISOString();
  const key = `note:${createHash('sha256').update(`${caller.actor}\n${at}\n${note.text}`).digest('hex').slice(0, 20)}`;
  const firstLine = note.text.split('\n', 1)[0]!;
  const entry: TimelineEntry = {
    key, at, actor: caller.actor, type: 'note',
    summary: firstLine.length > 120 ? `${firstLine.slice(0, 119)}…` : firstLine,
    detail: { text: note.text },
  };
  await deps.timeline.append(fb.id, entry);
  return entry;
}
