/** The message that asks the processor to analyze one stored item. */
export interface ProcessFeedbackMessage {
  readonly id: string;
}

export interface FeedbackQueue {
  send(message: ProcessFeedbackMessage): Promise<void>;
}
