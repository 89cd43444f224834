import type { CustomerMessenger, TeamNotifier } from '../../ports/messenger.port.js';
import { config, type Config } from '../config.js';
import { logger } from '../logger.js';
import { appSecrets, type AppSecrets } from '../secrets.js';
import { capability } from './capability.js';
import { traced } from '../tracing.js';

/**
 * The SMTP relay's messenger (nodemailer, ~240 KB minified): the local runtime's path only, every
 * Lambda sends through SES (infra sets `OUVIDOR_EMAIL_OUTBOUND=ses`). Imported through a computed
 * specifier so that esbuild leaves it out of the Lambda bundles, where it would be dead weight.
 */
const SMTP_MESSENGER_MODULE = '../../adapters/outbound/smtp-email.messenger.js';
type SmtpModule = typeof import('../../adapters/outbound/smtp-email.messenger.js');

async function smtpMessengerModule(): Promise<SmtpModule> {
  try {
    return (await import(/* @vite-ignore */ SMTP_MESSENGER_MODULE)) as SmtpModule;
  } catch (error) {
    throw new Error('OUVIDOR_EMAIL_OUTBOUND=smtp is for the local runtime: a deployed function sends email through SES (OUVIDOR_EMAIL_OUTBOUND=ses).', { cause: error });
  }
}

/** Email as configured: SES, an SMTP relay (nodemailer, local only) or the outbox only; only the chosen one is imported. */
async function emailMessenger(cfg: Config): Promise<CustomerMessenger> {
  const identity = { from: cfg.OUVIDOR_EMAIL_FROM };
  if (cfg.OUVIDOR_EMAIL_OUTBOUND === 'ses') {
    const [{ SESv2Client }, { SesEmailMessenger }] = await Promise.all([import('@aws-sdk/client-sesv2'), import('../../adapters/outbound/ses-email.messenger.js')]);
    return new SesEmailMessenger(traced(new SESv2Client({ region: cfg.AWS_REGION })), {
      ...identity,
      ...(cfg.OUVIDOR_SES_CONFIGURATION_SET && { configurationSetName: cfg.OUVIDOR_SES_CONFIGURATION_SET }),
    });
  }
  if (cfg.OUVIDOR_EMAIL_OUTBOUND === 'smtp' && cfg.OUVIDOR_SMTP_RELAY_URL) {
    const { SmtpEmailMessenger } = await smtpMessengerModule();
    return new SmtpEmailMessenger(cfg.OUVIDOR_SMTP_RELAY_URL, identity);
  }
  return new (await import('../../adapters/outbound/outbox-only.messenger.js')).OutboxOnlyMessenger();
}

async function buildMessenger(cfg: Config, secrets: AppSecrets): Promise<CustomerMessenger> {
  const [{ RoutingMessenger }, { OutboxOnlyMessenger }] = await Promise.all([
    import('../../adapters/outbound/routing.messenger.js'),
    import('../../adapters/outbound/outbox-only.messenger.js'),
  ]);
  const social =
    secrets.metaPageAccessToken || secrets.xUserAccessToken
      ? new (await import('../../adapters/outbound/social-reply.messenger.js')).SocialReplyMessenger({
          ...(secrets.metaPageAccessToken && { metaPageAccessToken: secrets.metaPageAccessToken }),
          ...(secrets.xUserAccessToken && { xUserAccessToken: secrets.xUserAccessToken }),
        })
      : new OutboxOnlyMessenger();
  return new RoutingMessenger({ email: await emailMessenger(cfg), social });
}

async function buildNotifier(cfg: Config, secrets: AppSecrets): Promise<TeamNotifier> {
  const notifiers: TeamNotifier[] = [];
  if (secrets.slackWebhookUrl) notifiers.push(new (await import('../../adapters/outbound/slack-webhook.notifier.js')).SlackWebhookNotifier(secrets.slackWebhookUrl));
  if (cfg.OUVIDOR_SNS_TOPIC_ARN) {
    const [{ SNSClient }, { SnsNotifier }] = await Promise.all([import('@aws-sdk/client-sns'), import('../../adapters/outbound/sns.notifier.js')]);
    notifiers.push(new SnsNotifier(traced(new SNSClient({ region: cfg.AWS_REGION })), cfg.OUVIDOR_SNS_TOPIC_ARN));
  }
  const { FanOutNotifier } = await import('../../adapters/outbound/routing.messenger.js');
  if (notifiers.length === 0) return new (await import('../../adapters/outbound/outbox-only.messenger.js')).OutboxOnlyNotifier();
  return new FanOutNotifier(notifiers, { onPartialFailure: (error) => logger.warn('a team notifier failed', { error: String(error) }) });
}

/** Builds `make` from the app secret on first use (the tokens come from the asynchronously read secret). */
function fromSecrets<T>(make: (cfg: Config, secrets: AppSecrets) => Promise<T>): () => Promise<T> {
  const cfg = config();
  let built: Promise<T> | undefined;
  return () => {
    built ??= appSecrets().then((s) => make(cfg, s));
    built.catch(() => (built = undefined));
    return built;
  };
}

/**
 * Customer messages as configured: SES or an SMTP relay for email, provider APIs for social
 * replies; where nothing is configured, the outbox only. Each adapter is imported on first use.
 */
export const customerMessenger = /* @__PURE__ */ capability('messenger', (): CustomerMessenger => {
  const get = fromSecrets(buildMessenger);
  return { send: async (m) => (await get()).send(m) };
});

/** Team notices: Slack and/or SNS, else the outbox only. */
export const teamNotifier = /* @__PURE__ */ capability('notifier', (): TeamNotifier => {
  const get = fromSecrets(buildNotifier);
  return { notify: async (n) => (await get()).notify(n) };
});
