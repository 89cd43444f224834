import type { Feedback } from '../domain/feedback.schema.js';

/** The message that asks the processor to analyze one stored item. */
export interface ProcessFeedbackMessage {
  readonly id: string;
  /** The record as accepted (intake only): spares the processor's first read. */
  readonly item?: Feedback;
}

export interface FeedbackQueue {
  send(message: ProcessFeedbackMessage): Promise<void>;
  /**
   * Sends many (SQS SendMessageBatch, 10 per call); resolves once every one is queued, else throws.
   * Optional: callers fall back to `send` one by one (`sendAll`).
   */
  sendBatch?(messages: readonly ProcessFeedbackMessage[]): Promise<void>;
}

/** Every message queued, in batches where the queue has them. */
export async function sendAll(queue: FeedbackQueue, messages: readonly ProcessFeedbackMessage[]): Promise<void> {
  if (queue.sendBatch) return queue.sendBatch(messages);
  for (const m of messages) await queue.send(m);
}
