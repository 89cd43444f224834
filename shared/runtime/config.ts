import { z } from 'zod';

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
  OUVIDOR_AUTH_MODE: z.enum(['local', 'cognito']).default('cognito'),
  /** Local mode: the HS256 secret (base64url) the embedded runtime keeps in its data folder. */
  OUVIDOR_JWT_SECRET: z.string().min(32).optional(),
  OUVIDOR_AUTH_ISSUER: z.string().min(1).default('ouvidor-local'),
  OUVIDOR_AUTH_AUDIENCE: z.string().min(1).optional(),
  OUVIDOR_MAX_BODY_BYTES: z.coerce.number().int().positive().default(256 * 1024),
  /** Base of links sent to customers (survey links), e.g. https://feedback.example.com; else derived from the request. */
  OUVIDOR_PUBLIC_URL: z.url().optional(),
  /** How long a survey link stays valid. */
  OUVIDOR_SURVEY_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Endpoint overrides (the local emulators); unset on AWS. */
  OUVIDOR_DYNAMODB_ENDPOINT: z.url().optional(),
  OUVIDOR_SQS_ENDPOINT: z.url().optional(),
  OUVIDOR_S3_ENDPOINT: z.url().optional(),
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
