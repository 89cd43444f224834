import type { CustomerMessage, CustomerMessenger, DeliveryReceipt, TeamNotification, TeamNotifier } from '../../ports/messenger.port.js';
import { AllNotifiersFailedError } from './delivery.errors.js';
import { OutboxOnlyMessenger, OutboxOnlyNotifier } from './outbox-only.messenger.js';

export interface RoutingMessengerOptions {
  /** SES or SMTP; absent: email stays in the outbox. */
  readonly email?: CustomerMessenger;
  /** Social replies; absent: they stay in the outbox. */
  readonly social?: CustomerMessenger;
  /** For a channel without a messenger; default `OutboxOnlyMessenger`. */
  readonly fallback?: CustomerMessenger;
}

/** Sends each message through the messenger for its channel. */
export class RoutingMessenger implements CustomerMessenger {
  private readonly fallback: CustomerMessenger;
  constructor(private readonly routes: RoutingMessengerOptions) {
    this.fallback = routes.fallback ?? new OutboxOnlyMessenger();
  }

  send(message: CustomerMessage): Promise<DeliveryReceipt> {
    const messenger = message.channel === 'email' ? this.routes.email : message.channel === 'social' ? this.routes.social : undefined;
    return (messenger ?? this.fallback).send(message);
  }
}

export interface FanOutNotifierOptions {
  /** Told of each notifier that failed when another one succeeded (the call itself then succeeds). */
  readonly onPartialFailure?: (error: unknown, index: number) => void;
}

/**
 * Notifies every configured notifier at once. Succeeds when at least one did (with the receipt of the
 * first, in configuration order); throws `AllNotifiersFailedError` with every cause when all failed.
 * With none configured, the notification stays in the outbox.
 */
export class FanOutNotifier implements TeamNotifier {
  private readonly notifiers: readonly TeamNotifier[];
  constructor(notifiers: readonly TeamNotifier[], private readonly options: FanOutNotifierOptions = {}) {
    this.notifiers = notifiers.length ? [...notifiers] : [new OutboxOnlyNotifier()];
  }

  async notify(notification: TeamNotification): Promise<DeliveryReceipt> {
    const results = await Promise.allSettled(this.notifiers.map(async (n) => n.notify(notification)));
    const sent = results.find((r): r is PromiseFulfilledResult<DeliveryReceipt> => r.status === 'fulfilled');
    const failures = results.flatMap((r, index) => (r.status === 'rejected' ? [{ error: r.reason as unknown, index }] : []));
    if (!sent) throw new AllNotifiersFailedError(failures.map((f) => f.error));
    for (const f of failures) this.options.onPartialFailure?.(f.error, f.index);
    return sent.value;
  }
}
