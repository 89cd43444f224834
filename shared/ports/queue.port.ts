import type { Feedback } from '../domain/feedback.schema.js';

/** The message that asks the processor to analyze one stored item. */
export interface ProcessFeedbackMessage {
  readonly id: string;
  /** The record as accepted (intake only): spares the processor's first read. */
  readonly item?: Feedback;
}

export interface FeedbackQueue {
  send(message: ProcessFeedbackMessage): Promise<void>;
}
