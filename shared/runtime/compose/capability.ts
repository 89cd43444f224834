import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { WorkflowSettings } from '../../app/workflows/workflow-context.js';
import type { Analyzer } from '../../ports/analyzer.port.js';
import type { CannedReplyStore } from '../../ports/canned-reply-store.port.js';
import type { Clock } from '../../ports/clock.port.js';
import type { CustomerStore } from '../../ports/customer-store.port.js';
import type { EmailParser } from '../../ports/email-parser.port.js';
import type { EventBus } from '../../ports/event-bus.port.js';
import type { FeedbackListing } from '../../ports/feedback-listing.port.js';
import type { FeedbackStore } from '../../ports/feedback-store.port.js';
import type { Log } from '../../ports/logger.port.js';
import type { CustomerMessenger, TeamNotifier } from '../../ports/messenger.port.js';
import type { BacklogReader, MetricsSourceScanner, MetricsStore } from '../../ports/metrics-store.port.js';
import type { ObjectStore } from '../../ports/object-store.port.js';
import type { FeedbackQueue } from '../../ports/queue.port.js';
import type { Redactor } from '../../ports/redactor.port.js';
import type { SuppressionStore } from '../../ports/suppression-store.port.js';
import type { SurveyStore } from '../../ports/survey-store.port.js';
import type { SurveyTokens } from '../../ports/survey-token.port.js';
import type { Telemetry } from '../../ports/telemetry.port.js';
import type { ThreadStore } from '../../ports/thread-store.port.js';
import type { TokenVerifier } from '../../ports/token-verifier.port.js';
import type { UserCredentials, UserDirectory } from '../../ports/user-directory.port.js';
import type { ActionLog, ConfigStore, OutboxStore, RecognitionStore, TimelineStore } from '../../ports/workflow-store.port.js';

/**
 * Every capability a handler may use, by name. Types only: importing this module loads no adapter.
 * The names are the fields of the use cases' `*Deps`, so an object of capabilities satisfies them.
 */
export interface Capabilities {
  /** AWS clients (endpoint overrides honoured); the local runtime supplies the ones it observes. */
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly s3: S3Client;
  readonly eventBridge: EventBridgeClient;
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
  /** Email addresses SES reported as bouncing or complaining: nothing is sent to them. */
  readonly suppressions: SuppressionStore;
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
export type CapabilityName = keyof Capabilities;

let overrides: Partial<Capabilities> = {};
const built = new Map<CapabilityName, unknown>();

/**
 * One capability, built once per process on first use (a Lambda container or the local runtime),
 * unless `composeWith` supplied it. Each capability lives in its own module under `compose/`, so a
 * handler imports (and its bundle carries) only the adapters of the capabilities it names.
 */
export function capability<K extends CapabilityName>(name: K, build: () => Capabilities[K]): () => Capabilities[K] {
  return () => {
    if (name in overrides) return overrides[name] as Capabilities[K];
    if (!built.has(name)) built.set(name, build());
    return built.get(name) as Capabilities[K];
  };
}

/** The capability if it was supplied or built already; never builds (e.g. flush telemetry only if something recorded). */
export function builtCapability<K extends CapabilityName>(name: K): Capabilities[K] | undefined {
  return name in overrides ? (overrides[name] as Capabilities[K]) : (built.get(name) as Capabilities[K] | undefined);
}

/**
 * The one override seam: capabilities supplied from outside (the local runtime's observed AWS
 * clients and its in-process bus; a test's scripted analyzer). Replaces the previous overrides and
 * forgets everything built, so the next use builds again from the new ones. `undefined` clears.
 */
export function composeWith(supplied: Partial<Capabilities> | undefined): void {
  overrides = { ...supplied };
  built.clear();
}
