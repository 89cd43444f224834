import type { ThreadMessage } from '../../domain/thread-message.schema.js';
import type { OutboxRecord, TimelineEntry } from '../../domain/workflow-records.schema.js';
import type { ThreadStore } from '../../ports/thread-store.port.js';
import type { OutboxStore, RecognitionStore, RunOutcome, TimelineStore } from '../../ports/workflow-store.port.js';
import type { WorkflowDeps } from './workflow-context.js';

/** `<our id>.<item id>@ouvidor`: the ids `deliverToCustomer` gives what it sends. */
const OWN_MESSAGE_ID = /^[0-9a-f]{24}\.[0-9A-HJKMNP-TV-Z]{26}@ouvidor$/;

/**
 * Collects what a workflow run writes (timeline entries, outbox records, conversation messages and
 * their ids, kudos, collections) instead of writing each at once: the run stores them together when
 * it ends (`ActionLog.finishRun`), in one batch and one conditional update. Reads go to the stores.
 */
export class RunRecorder {
  private readonly timeline = new Map<string, TimelineEntry>();
  private readonly outbox = new Map<string, OutboxRecord>();
  private readonly messages = new Map<string, ThreadMessage>();
  private readonly messageIds = new Map<string, { messageId: string; at: string }>();
  private readonly kudos = new Map<string, { agentId: string; at: string }>();
  private readonly collections = new Map<string, { collection: string; at: string }>();

  constructor(private readonly feedbackId: string) {}

  /** The deps the actions run with: the same, except that their writes for this item are collected. */
  deps(base: WorkflowDeps): WorkflowDeps {
    const own = (id: string) => {
      if (id !== this.feedbackId) throw new Error(`a workflow run for ${this.feedbackId} wrote to ${id}`);
    };
    const timeline: TimelineStore = {
      append: async (id, entry) => {
        own(id);
        if (this.timeline.has(entry.key)) return false;
        this.timeline.set(entry.key, entry);
        return true;
      },
      list: (id) => base.timeline.list(id),
    };
    const outbox: OutboxStore = {
      record: async (m) => {
        if (m.feedbackId !== undefined) own(m.feedbackId);
        if (!this.outbox.has(m.id)) this.outbox.set(m.id, m);
      },
      list: (q) => base.outbox.list(q),
    };
    const threads: ThreadStore = {
      findItemByMessageIds: (ids) => base.threads.findItemByMessageIds(ids),
      linkMessageId: async (messageId, id, at) => {
        own(id);
        // Our own message ids name their item: threading finds them without a link (see the thread store).
        if (!OWN_MESSAGE_ID.test(messageId) && !this.messageIds.has(messageId)) this.messageIds.set(messageId, { messageId, at });
      },
      appendMessage: async (id, m) => {
        own(id);
        if (this.messages.has(m.messageId)) return false;
        this.messages.set(m.messageId, m);
        return true;
      },
      listMessages: (id) => base.threads.listMessages(id),
    };
    const recognition: RecognitionStore = {
      recordKudos: async (agentId, id, at) => {
        own(id);
        if (!this.kudos.has(agentId)) this.kudos.set(agentId, { agentId, at });
      },
      addToCollection: async (collection, id, at) => {
        own(id);
        if (!this.collections.has(collection)) this.collections.set(collection, { collection, at });
      },
      listKudos: (agentId, limit) => base.recognition.listKudos(agentId, limit),
      listCollection: (collection, limit, cursor) => base.recognition.listCollection(collection, limit, cursor),
    };
    return { ...base, timeline, outbox, threads, recognition };
  }

  /** Adds a timeline entry of the run itself (rule matched, action done or failed). */
  note(entry: TimelineEntry): void {
    if (!this.timeline.has(entry.key)) this.timeline.set(entry.key, entry);
  }

  outcome(actions: RunOutcome['actions']): RunOutcome {
    return {
      actions,
      timeline: [...this.timeline.values()],
      outbox: [...this.outbox.values()],
      messages: [...this.messages.values()],
      messageIds: [...this.messageIds.values()],
      kudos: [...this.kudos.values()],
      collections: [...this.collections.values()],
    };
  }
}
