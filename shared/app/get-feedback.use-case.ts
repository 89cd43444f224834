import type { Principal } from '../domain/auth.schema.js';
import { NotFoundError } from '../domain/errors.js';
import { FeedbackIdSchema, type Feedback } from '../domain/feedback.schema.js';
import type { ThreadMessage } from '../domain/thread-message.schema.js';
import type { FeedbackStore } from '../ports/feedback-store.port.js';
import type { ThreadStore } from '../ports/thread-store.port.js';
import type { CustomerProfile } from '../domain/customer.schema.js';
import type { CustomerStore } from '../ports/customer-store.port.js';
import type { ActionRecord, TimelineEntry } from '../domain/workflow-records.schema.js';
import type { ActionLog, TimelineStore } from '../ports/workflow-store.port.js';

export interface GetFeedbackDeps {
  readonly store: FeedbackStore;
  readonly threads: ThreadStore;
  readonly timeline: TimelineStore;
  readonly actions: ActionLog;
  readonly customers: CustomerStore;
}

export interface FeedbackDetails extends FeedbackView {
  readonly messages: ThreadMessage[];
  /** Everything that happened to the item, oldest first: arrival and analysis, rules, actions, messages, SLA. */
  readonly timeline: TimelineEntry[];
  /** The workflow actions and their state (a failed one says why). */
  readonly actions: ActionRecord[];
  /** The customer's profile, when the item is linked to one. */
  readonly customerProfile?: CustomerProfile;
  /** The customer's other items across channels, newest first (at most 10). */
  readonly otherItems: FeedbackView[];
}

/** Arrival and (latest) analysis come from the record itself; the rest is appended as it happens. */
function lifecycle(fb: Feedback): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    { key: 'received', at: fb.receivedAt, actor: fb.channel === 'survey' ? 'customer' : `channel:${fb.channel}`, type: 'received', summary: `received by ${fb.channel}` },
  ];
  if (fb.analysis) {
    entries.push({
      key: `analyzed:v${fb.analysis.version}`, at: fb.analysis.analyzedAt, actor: `analyzer:${fb.analysis.engine}`, type: 'analyzed',
      summary: `${fb.sentiment?.label ?? ''} ${fb.category ?? ''} (${fb.language ?? '?'}, ${fb.analysis.engine})`.trim(),
    });
  }
  return entries;
}

/** Internal bookkeeping that callers of the API do not need. */
export type FeedbackView = Omit<Feedback, 'sweeps' | 'eventPublishedAt'>;

/**
 * The item with its conversation (the messages after the first, oldest first). Quarantined mail
 * (spam or virus verdicts) is for admins only: to anyone else it does not exist.
 */
export async function getFeedback(deps: GetFeedbackDeps, id: string, caller: Pick<Principal, 'roles'>): Promise<FeedbackDetails> {
  if (!FeedbackIdSchema.safeParse(id).success) throw new NotFoundError(`No feedback with id '${id}'.`);
  const [fb, messages, timeline, actions] = await Promise.all([deps.store.get(id), deps.threads.listMessages(id), deps.timeline.list(id), deps.actions.list(id)]);
  if (!fb || (fb.stage === 'quarantined' && !caller.roles.includes('admin'))) throw new NotFoundError(`No feedback with id '${id}'.`);
  const all = [...lifecycle(fb), ...timeline].sort((a, b) => a.at.localeCompare(b.at));
  const customerId = fb.customer.id;
  const [profile, history] = customerId
    ? await Promise.all([deps.customers.getProfile(customerId), deps.customers.listItems(customerId, 11)])
    : [undefined, { items: [] }];
  const otherItems = history.items.filter((i) => i.id !== fb.id && i.stage !== 'quarantined').slice(0, 10).map(toView);
  return { ...toView(fb), messages, timeline: all, actions, ...(profile && { customerProfile: profile }), otherItems };
}

export function toView(fb: Feedback): FeedbackView {
  const { sweeps: _s, eventPublishedAt: _e, ...view } = fb;
  return view;
}
