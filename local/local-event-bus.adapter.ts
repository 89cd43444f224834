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
 * The embedded runtime's bus: delivers each event to its subscribers (the rules' targets: the
 * workflow queue), as EventBridge delivers to a rule target — asynchronously, and again with
 * exponential backoff when the delivery fails (EventBridge's retry policy), then hands it to the
 * target's dead-letter handler, or reports it. A failing subscriber never fails the publisher.
 */
export class LocalEventBus implements EventBus {
  private readonly subscribers: Array<{ fn: EventSubscriber; retry: RetryPolicy; deadLetter?: EventSubscriber }> = [];
  readonly published: DomainEvent[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private running = 0;

  constructor(private readonly onError: (error: unknown, event: DomainEvent) => void = () => {}, private readonly keep = 1000) {}

  subscribe(fn: EventSubscriber, retry: RetryPolicy = { attempts: 1, firstDelayMs: 0 }, deadLetter?: EventSubscriber): () => void {
    const entry = { fn, retry, ...(deadLetter && { deadLetter }) };
    this.subscribers.push(entry);
    return () => void this.subscribers.splice(this.subscribers.indexOf(entry), 1);
  }

  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      this.published.push(event);
      if (this.published.length > this.keep) this.published.shift();
      for (const s of this.subscribers) this.deliver(s, event, 1, 0);
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

  private deliver(s: (typeof this.subscribers)[number], event: DomainEvent, attempt: number, delayMs: number): void {
    const { retry } = s;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.running++;
      s.fn(event)
        .catch(async (error: unknown) => {
          if (attempt < retry.attempts) return this.deliver(s, event, attempt + 1, Math.max(retry.firstDelayMs * 2 ** (attempt - 1), 1));
          this.onError(error, event);
          await s.deadLetter?.(event);
        })
        .finally(() => this.running--);
    }, delayMs);
    this.timers.add(timer);
  }
}
