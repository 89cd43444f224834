import { readFileSync } from 'node:fs';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feedback } from '../../shared/domain/feedback.schema.js';
import type { OutboxRecord, TimelineEntry } from '../../shared/domain/workflow-records.schema.js';
import { awsClients } from '../../local/container.js';
import { config } from '../../shared/runtime/config.js';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js';

// SES bounces and complaints on the emulators: the SNS message an SQS subscription receives → the
// email-events queue → the same handler as on AWS (real adapters) → the address is unreachable.
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p?.stop());

type Details = Feedback & { timeline: TimelineEntry[] };
const submit = async (body: object) => ((await (await p.post('/v1/feedback', body)).json()) as { id: string }).id;
const item = async (id: string) => (await (await p.get(`/v1/feedback/${id}`, 'agent')).json()) as Details;
const outbox = async (id: string) => ((await (await p.get(`/v1/outbox?feedbackId=${id}`, 'agent')).json()) as { items: OutboxRecord[] }).items;
const authed = async (method: string, path: string, body?: object, role: 'admin' | 'agent' = 'admin') =>
  fetch(`${p.url}${path}`, { method, headers: { authorization: `Bearer ${await p.token(role)}`, 'content-type': 'application/json' }, ...(body && { body: JSON.stringify(body) }) });

/** AWS's documented permanent bounce (test/fixtures/ses), addressed to `address`, in the SNS envelope. */
function bounceFor(address: string): string {
  const ses = JSON.parse(readFileSync(new URL('../fixtures/ses/permanent-bounce.json', import.meta.url), 'utf8')) as { bounce: { bouncedRecipients: Array<{ emailAddress: string }> } };
  ses.bounce.bouncedRecipients[0]!.emailAddress = address;
  return JSON.stringify({ Type: 'Notification', MessageId: 'c6a3e1a8-1111-4b8e-9b8e-000000000001', TopicArn: 'arn:aws:sns:us-east-1:123456789012:ouvidor-dev-delivery-problems', Message: JSON.stringify(ses), Timestamp: '2017-08-05T00:41:03.000Z' });
}
const queueBody = (body: string) => awsClients(config()).sqs.send(new SendMessageCommand({ QueueUrl: process.env.OUVIDOR_EMAIL_EVENTS_QUEUE_URL!, MessageBody: body }));

describe('bounces and complaints', () => {
  it('a permanent bounce suppresses the address; the next acknowledgement is skipped and shown so; a reply is refused', async () => {
    const first = await submit({ text: 'A entrega atrasou duas semanas e ninguém responde.', customer: { email: 'Volta@Example.com', name: 'Vera' } });
    const ack = await eventually(async () => (await outbox(first)).find((m) => m.kind === 'customer'), 5000);
    expect(ack).toMatchObject({ to: 'Volta@Example.com', template: 'complaint-ack' });
    const customerId = (await item(first)).customer.id!;

    // SES reports the address as bouncing (the documented event, as SNS delivers it to SQS), twice: a redelivery.
    await queueBody(bounceFor('volta@example.com'));
    const suppression = await eventually(async () => p.container.suppressions.get('volta@example.com'), 5000);
    expect(suppression).toMatchObject({ reason: 'bounced', at: '2017-08-05T00:41:02.669Z', sesMessageId: 'EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000', customerId });
    await queueBody(bounceFor('volta@example.com'));
    await eventually(async () => ((await p.quiet()) ? true : undefined), 5000);
    expect(await p.container.suppressions.get('volta@example.com')).toEqual(suppression);

    // The customer API shows it.
    const customer = (await (await p.get(`/v1/customers/${customerId}`, 'agent')).json()) as { profile: { unreachable?: unknown[] } };
    expect(customer.profile.unreachable).toEqual([{ address: 'volta@example.com', reason: 'bounced', at: '2017-08-05T00:41:02.669Z' }]);

    // The next complaint from that address: its acknowledgement is not sent, and the item says so.
    const second = await submit({ text: 'Continuo sem resposta sobre a entrega atrasada.', customer: { email: 'volta@example.com' } });
    const timeline = await eventually(async () => {
      const t = (await item(second)).timeline;
      return t.some((e) => e.type === 'message-skipped') && t.some((e) => e.type === 'notification-sent') ? t : undefined;
    }, 5000);
    expect(timeline.find((e) => e.type === 'message-skipped')).toMatchObject({ summary: 'complaint-ack not sent: address unreachable (bounced)', detail: { reason: 'bounced' } });
    expect(timeline.find((e) => e.type === 'action-done' && /sendMessage/.test(e.summary))?.summary).toBe('sendMessage skipped: address unreachable (bounced)');
    expect(timeline.some((e) => e.type === 'message-sent')).toBe(false);
    const sent = await outbox(second);
    expect(sent.filter((m) => m.kind === 'customer')).toEqual([]);
    expect(sent.filter((m) => m.kind === 'team')).toHaveLength(1);

    // An agent's reply is refused with the reason, nothing sent.
    const reply = await authed('POST', `/v1/feedback/${second}/replies`, { text: 'Olá! Já verificamos.' }, 'agent');
    expect(reply.status).toBe(409);
    expect(((await reply.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'customer_unreachable', message: expect.stringContaining('address unreachable (bounced)') });
    // An agent makes it reachable again (roles checked; only the customer's own address): emails go out again.
    const path = `/v1/customers/${customerId}/unreachable/${encodeURIComponent('volta@example.com')}`;
    expect((await fetch(`${p.url}${path}`, { method: 'DELETE', headers: { authorization: `Bearer ${await p.token('none')}` } })).status).toBe(403);
    expect((await authed('DELETE', `/v1/customers/${customerId}/unreachable/${encodeURIComponent('zoe@example.com')}`, undefined, 'agent')).status).toBe(404);
    const cleared = await authed('DELETE', path, undefined, 'agent');
    expect(cleared.status).toBe(200);
    expect(((await cleared.json()) as { profile: { unreachable?: unknown } }).profile.unreachable).toBeUndefined();
    expect(await p.container.suppressions.get('volta@example.com')).toBeUndefined();
    const third = await submit({ text: 'A entrega atrasou de novo, ninguém responde.', customer: { email: 'volta@example.com' } });
    expect(await eventually(async () => (await outbox(third)).find((m) => m.kind === 'customer'), 5000)).toMatchObject({ to: 'volta@example.com', template: 'complaint-ack' });
  });

  it('POST /v1/local/email-events plays a complaint through the same queue and handler; bad input is a 400 naming the field', async () => {
    const bad = await authed('POST', '/v1/local/email-events', { type: 'bounce', address: 'not an address' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('address');
    expect((await authed('POST', '/v1/local/email-events', { type: 'complaint', address: 'zoe@example.com' }, 'agent')).status).toBe(403);

    const res = await authed('POST', '/v1/local/email-events', { type: 'complaint', address: 'Zoe@Example.com' });
    expect(res.status).toBe(202);
    const { sesMessageId } = (await res.json()) as { sesMessageId: string };
    const suppression = await eventually(async () => p.container.suppressions.get('zoe@example.com'), 5000);
    expect(suppression).toMatchObject({ reason: 'complained', sesMessageId, detail: 'abuse' });
  });
});
