import type { ThreadMessage } from '../domain/thread-message.schema.js';

/** Conversations: which item a message id belongs to, and the messages after the first. */
export interface ThreadStore {
  /** The item any of these message ids (In-Reply-To, References) belongs to, if one does. */
  findItemByMessageIds(messageIds: readonly string[]): Promise<string | undefined>;
  /** Records that a message id (received or sent) belongs to an item (idempotent). */
  linkMessageId(messageId: string, feedbackId: string, at: string): Promise<void>;
  /** Adds a message to an item's conversation; false when it was there already. */
  appendMessage(feedbackId: string, message: ThreadMessage): Promise<boolean>;
  /** The conversation, oldest first. */
  listMessages(feedbackId: string): Promise<ThreadMessage[]>;
}
