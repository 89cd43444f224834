import { NotFoundError } from '../domain/errors.js';
import { FeedbackIdSchema, type Feedback } from '../domain/feedback.schema.js';
import type { FeedbackStore } from '../ports/feedback-store.port.js';

export interface GetFeedbackDeps {
  readonly store: FeedbackStore;
}

/** Internal bookkeeping that callers of the API do not need. */
export type FeedbackView = Omit<Feedback, 'sweeps' | 'eventPublishedAt'>;

export async function getFeedback(deps: GetFeedbackDeps, id: string): Promise<FeedbackView> {
  if (!FeedbackIdSchema.safeParse(id).success) throw new NotFoundError(`No feedback with id '${id}'.`);
  const fb = await deps.store.get(id);
  if (!fb) throw new NotFoundError(`No feedback with id '${id}'.`);
  return toView(fb);
}

export function toView(fb: Feedback): FeedbackView {
  const { sweeps: _s, eventPublishedAt: _e, ...view } = fb;
  return view;
}
