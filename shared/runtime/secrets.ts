import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import * as z from 'zod';

/**
 * Secrets the functions need. On AWS: one Secrets Manager secret (JSON) named by
 * OUVIDOR_SECRETS_ARN, read with Powertools Parameters (cached 5 minutes). Locally: environment
 * variables (the embedded runtime keeps generated ones in its data folder).
 */
const AppSecretsSchema = z.object({
  /** Signs survey links. */
  surveySigningKey: z.string().min(32),
  metaAppSecret: z.string().optional(),
  metaVerifyToken: z.string().optional(),
  xConsumerSecret: z.string().optional(),
  /** The `generic` social webhook's shared secret. */
  webhookSecret: z.string().optional(),
  /** Replies on Facebook/Instagram (a page access token) and on X (an OAuth 2.0 user token). */
  metaPageAccessToken: z.string().optional(),
  xUserAccessToken: z.string().optional(),
  /** A Slack-compatible incoming-webhook URL for team notifications (it embeds a token). */
  slackWebhookUrl: z.string().optional(),
});
export type AppSecrets = z.infer<typeof AppSecretsSchema>;

const blank = (v: string | undefined) => (v && v.trim() !== '' ? v : undefined);

export function secretsFromEnv(env: NodeJS.ProcessEnv): AppSecrets {
  return AppSecretsSchema.parse({
    surveySigningKey: env.OUVIDOR_SURVEY_SECRET,
    metaAppSecret: blank(env.OUVIDOR_META_APP_SECRET),
    metaVerifyToken: blank(env.OUVIDOR_META_VERIFY_TOKEN),
    xConsumerSecret: blank(env.OUVIDOR_X_CONSUMER_SECRET),
    webhookSecret: blank(env.OUVIDOR_WEBHOOK_SECRET),
    metaPageAccessToken: blank(env.OUVIDOR_META_PAGE_TOKEN),
    xUserAccessToken: blank(env.OUVIDOR_X_USER_TOKEN),
    slackWebhookUrl: blank(env.OUVIDOR_SLACK_WEBHOOK_URL),
  });
}

export async function appSecrets(env: NodeJS.ProcessEnv = process.env): Promise<AppSecrets> {
  const arn = env.OUVIDOR_SECRETS_ARN;
  if (!arn) return secretsFromEnv(env);
  const value = await getSecret<Record<string, string>>(arn, { transform: 'json', maxAge: 300 });
  const parsed = AppSecretsSchema.safeParse(Object.fromEntries(Object.entries(value ?? {}).map(([k, v]) => [k, blank(v)])));
  if (!parsed.success) throw new Error(`Secret ${arn} is incomplete: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return parsed.data;
}
