import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { DomainEvent } from '../domain/feedback-events.schema.js';
import type { EventBus } from '../ports/event-bus.port.js';

export const EVENT_SOURCE = 'ouvidor';

export class EventBridgeBus implements EventBus {
  constructor(private readonly client: EventBridgeClient, private readonly busName: string) {}

  async publish(events: readonly DomainEvent[]): Promise<void> {
    // PutEvents takes at most 10 entries a call.
    for (let i = 0; i < events.length; i += 10) {
      const chunk = events.slice(i, i + 10);
      const out = await this.client.send(
        new PutEventsCommand({
          Entries: chunk.map((e) => ({
            EventBusName: this.busName,
            Source: EVENT_SOURCE,
            DetailType: e.type,
            Time: new Date(e.time),
            Detail: JSON.stringify({ ...(e.detail as object), eventId: e.id }),
          })),
        }),
      );
      if ((out.FailedEntryCount ?? 0) > 0) {
        const reasons = (out.Entries ?? []).filter((x) => x.ErrorCode).map((x) => `${x.ErrorCode}: ${x.ErrorMessage}`);
        throw new Error(`EventBridge rejected ${out.FailedEntryCount} event(s): ${reasons.join('; ')}`);
      }
    }
  }
}
