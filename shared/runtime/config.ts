import * as z from 'zod';

/** Everything a function reads from its environment, parsed once. */
const ConfigSchema = z.object({
  OUVIDOR_TABLE_NAME: z.string().min(1).default('ouvidor'),
  OUVIDOR_QUEUE_URL: z.string().min(1).optional(),
  OUVIDOR_EVENT_BUS_NAME: z.string().min(1).default('ouvidor'),
  /** `local` uses the in-process bus of the embedded runtime. */
  OUVIDOR_EVENT_BUS: z.enum(['eventbridge', 'local']).default('eventbridge'),
  OUVIDOR_BUCKET_NAME: z.string().min(1).default('ouvidor-objects'),
  OUVIDOR_ANALYZER: z.enum(['offline', 'comprehend', 'cascade']).default('offline'),
  OUVIDOR_CASCADE_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
  /** What the cascade asks Comprehend for an unsure item: `sentiment` (BatchDetectSentiment only) or `all` (language, sentiment, key phrases, PII). */
  OUVIDOR_CASCADE_ESCALATE: z.enum(['sentiment', 'all']).default('sentiment'),
  /** Where Comprehend is called (context `ouvidor:analysisRegion`), when the home region has no endpoint (São Paulo); else AWS_REGION. */
  OUVIDOR_COMPREHEND_REGION: z.string().min(1).optional(),
  OUVIDOR_AUTH_MODE: z.enum(['local', 'cognito']).default('cognito'),
  /** Local mode: the HS256 secret (base64url) the embedded runtime keeps in its data folder. */
  OUVIDOR_JWT_SECRET: z.string().min(32).optional(),
  OUVIDOR_AUTH_ISSUER: z.string().min(1).default('ouvidor-local'),
  OUVIDOR_AUTH_AUDIENCE: z.string().min(1).optional(),
  OUVIDOR_MAX_BODY_BYTES: z.coerce.number().int().positive().default(256 * 1024),
  /** Base of links sent to customers (survey links), e.g. https://feedback.example.com; else derived from the request. */
  OUVIDOR_PUBLIC_URL: z.url().optional(),
  /** How long a survey link stays valid. */
  /** Outbound email: `ses` (AWS), `smtp` (through OUVIDOR_SMTP_RELAY_URL) or `outbox` (recorded only). */
  OUVIDOR_EMAIL_OUTBOUND: z.enum(['ses', 'smtp', 'outbox']).default('outbox'),
  /** The sender, e.g. `"Loja Exemplo" <atendimento@loja.example>` (an SES-verified identity on AWS). */
  OUVIDOR_EMAIL_FROM: z.string().min(3).default('"Ouvidor" <ouvidor@localhost>'),
  OUVIDOR_SES_CONFIGURATION_SET: z.string().optional(),
  OUVIDOR_SMTP_RELAY_URL: z.string().optional(),
  OUVIDOR_SNS_TOPIC_ARN: z.string().optional(),
  /** The console's URL, for links in team notifications. */
  OUVIDOR_CONSOLE_URL: z.url().optional(),
  OUVIDOR_TEAM_LOCALE: z.enum(['pt-BR', 'en']).default('pt-BR'),
  /** Delay before a failed SLA-sweeper action may be retried by a later sweep (doubles each time); run-workflows' retries are its queue's. */
  OUVIDOR_WORKFLOW_RETRY_MS: z.coerce.number().int().min(0).default(30_000),
  OUVIDOR_SURVEY_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** The Cognito user pool (`GET|POST /v1/users` on AWS). */
  OUVIDOR_USER_POOL_ID: z.string().min(1).optional(),
  /** Origins allowed to post feedback cross-origin (the widget), comma-separated; `*` any, `http://host:*` any port. */
  OUVIDOR_CORS_ORIGINS: z.string().default('http://localhost:*,http://127.0.0.1:*'),
  /** Business metrics: `emf` (CloudWatch Embedded Metric Format on stdout; set by the CDK app) or `off` (local runtime, tests). */
  OUVIDOR_METRICS: z.enum(['emf', 'off']).default('off'),
  /** Endpoint overrides (the local emulators); unset on AWS. */
  OUVIDOR_DYNAMODB_ENDPOINT: z.url().optional(),
  OUVIDOR_SQS_ENDPOINT: z.url().optional(),
  OUVIDOR_S3_ENDPOINT: z.url().optional(),
  /** The SDK's standard endpoint override for Cognito (an emulator: moto in `npm run test:aws`); the verifier then reads the pool's JWKS there. */
  AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: z.url().optional(),
  AWS_REGION: z.string().default('us-east-1'),
});
export type Config = z.infer<typeof ConfigSchema>;

let cached: Config | undefined;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}

export function config(): Config {
  cached ??= loadConfig();
  return cached;
}

/** For the embedded runtime and tests, after they change the environment. */
export function resetConfig(): void {
  cached = undefined;
}
