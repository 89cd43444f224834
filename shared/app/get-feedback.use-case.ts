import type { Principal } from '../domain/auth.schema.js';
import { NotFoundError } from '../domain/errors.js';
import { FeedbackIdSchema, type Feedback } from '../domain/feedback.schema.js';
import type { ThreadMessage } from '../domain/thread-message.schema.js';
import type { FeedbackStore } from '../ports/feedback-store.port.js';
import type { ThreadStore } from '../ports/thread-store.port.js';

export interface GetFeedbackDeps {
  readonly store: FeedbackStore;
  readonly threads: ThreadStore;
}

/** Internal bookkeeping that callers of the API do not need. */
export type FeedbackView = Omit<Feedback, 'sweeps' | 'eventPublishedAt'>;

/**
 * The item with its conversation (the messages after the first, oldest first). Quarantined mail
 * (spam or virus verdicts) is for admins only: to anyone else it does not exist.
 */
export async function getFeedback(deps: GetFeedbackDeps, id: string, caller: Pick<Principal, 'roles'>): Promise<FeedbackView & { messages: ThreadMessage[] }> {
  if (!FeedbackIdSchema.safeParse(id).success) throw new NotFoundError(`No feedback with id '${id}'.`);
  const [fb, messages] = await Promise.all([deps.store.get(id), deps.threads.listMessages(id)]);
  if (!fb || (fb.stage === 'quarantined' && !caller.roles.includes('admin'))) throw new NotFoundError(`No feedback with id '${id}'.`);
  return { ...toView(fb), messages };
}

export function toView(fb: Feedback): FeedbackView {
  const { sweeps: _s, eventPublishedAt: _e, ...view } = fb;
  return view;
}
