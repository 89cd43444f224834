import type { CustomerMessenger, DeliveryReceipt, TeamNotifier } from '../../ports/messenger.port.js';

const OUTBOX_ONLY: DeliveryReceipt = Object.freeze({ provider: 'outbox', status: 'outbox-only' });

/** No relay configured: the message stays in the outbox (which the caller writes whatever the adapter). */
export class OutboxOnlyMessenger implements CustomerMessenger {
  async send(): Promise<DeliveryReceipt> {
    return OUTBOX_ONLY;
  }
}

/** No team channel configured: the notification stays in the outbox. */
export class OutboxOnlyNotifier implements TeamNotifier {
  async notify(): Promise<DeliveryReceipt> {
    return OUTBOX_ONLY;
  }
}
