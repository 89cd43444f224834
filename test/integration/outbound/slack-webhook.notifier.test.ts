import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryFailedError } from '../../../shared/adapters/outbound/delivery.errors.js';
import { SlackWebhookNotifier } from '../../../shared/adapters/outbound/slack-webhook.notifier.js';
import type { TeamNotification } from '../../../shared/ports/messenger.port.js';
import { RecordingServer } from './recording-server.js';

let hook: RecordingServer;
beforeAll(async () => {
  hook = await new RecordingServer().start();
});
afterAll(() => hook.stop());
beforeEach(() => {
  hook.requests.length = 0;
});

const urgent: TeamNotification = {
  id: 'n-1', feedbackId: '01JFB', severity: 'urgent',
  title: 'SLA estourado: cliente <VIP> sem resposta',
  text: 'Bruno & família esperam há 26 h. Pedido <48213>.',
  url: 'https://console.loja.example/feedback/01JFB',
};
type Block = { type: string; text?: { type: string; text: string }; elements?: { type: string; text: string | { text: string }; url?: string }[] };

describe('SlackWebhookNotifier', () => {
  it('posts text plus header, section, severity context and a button to the item', async () => {
    hook.reply({ status: 200, body: 'ok', contentType: 'text/plain' });
    const url = `${hook.baseUrl}/services/T000/B000/XXXX`;
    const receipt = await new SlackWebhookNotifier(url, { buttonLabel: 'Abrir no Ouvidor' }).notify(urgent);
    expect(receipt).toEqual({ provider: 'slack', status: 'sent' });

    const req = hook.last();
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/services/T000/B000/XXXX');
    expect(req.headers['content-type']).toMatch(/^application\/json/);
    const payload = JSON.parse(req.body) as { text: string; blocks: Block[] };
    expect(payload.text).toContain('SLA estourado');
    expect(payload.text).toContain('Bruno &amp; família');
    expect(payload.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context', 'actions']);
    expect(payload.blocks[0]!.text).toEqual({ type: 'plain_text', text: urgent.title, emoji: true });
    expect(payload.blocks[1]!.text).toEqual({ type: 'mrkdwn', text: 'Bruno &amp; família esperam há 26 h. Pedido &lt;48213&gt;.' });
    expect(payload.blocks[2]!.elements![0]!.text).toMatch(/Severity:\* urgent/);
    const button = payload.blocks[3]!.elements![0]!;
    expect(button).toMatchObject({ type: 'button', text: { text: 'Abrir no Ouvidor' }, url: urgent.url });
  });

  it('leaves the button out without a url', async () => {
    await new SlackWebhookNotifier(hook.baseUrl).notify({ id: 'n-2', severity: 'info', title: 'Resumo diário', text: '12 itens novos' });
    const payload = JSON.parse(hook.last().body) as { blocks: Block[] };
    expect(payload.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context']);
    expect(payload.blocks[2]!.elements![0]!.text).toMatch(/Severity:\* info/);
  });

  it('throws DeliveryFailedError on a non-2xx answer, without the webhook URL in the message', async () => {
    hook.reply({ status: 404, body: 'no_service', contentType: 'text/plain' }, { status: 500, body: 'oops', contentType: 'text/plain' });
    const url = `${hook.baseUrl}/services/T000/B000/SECRET`;
    const gone = (await new SlackWebhookNotifier(url).notify(urgent).catch((e: unknown) => e)) as DeliveryFailedError;
    expect(gone).toBeInstanceOf(DeliveryFailedError);
    expect(gone).toMatchObject({ provider: 'slack', providerStatus: 404, retryable: false, bodyExcerpt: 'no_service' });
    expect(gone.message).not.toContain('SECRET');
    await expect(new SlackWebhookNotifier(url).notify(urgent)).rejects.toMatchObject({ providerStatus: 500, retryable: true });
  });
});
