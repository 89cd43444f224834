import { NotFoundError } from '../domain/errors.js';
import type { FeedbackStore } from '../ports/feedback-store.port.js';
import type { ObjectStore } from '../ports/object-store.port.js';

export interface OriginalView {
  readonly id: string;
  readonly subject?: string;
  readonly text: string;
  readonly turns?: unknown;
  readonly receivedAt: string;
}

/** The unredacted original of an analyzed item, from encrypted object storage (admins only). */
export async function getOriginal(deps: { store: FeedbackStore; objects: ObjectStore }, id: string): Promise<OriginalView> {
  const fb = /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id) ? await deps.store.get(id) : undefined;
  if (!fb) throw new NotFoundError(`No feedback with id '${id}'.`);
  if (!fb.originalRef) throw new NotFoundError(`Feedback '${id}' has no stored original (not analyzed yet, or set aside).`);
  const bytes = await deps.objects.get(fb.originalRef);
  if (!bytes) throw new NotFoundError(`The original of '${id}' is gone (past its retention period).`);
  return JSON.parse(new TextDecoder().decode(bytes)) as OriginalView;
}
