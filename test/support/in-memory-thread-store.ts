import type { ThreadMessage } from '../../shared/domain/thread-message.schema.js';
import type { ThreadStore } from '../../shared/ports/thread-store.port.js';

export class InMemoryThreadStore implements ThreadStore {
  readonly links = new Map<string, string>();
  readonly messages = new Map<string, ThreadMessage[]>();
  async findItemByMessageIds(ids: readonly string[]) {
    for (const id of [...ids].reverse()) if (this.links.has(id)) return this.links.get(id);
    return undefined;
  }
  async linkMessageId(messageId: string, feedbackId: string) {
    if (!this.links.has(messageId)) this.links.set(messageId, feedbackId);
  }
  async appendMessage(feedbackId: string, m: ThreadMessage) {
    const list = this.messages.get(feedbackId) ?? [];
    if (list.some((x) => x.messageId === m.messageId)) return false;
    this.messages.set(feedbackId, [...list, m]);
    return true;
  }
  async listMessages(feedbackId: string) {
    return [...(this.messages.get(feedbackId) ?? [])].sort((a, b) => a.at.localeCompare(b.at));
  }
}
