import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoCustomerStore } from '../adapters/dynamo-customer-store.adapter.js';
import { DynamoFeedbackStore } from '../adapters/dynamo-feedback-store.adapter.js';
import { DynamoFeedbackListing } from '../adapters/dynamo-feedback-listing.adapter.js';
import { DynamoBacklogReader } from '../adapters/dynamo-backlog-reader.adapter.js';
import { DynamoSurveyStore } from '../adapters/dynamo-survey-store.adapter.js';
import { JoseSurveyTokens } from '../adapters/jose-survey-tokens.adapter.js';
import { DynamoThreadStore } from '../adapters/dynamo-thread-store.adapter.js';
import { parseEmail } from '../adapters/mime-email-parser.adapter.js';
import { offlineRedactor } from '../adapters/offline-redactor.adapter.js';
import { EventBridgeBus } from '../adapters/eventbridge-bus.adapter.js';
import { CognitoTokenVerifier, LocalTokenVerifier } from '../adapters/jwt-token-verifier.adapter.js';
import { LocalEventBus } from '../adapters/local-event-bus.adapter.js';
import { S3ObjectStore } from '../adapters/s3-object-store.adapter.js';
import { SqsFeedbackQueue } from '../adapters/sqs-feedback-queue.adapter.js';
import { PowertoolsTelemetry } from '../adapters/powertools-telemetry.adapter.js';
import { quietTelemetry, type Telemetry } from '../ports/telemetry.port.js';
import type { Analyzer } from '../ports/analyzer.port.js';
import { systemClock, type Clock } from '../ports/clock.port.js';
import type { CustomerStore } from '../ports/customer-store.port.js';
import type { EmailParser } from '../ports/email-parser.port.js';
import type { EventBus } from '../ports/event-bus.port.js';
import type { ThreadStore } from '../ports/thread-store.port.js';
import type { Redactor } from '../ports/redactor.port.js';
import type { FeedbackStore } from '../ports/feedback-store.port.js';
import type { FeedbackListing } from '../ports/feedback-listing.port.js';
import type { BacklogReader } from '../ports/metrics-store.port.js';
import type { SurveyStore } from '../ports/survey-store.port.js';
import type { SurveyTokens } from '../ports/survey-token.port.js';
import type { Log } from '../ports/logger.port.js';
import type { ObjectStore } from '../ports/object-store.port.js';
import type { FeedbackQueue } from '../ports/queue.port.js';
import type { TokenVerifier } from '../ports/token-verifier.port.js';
import { socialProviders } from '../adapters/social/social-providers.adapter.js';
import type { SocialWebhookProvider } from '../ports/social-webhook.port.js';
import { DynamoMetricsStore } from '../adapters/dynamo-metrics-store.adapter.js';
import { DynamoMetricsSources } from '../adapters/dynamo-metrics-sources.adapter.js';
import type { MetricsSourceScanner, MetricsStore } from '../ports/metrics-store.port.js';
import { DynamoConfigStore, DynamoOutboxStore, DynamoRecognitionStore } from '../adapters/dynamo-records.adapter.js';
import { DynamoActionLog, DynamoTimelineStore } from '../adapters/dynamo-workflow-store.adapter.js';
import { DEFAULT_WORKFLOW_SETTINGS, type WorkflowSettings } from '../app/workflows/workflow-context.js';
import type { CustomerMessenger, TeamNotifier } from '../ports/messenger.port.js';
import type { ActionLog, ConfigStore, OutboxStore, RecognitionStore, TimelineStore } from '../ports/workflow-store.port.js';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoUserDirectory } from '../adapters/cognito-user-directory.adapter.js';
import { DynamoCannedReplyStore } from '../adapters/dynamo-canned-reply-store.adapter.js';
import { DynamoUserDirectory } from '../adapters/dynamo-user-directory.adapter.js';
import { scryptPasswords } from '../adapters/scrypt-password.adapter.js';
import type { CannedReplyStore } from '../ports/canned-reply-store.port.js';
import type { UserCredentials, UserDirectory } from '../ports/user-directory.port.js';
import { makeAnalyzer } from './analyzer.factory.js';
import { outbound } from './outbound.factory.js';
import { appSecrets } from './secrets.js';
import { config, type Config } from './config.js';
import { logger } from './logger.js';

/** Every adapter a handler may need, built once per process (Lambda container or local runtime). */
export interface Container {
  readonly config: Config;
  readonly store: FeedbackStore;
  /** The triage inbox, from the indexes. */
  readonly listing: FeedbackListing;
  /** Open work for the metrics report, from the status index. */
  readonly backlog: BacklogReader;
  readonly queue: FeedbackQueue;
  readonly bus: EventBus;
  readonly objects: ObjectStore;
  readonly analyzer: Analyzer;
  readonly customers: CustomerStore;
  readonly threads: ThreadStore;
  readonly redactor: Redactor;
  readonly parseEmail: EmailParser;
  readonly verifier: TokenVerifier;
  readonly surveys: SurveyStore;
  /** Signs and checks survey links; the key (from `appSecrets()`) is loaded on first use. */
  readonly surveyTokens: SurveyTokens;
  readonly actions: ActionLog;
  readonly timeline: TimelineStore;
  readonly outbox: OutboxStore;
  readonly recognition: RecognitionStore;
  /** Metrics aggregates and ledgers (per-day counters kept by `record-metrics`). */
  readonly metrics: MetricsStore;
  /** Every metrics source, for a rebuild; and kudos lookups. */
  readonly metricSources: MetricsSourceScanner;
  /** Admin-editable documents (rules, service standards) and counters. */
  readonly configs: ConfigStore;
  readonly messenger: CustomerMessenger;
  readonly notifier: TeamNotifier;
  readonly workflow: WorkflowSettings;
  /** Staff users: Cognito on AWS, the table locally. */
  readonly users: UserDirectory;
  /** Local sign-in only (`POST /v1/auth/login`); undefined with Cognito. */
  readonly credentials: UserCredentials | undefined;
  readonly cannedReplies: CannedReplyStore;
  readonly clock: Clock;
  readonly log: Log;
  /** Business metrics: EMF on AWS (`OUVIDOR_METRICS=emf`), nothing locally; flushed by `flushTelemetry()`. */
  readonly telemetry: Telemetry;
}

/** Clients made once, with the endpoint override honoured (the local emulators). */
export function awsClients(cfg: Config) {
  const region = cfg.AWS_REGION;
  return {
    dynamodb: new DynamoDBClient({ region, ...(cfg.OUVIDOR_DYNAMODB_ENDPOINT && { endpoint: cfg.OUVIDOR_DYNAMODB_ENDPOINT }) }),
    sqs: new SQSClient({ region, ...(cfg.OUVIDOR_SQS_ENDPOINT && { endpoint: cfg.OUVIDOR_SQS_ENDPOINT }) }),
    s3: new S3Client({ region, ...(cfg.OUVIDOR_S3_ENDPOINT && { endpoint: cfg.OUVIDOR_S3_ENDPOINT, forcePathStyle: true }) }),
    eventBridge: new EventBridgeClient({ region }),
  };
}

/** `clients` lets the local runtime observe the table's writes (its stand-in for DynamoDB Streams). */
export function buildContainer(cfg: Config, clients: ReturnType<typeof awsClients> = awsClients(cfg)): Container {
  const queueUrl = cfg.OUVIDOR_QUEUE_URL;
  return {
    config: cfg,
    store: new DynamoFeedbackStore(clients.dynamodb, cfg.OUVIDOR_TABLE_NAME),
    listing: new DynamoFeedbackListing(clients.dynamodb, cfg.OUVIDOR_TABLE_NAME),
    backlog: new DynamoBacklogReader(clients.dynamodb, cfg.OUVIDOR_TABLE_NAME),
    queue: queueUrl
      ? new SqsFeedbackQueue(clients.sqs, queueUrl)
      : { send: () => Promise.reject(new Error('OUVIDOR_QUEUE_URL is not set')) },
    bus:
      cfg.OUVIDOR_EVENT_BUS === 'local'
        ? new LocalEventBus((error, event) => logger.error('event subscriber failed', { eventId: event.id, error: String(error) }))
        : new EventBridgeBus(clients.eventBridge, cfg.OUVIDOR_EVENT_BUS_NAME),
    objects: new S3ObjectStore(clients.s3, cfg.OUVIDOR_BUCKET_NAME),
    analyzer: makeAnalyzer(cfg, { comprehendRegion: cfg.AWS_REGION }),
    customers: new DynamoCustomerStore(clients.dynamodb, cfg.OUVIDOR_TABLE_NAME),
    threads: new DynamoThreadStore(clients.dynamodb, cfg.OUVIDOR_TABLE_NAME),
    redactor: offlineRedactor,
    parseEmail,
    verifier:
      cfg.OUVIDOR_AUTH_MODE === 'local'
        ? new LocalTokenVerifier(cfg.OUVIDOR_JWT_SECRET ?? missing('OUVIDOR_JWT_SECRET'))
        : new CognitoTokenVerifier(cfg.OUVIDOR_AUTH_ISSUER, cfg.OUVIDOR_AUTH_AUDIENCE),
    surveys: new DynamoSurveyStore(clients.dynamodb, cfg.OUVIDOR_TABLE_NAME),
    surveyTokens: new JoseSurveyTokens(async () => (await appSecrets()).surveySigningKey, systemClock),
    actions: new DynamoActionLog(clients.dynamodb, cfg.OUVIDOR_TABLE_NAME),
    timeline: new DynamoTimelineStore(clients.dynamodb, cfg.OUVIDOR_TABLE_NAME),
    outbox: new DynamoOutboxStore(clients.dynamodb, cfg.OUVIDOR_TABLE_NAME),
    recognition: new DynamoRecognitionStore(clients.dynamodb, cfg.OUVIDOR_TABLE_NAME),
    metrics: new DynamoMetricsStore(clients.dynamodb, cfg.OUVIDOR_TABLE_NAME),
    metricSources: new DynamoMetricsSources(clients.dynamodb, cfg.OUVIDOR_TABLE_NAME),
    configs: new DynamoConfigStore(clients.dynamodb, cfg.OUVIDOR_TABLE_NAME),
    ...outbound(cfg),
    workflow: {
      ...DEFAULT_WORKFLOW_SETTINGS,
      retryBaseMs: cfg.OUVIDOR_WORKFLOW_RETRY_MS,
      publicBaseUrl: cfg.OUVIDOR_PUBLIC_URL ?? 'http://localhost:3000',
      teamLocale: cfg.OUVIDOR_TEAM_LOCALE,
      ...(cfg.OUVIDOR_CONSOLE_URL && { consoleUrl: cfg.OUVIDOR_CONSOLE_URL }),
    },
    ...userDirectories(cfg, clients.dynamodb),
    cannedReplies: new DynamoCannedReplyStore(clients.dynamodb, cfg.OUVIDOR_TABLE_NAME),
    clock: systemClock,
    log: logger,
    telemetry: cfg.OUVIDOR_METRICS === 'emf' ? new PowertoolsTelemetry() : quietTelemetry,
  };
}

function userDirectories(cfg: Config, dynamodb: ReturnType<typeof awsClients>['dynamodb']): Pick<Container, 'users' | 'credentials'> {
  if (cfg.OUVIDOR_AUTH_MODE === 'local') {
    const local = new DynamoUserDirectory(dynamodb, cfg.OUVIDOR_TABLE_NAME, scryptPasswords);
    return { users: local, credentials: local };
  }
  const cognito = new CognitoIdentityProviderClient({ region: cfg.AWS_REGION });
  return { users: new CognitoUserDirectory(cognito, cfg.OUVIDOR_USER_POOL_ID ?? ''), credentials: undefined };
}

function missing(name: string): never {
  throw new Error(`${name} is required in this auth mode`);
}

/** The social networks whose webhook secrets are configured (secrets are read asynchronously). */
export async function socialWebhookProviders(): Promise<Partial<Record<string, SocialWebhookProvider>>> {
  return socialProviders(await appSecrets());
}

let current: Container | undefined;

/** The process-wide container, built on first use from the environment. */
export function container(): Container {
  current ??= buildContainer(config());
  return current;
}

/** Replaces (or, with undefined, forgets) the process-wide container: tests and the local runtime. */
export function setContainer(next: Container | undefined): void {
  current = next;
}
