import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { recordEmailEvent } from '../../../shared/app/record-email-event.use-case.js';
import { MalformedSesEventError, parseSesDeliveryEvent, type Suppression } from '../../../shared/domain/email-suppression.schema.js';
import { silentLog } from '../../../shared/ports/logger.port.js';
import type { SuppressionStore } from '../../../shared/ports/suppression-store.port.js';
import { fixedClock } from '../../support/fakes.js';
import { InMemoryCustomerStore } from '../../support/in-memory-customer-store.js';

/** SuppressionStore with the DynamoDB adapter's semantics (first record wins). */
class InMemorySuppressions implements SuppressionStore {
  readonly records = new Map<string, Suppression>();
  async get(address: string) {
    return this.records.get(address);
  }
  async suppress(s: Suppression) {
    if (this.records.has(s.address)) return 'exists' as const;
    this.records.set(s.address, s);
    return 'created' as const;
  }
  async clear(address: string) {
    return this.records.delete(address);
  }
}

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/ses/${name}.json`, import.meta.url), 'utf8');
/** As SQS holds it: the SNS envelope around SES's JSON (raw message delivery off). */
const snsEnvelope = (message: string): string =>
  JSON.stringify({ Type: 'Notification', MessageId: 'f5b2e2a6-0000-0000-0000-000000000000', TopicArn: 'arn:aws:sns:us-east-1:123456789012:bounces', Message: message, Timestamp: '2017-08-05T00:41:03.000Z' });
const RECEIVED = '2017-08-05T00:41:03.000Z';

let suppressions: InMemorySuppressions;
let customers: InMemoryCustomerStore;
const deps = () => ({ suppressions, customers, clock: fixedClock(), log: silentLog });

beforeEach(async () => {
  suppressions = new InMemorySuppressions();
  customers = new InMemoryCustomerStore();
  await customers.claimIdentity({ kind: 'email', value: 'recipient@example.com' }, '01HZY0000000000000000CUST01', '2017-08-01T00:00:00.000Z');
  await customers.addToProfile('01HZY0000000000000000CUST01', [{ kind: 'email', value: 'recipient@example.com' }], 'Ana', '2017-08-01T00:00:00.000Z');
});

describe('reading SES events', () => {
  it('reads a permanent bounce from the SNS envelope or raw, with the address normalized', () => {
    for (const body of [snsEnvelope(fixture('permanent-bounce')), fixture('permanent-bounce')]) {
      expect(parseSesDeliveryEvent(body, RECEIVED)).toEqual({
        kind: 'suppress', reason: 'bounced', addresses: ['recipient@example.com'], at: '2017-08-05T00:41:02.669Z',
        sesMessageId: 'EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000', detail: 'Permanent/General',
      });
    }
  });

  it('reads a complaint, a transient bounce (kept), another event type (ignored) and the item our Message-ID names', () => {
    expect(parseSesDeliveryEvent(snsEnvelope(fixture('complaint')), RECEIVED)).toMatchObject({ kind: 'suppress', reason: 'complained', detail: 'abuse' });
    const transient = JSON.parse(fixture('permanent-bounce')) as { bounce: { bounceType: string; bounceSubType: string } };
    transient.bounce.bounceType = 'Transient';
    transient.bounce.bounceSubType = 'MailboxFull';
    expect(parseSesDeliveryEvent(JSON.stringify(transient), RECEIVED)).toMatchObject({ kind: 'transient-bounce', detail: 'Transient/MailboxFull' });
    expect(parseSesDeliveryEvent(JSON.stringify({ eventType: 'Delivery', mail: { messageId: 'x' } }), RECEIVED)).toEqual({ kind: 'ignored', eventType: 'Delivery' });
    const ours = JSON.parse(fixture('permanent-bounce')) as { mail: { commonHeaders: { messageId: string } } };
    ours.mail.commonHeaders.messageId = '<0123456789abcdef01234567.01HZY00000000000000000ITEM@ouvidor>';
    expect(parseSesDeliveryEvent(JSON.stringify(ours), RECEIVED)).toMatchObject({ feedbackId: '01HZY00000000000000000ITEM' });
  });

  it('refuses what is not an SES event, naming what is missing', () => {
    expect(() => parseSesDeliveryEvent('not json', RECEIVED)).toThrow(MalformedSesEventError);
    expect(() => parseSesDeliveryEvent(JSON.stringify({ eventType: 'Bounce' }), RECEIVED)).toThrow(/mail/);
  });
});

describe('recordEmailEvent', () => {
  it('a permanent bounce suppresses the address (reason, time, SES message id) and marks the customer; a redelivery changes nothing', async () => {
    const event = parseSesDeliveryEvent(snsEnvelope(fixture('permanent-bounce')), RECEIVED);
    const first = await recordEmailEvent(deps(), event);
    expect(first.suppressed).toEqual([{ address: 'recipient@example.com', result: 'created', customerId: '01HZY0000000000000000CUST01' }]);
    expect(suppressions.records.get('recipient@example.com')).toMatchObject({
      reason: 'bounced', at: '2017-08-05T00:41:02.669Z', sesMessageId: 'EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000', customerId: '01HZY0000000000000000CUST01', detail: 'Permanent/General',
    });
    expect((await customers.getProfile('01HZY0000000000000000CUST01'))?.unreachable).toEqual([{ address: 'recipient@example.com', reason: 'bounced', at: '2017-08-05T00:41:02.669Z' }]);

    const again = await recordEmailEvent(deps(), event);
    expect(again.suppressed).toEqual([{ address: 'recipient@example.com', result: 'exists', customerId: '01HZY0000000000000000CUST01' }]);
    expect(suppressions.records.size).toBe(1);
    expect((await customers.getProfile('01HZY0000000000000000CUST01'))?.unreachable).toHaveLength(1);
  });

  it('a complaint suppresses too; an address with no customer is still suppressed', async () => {
    const complaint = JSON.parse(fixture('complaint')) as { complaint: { complainedRecipients: Array<{ emailAddress: string }> } };
    complaint.complaint.complainedRecipients.push({ emailAddress: 'stranger@example.org' });
    const out = await recordEmailEvent(deps(), parseSesDeliveryEvent(JSON.stringify(complaint), RECEIVED));
    expect(out.suppressed.map((s) => [s.address, s.result, s.customerId])).toEqual([
      ['recipient@example.com', 'created', '01HZY0000000000000000CUST01'],
      ['stranger@example.org', 'created', undefined],
    ]);
    expect(suppressions.records.get('stranger@example.org')?.reason).toBe('complained');
  });

  it('a transient bounce is only logged', async () => {
    const transient = JSON.parse(fixture('permanent-bounce')) as { bounce: { bounceType: string } };
    transient.bounce.bounceType = 'Transient';
    expect(await recordEmailEvent(deps(), parseSesDeliveryEvent(JSON.stringify(transient), RECEIVED))).toEqual({ suppressed: [], ignored: 'transient-bounce' });
    expect(suppressions.records.size).toBe(0);
    expect((await customers.getProfile('01HZY0000000000000000CUST01'))?.unreachable).toBeUndefined();
  });
});
