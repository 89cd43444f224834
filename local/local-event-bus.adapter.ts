import type { DomainEvent } from '../shared/domain/feedback-events.schema.js';
import type { EventBus } from '../shared/ports/event-bus.port.js';

export type EventSubscriber = (event: DomainEvent) => Promise<void>;

export interface RetryPolicy {
  /** Deliveries in all, the first included. */
  readonly attempts: number;
  /** Delay before the second delivery; doubles after each failure. */
  readonly firstDelayMs: number;
}

/**
 * The embedded runtime's bus: delivers each event to in-process subscribers (the workflow
 * handlers), as EventBridge rules deliver to Lambda targets — asynchronously, and again with
 * exponential backoff when the subscriber fails (EventBridge's retry policy), then gives up and
 * reports (EventBridge's DLQ). A failing subscriber never fails the publisher.
 */
export class LocalEventBus implements EventBus {
  private readonly subscribers: Array<{ fn: EventSubscriber; retry: RetryPolicy }> = [];
  readonly published: DomainEvent[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private running = 0;

  constructor(private readonly onError: (error: unknown, event: DomainEvent) => void = () => {}, private readonly keep = 1000) {}

  subscribe(fn: EventSubscriber, retry: RetryPolicy = { attempts: 1, firstDelayMs: 0 }): () => void {
    const entry = { fn, retry };
    this.subscribers.push(entry);
    return () => void this.subscribers.splice(this.subscribers.indexOf(entry), 1);
  }

  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      this.published.push(event);
      if (this.published.length > this.keep) this.published.shift();
      for (const s of this.subscribers) this.deliver(s.fn, s.retry, event, 1, 0);
    }
  }

  /** Deliveries scheduled (retries included) or running: 0 when every event published so far was handled. */
  get pending(): number {
    return this.timers.size + this.running;
  }

  /** Pending retries are dropped (the runtime is stopping). */
  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private deliver(fn: EventSubscriber, retry: RetryPolicy, event: DomainEvent, attempt: number, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.running++;
      fn(event)
        .catch((error: unknown) => {
          if (attempt >= retry.attempts) this.onError(error, event);
          else this.deliver(fn, retry, event, attempt + 1, Math.max(retry.firstDelayMs * 2 ** (attempt - 1), 1));
        })
        .finally(() => this.running--);
    }, delayMs);
    this.timers.add(timer);
  }
}
