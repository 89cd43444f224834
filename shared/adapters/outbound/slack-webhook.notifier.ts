import type { DeliveryReceipt, TeamNotification, TeamNotifier } from '../../ports/messenger.port.js';
import { postOrThrow } from './http-post.util.js';

export interface SlackWebhookNotifierOptions {
  /** Label of the button to the notification's `url`; default `Open in Ouvidor`. */
  readonly buttonLabel?: string;
  /** Per request; default 10 s. */
  readonly timeoutMs?: number;
}

const EMOJI: Record<TeamNotification['severity'], string> = { info: ':information_source:', warning: ':warning:', urgent: ':rotating_light:' };

/** Slack mrkdwn needs only `&`, `<` and `>` escaped. */
const mrkdwn = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cut = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** The Slack message (Block Kit) for a notification; `text` is the fallback for notifications and old clients. */
export const slackPayload = (n: TeamNotification, buttonLabel = 'Open in Ouvidor'): Record<string, unknown> => {
  const context = `${EMOJI[n.severity]} *Severity:* ${n.severity}${n.feedbackId ? ` · feedback \`${mrkdwn(n.feedbackId)}\`` : ''}`;
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: cut(n.title, 150), emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: cut(mrkdwn(n.text), 3000) || ' ' } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: context }] },
  ];
  if (n.url) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: cut(buttonLabel, 75) }, url: n.url, action_id: `open-${n.id}`.slice(0, 255), ...(n.severity === 'urgent' ? { style: 'danger' } : {}) }],
    });
  }
  return { text: cut(`${n.severity === 'info' ? '' : `[${n.severity}] `}${n.title}: ${mrkdwn(n.text)}`, 3000), blocks };
};

/** Posts to a Slack (or Slack-compatible: Mattermost, Rocket.Chat…) incoming webhook. */
export class SlackWebhookNotifier implements TeamNotifier {
  /** `webhookUrl` is a secret (it carries the token): it never appears in errors. */
  constructor(private readonly webhookUrl: string, private readonly options: SlackWebhookNotifierOptions = {}) {}

  async notify(notification: TeamNotification): Promise<DeliveryReceipt> {
    await postOrThrow({
      provider: 'slack',
      url: this.webhookUrl,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(slackPayload(notification, this.options.buttonLabel)),
      timeoutMs: this.options.timeoutMs ?? 10_000,
    });
    return { provider: 'slack', status: 'sent' };
  }
}
