import { describe, expect, it, vi } from 'vitest';
import { AllNotifiersFailedError, DeliveryFailedError } from '../../../shared/adapters/outbound/delivery.errors.js';
import { OutboxOnlyMessenger, OutboxOnlyNotifier } from '../../../shared/adapters/outbound/outbox-only.messenger.js';
import { FanOutNotifier, RoutingMessenger } from '../../../shared/adapters/outbound/routing.messenger.js';
import type { CustomerMessage, CustomerMessenger, DeliveryReceipt, TeamNotification, TeamNotifier } from '../../../shared/ports/messenger.port.js';

const email: CustomerMessage = { id: 'm1', feedbackId: 'f1', channel: 'email', to: 'a@example.com', text: 'oi', locale: 'pt-BR' };
const social: CustomerMessage = { ...email, channel: 'social', provider: 'x', to: '123' };
const note: TeamNotification = { id: 'n1', title: 't', text: 'x', severity: 'warning' };

const messenger = (provider: string): CustomerMessenger & { send: ReturnType<typeof vi.fn> } => ({
  send: vi.fn(async (): Promise<DeliveryReceipt> => ({ provider, status: 'sent' })),
});
const notifier = (result: DeliveryReceipt | Error): TeamNotifier & { notify: ReturnType<typeof vi.fn> } => ({
  notify: vi.fn(async () => {
    if (result instanceof Error) throw result;
    return result;
  }),
});

describe('outbox-only', () => {
  it('records nothing beyond the outbox', async () => {
    expect(await new OutboxOnlyMessenger().send()).toEqual({ provider: 'outbox', status: 'outbox-only' });
    expect(await new OutboxOnlyNotifier().notify()).toEqual({ provider: 'outbox', status: 'outbox-only' });
  });
});

describe('RoutingMessenger', () => {
  it('sends email through the email messenger and social through the social one', async () => {
    const ses = messenger('ses');
    const replies = messenger('x');
    const router = new RoutingMessenger({ email: ses, social: replies });
    expect(await router.send(email)).toEqual({ provider: 'ses', status: 'sent' });
    expect(await router.send(social)).toEqual({ provider: 'x', status: 'sent' });
    expect(ses.send).toHaveBeenCalledExactlyOnceWith(email);
    expect(replies.send).toHaveBeenCalledExactlyOnceWith(social);
  });

  it('leaves a message for an unconfigured channel in the outbox', async () => {
    const ses = messenger('ses');
    const router = new RoutingMessenger({ email: ses });
    expect(await router.send(social)).toEqual({ provider: 'outbox', status: 'outbox-only' });
    expect(await new RoutingMessenger({}).send(email)).toEqual({ provider: 'outbox', status: 'outbox-only' });
    expect(ses.send).not.toHaveBeenCalled();
  });

  it('lets the chosen messenger’s error through', async () => {
    const failing: CustomerMessenger = { send: () => Promise.reject(new DeliveryFailedError({ provider: 'ses', retryable: true })) };
    await expect(new RoutingMessenger({ email: failing }).send(email)).rejects.toMatchObject({ provider: 'ses', retryable: true });
  });
});

describe('FanOutNotifier', () => {
  it('notifies every notifier and answers with the first success', async () => {
    const slack = notifier({ provider: 'slack', status: 'sent' });
    const sns = notifier({ provider: 'sns', providerMessageId: 'm', status: 'sent' });
    expect(await new FanOutNotifier([slack, sns]).notify(note)).toEqual({ provider: 'slack', status: 'sent' });
    expect(slack.notify).toHaveBeenCalledWith(note);
    expect(sns.notify).toHaveBeenCalledWith(note);
  });

  it('succeeds when one succeeded, reporting the others', async () => {
    const boom = new DeliveryFailedError({ provider: 'slack', providerStatus: 500, retryable: true });
    const onPartialFailure = vi.fn();
    const receipt = await new FanOutNotifier([notifier(boom), notifier({ provider: 'sns', status: 'sent' })], { onPartialFailure }).notify(note);
    expect(receipt).toEqual({ provider: 'sns', status: 'sent' });
    expect(onPartialFailure).toHaveBeenCalledExactlyOnceWith(boom, 0);
  });

  it('throws with every cause when all failed', async () => {
    const a = new DeliveryFailedError({ provider: 'slack', providerStatus: 404, retryable: false });
    const b = new DeliveryFailedError({ provider: 'sns', providerStatus: 503, retryable: true });
    const error = (await new FanOutNotifier([notifier(a), notifier(b)]).notify(note).catch((e: unknown) => e)) as AllNotifiersFailedError;
    expect(error).toBeInstanceOf(AllNotifiersFailedError);
    expect(error).toBeInstanceOf(DeliveryFailedError);
    expect(error.errors).toEqual([a, b]);
    expect((error.cause as AggregateError).errors).toEqual([a, b]);
    expect(error).toMatchObject({ status: 502, retryable: true });
    expect(error.message).toMatch(/slack.*404.*sns.*503/);
  });

  it('is not retryable when every failure was permanent', async () => {
    const a = new DeliveryFailedError({ provider: 'slack', providerStatus: 404, retryable: false });
    await expect(new FanOutNotifier([notifier(a)]).notify(note)).rejects.toMatchObject({ retryable: false });
  });

  it('keeps the notification in the outbox when nothing is configured', async () => {
    expect(await new FanOutNotifier([]).notify(note)).toEqual({ provider: 'outbox', status: 'outbox-only' });
  });
});
