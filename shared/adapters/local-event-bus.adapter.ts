import type { DomainEvent } from '../domain/feedback-events.schema.js';
import type { EventBus } from '../ports/event-bus.port.js';

export type EventSubscriber = (event: DomainEvent) => Promise<void>;

/**
 * The embedded runtime's bus: delivers each event to in-process subscribers (the workflow
 * handlers), as EventBridge rules deliver to Lambda targets. Delivery is asynchronous; a
 * failing subscriber is reported, never allowed to fail the publisher.
 */
export class LocalEventBus implements EventBus {
  private readonly subscribers: EventSubscriber[] = [];
  readonly published: DomainEvent[] = [];
  constructor(private readonly onError: (error: unknown, event: DomainEvent) => void = () => {}, private readonly keep = 1000) {}

  subscribe(fn: EventSubscriber): () => void {
    this.subscribers.push(fn);
    return () => this.subscribers.splice(this.subscribers.indexOf(fn), 1);
  }

  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      this.published.push(event);
      if (this.published.length > this.keep) this.published.shift();
      for (const fn of this.subscribers) setImmediate(() => fn(event).catch((e) => this.onError(e, event)));
    }
  }
}
