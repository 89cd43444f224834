import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { OutboxOnlyMessenger, OutboxOnlyNotifier } from '../adapters/outbound/outbox-only.messenger.js';
import { FanOutNotifier, RoutingMessenger } from '../adapters/outbound/routing.messenger.js';
import { SesEmailMessenger } from '../adapters/outbound/ses-email.messenger.js';
import { SlackWebhookNotifier } from '../adapters/outbound/slack-webhook.notifier.js';
import { SmtpEmailMessenger } from '../adapters/outbound/smtp-email.messenger.js';
import { SnsNotifier } from '../adapters/outbound/sns.notifier.js';
import { SocialReplyMessenger } from '../adapters/outbound/social-reply.messenger.js';
import type { CustomerMessenger, TeamNotifier } from '../ports/messenger.port.js';
import type { Config } from './config.js';
import { logger } from './logger.js';
import { appSecrets, type AppSecrets } from './secrets.js';

function buildMessenger(cfg: Config, secrets: AppSecrets): CustomerMessenger {
  const identity = { from: cfg.OUVIDOR_EMAIL_FROM };
  const email =
    cfg.OUVIDOR_EMAIL_OUTBOUND === 'ses'
      ? new SesEmailMessenger(new SESv2Client({ region: cfg.AWS_REGION }), { ...identity, ...(cfg.OUVIDOR_SES_CONFIGURATION_SET && { configurationSetName: cfg.OUVIDOR_SES_CONFIGURATION_SET }) })
      : cfg.OUVIDOR_EMAIL_OUTBOUND === 'smtp' && cfg.OUVIDOR_SMTP_RELAY_URL
        ? new SmtpEmailMessenger(cfg.OUVIDOR_SMTP_RELAY_URL, identity)
        : new OutboxOnlyMessenger();
  const social =
    secrets.metaPageAccessToken || secrets.xUserAccessToken
      ? new SocialReplyMessenger({
          ...(secrets.metaPageAccessToken && { metaPageAccessToken: secrets.metaPageAccessToken }),
          ...(secrets.xUserAccessToken && { xUserAccessToken: secrets.xUserAccessToken }),
        })
      : new OutboxOnlyMessenger();
  return new RoutingMessenger({ email, social });
}

function buildNotifier(cfg: Config, secrets: AppSecrets): TeamNotifier {
  const notifiers: TeamNotifier[] = [];
  if (secrets.slackWebhookUrl) notifiers.push(new SlackWebhookNotifier(secrets.slackWebhookUrl));
  if (cfg.OUVIDOR_SNS_TOPIC_ARN) notifiers.push(new SnsNotifier(new SNSClient({ region: cfg.AWS_REGION }), cfg.OUVIDOR_SNS_TOPIC_ARN));
  if (notifiers.length === 0) return new OutboxOnlyNotifier();
  return new FanOutNotifier(notifiers, { onPartialFailure: (error) => logger.warn('a team notifier failed', { error: String(error) }) });
}

/**
 * Messenger and notifier as configured: SES or an SMTP relay for email, provider APIs for social
 * replies, Slack and/or SNS for the team; where nothing is configured, the outbox only. Built on
 * first use, because the tokens come from the (asynchronously read) app secret.
 */
export function outbound(cfg: Config): { messenger: CustomerMessenger; notifier: TeamNotifier } {
  let built: Promise<{ messenger: CustomerMessenger; notifier: TeamNotifier }> | undefined;
  const get = () => {
    built ??= appSecrets().then((s) => ({ messenger: buildMessenger(cfg, s), notifier: buildNotifier(cfg, s) }));
    built.catch(() => (built = undefined));
    return built;
  };
  return {
    messenger: { send: async (m) => (await get()).messenger.send(m) },
    notifier: { notify: async (n) => (await get()).notifier.notify(n) },
  };
}
