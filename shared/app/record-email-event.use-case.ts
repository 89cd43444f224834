import type { SesDeliveryEvent, Suppression } from '../domain/email-suppression.schema.js';
import type { Clock } from '../ports/clock.port.js';
import type { CustomerStore } from '../ports/customer-store.port.js';
import type { Log } from '../ports/logger.port.js';
import type { SuppressionStore } from '../ports/suppression-store.port.js';

export interface EmailEventDeps {
  readonly suppressions: Pick<SuppressionStore, 'suppress'>;
  readonly customers: Pick<CustomerStore, 'findByIdentity' | 'markEmailUnreachable'>;
  readonly clock: Clock;
  readonly log: Log;
}

export interface EmailEventOutcome {
  /** Addresses suppressed by this event (`created`), or already suppressed (`exists`). */
  readonly suppressed: ReadonlyArray<{ readonly address: string; readonly result: 'created' | 'exists'; readonly customerId?: string }>;
  readonly ignored?: string;
}

/**
 * One SES bounce or complaint (SNS → SQS → `email-events`): a permanent bounce or a complaint marks
 * each recipient unreachable — a suppression record keyed by the normalized address (reason, time,
 * SES message id), and the mark on the profile of the customer it belongs to. Both writes are
 * idempotent, so a redelivered event changes nothing; a delivery that died between them is finished
 * by the next. Transient bounces are only logged: the address may take mail tomorrow.
 */
export async function recordEmailEvent(deps: EmailEventDeps, event: SesDeliveryEvent): Promise<EmailEventOutcome> {
  if (event.kind === 'ignored') {
    deps.log.info('SES event ignored', { eventType: event.eventType });
    return { suppressed: [], ignored: event.eventType };
  }
  if (event.kind === 'transient-bounce') {
    deps.log.info('transient bounce: address kept', { sesMessageId: event.sesMessageId, detail: event.detail, recipients: event.addresses.length });
    return { suppressed: [], ignored: 'transient-bounce' };
  }
  const recordedAt = deps.clock.now().toISOString();
  const suppressed: Array<EmailEventOutcome['suppressed'][number]> = [];
  for (const address of event.addresses) {
    const customerId = await deps.customers.findByIdentity({ kind: 'email', value: address });
    const record: Suppression = {
      address, reason: event.reason, at: event.at, sesMessageId: event.sesMessageId, recordedAt,
      ...(event.detail && { detail: event.detail }), ...(event.feedbackId && { feedbackId: event.feedbackId }), ...(customerId && { customerId }),
    };
    const result = await deps.suppressions.suppress(record);
    if (customerId) await deps.customers.markEmailUnreachable(customerId, { address, reason: event.reason, at: event.at });
    deps.log.warn('email address suppressed', { reason: event.reason, result, sesMessageId: event.sesMessageId, ...(customerId && { customerId }) });
    suppressed.push({ address, result, ...(customerId && { customerId }) });
  }
  return { suppressed };
}
