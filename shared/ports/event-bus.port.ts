import type { DomainEvent } from '../domain/feedback-events.schema.js';

export interface EventBus {
  /** Publishes every event or throws; at-least-once: consumers dedupe on `event.id`. */
  publish(events: readonly DomainEvent[]): Promise<void>;
}
