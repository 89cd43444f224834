import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { analyzer } from '../shared/runtime/compose/analyzer.js';
import { clock, log } from '../shared/runtime/compose/basics.js';
import { eventBus } from '../shared/runtime/compose/bus.js';
import { cannedReplyStore } from '../shared/runtime/compose/canned-replies.js';
import { composeWith, type Capabilities } from '../shared/runtime/compose/capability.js';
import { configStore } from '../shared/runtime/compose/configs.js';
import { customerStore } from '../shared/runtime/compose/customers.js';
import { suppressionStore } from '../shared/runtime/compose/suppressions.js';
import { emailParser } from '../shared/runtime/compose/email-parser.js';
import { feedbackListing } from '../shared/runtime/compose/listing.js';
import { backlogReader, metricSources, metricsStore } from '../shared/runtime/compose/metrics.js';
import { objectStore } from '../shared/runtime/compose/objects.js';
import { customerMessenger, teamNotifier } from '../shared/runtime/compose/outbound.js';
import { redactor } from '../shared/runtime/compose/redactor.js';
import { feedbackQueue } from '../shared/runtime/compose/sqs.js';
import { feedbackStore } from '../shared/runtime/compose/store.js';
import { surveyTokens } from '../shared/runtime/compose/survey-tokens.js';
import { surveyStore } from '../shared/runtime/compose/surveys.js';
import { telemetry } from '../shared/runtime/compose/telemetry.js';
import { threadStore } from '../shared/runtime/compose/threads.js';
import { userCredentials, userDirectory } from '../shared/runtime/compose/users.js';
import { tokenVerifier } from '../shared/runtime/compose/verifier.js';
import { workflowSettings } from '../shared/runtime/compose/workflow-settings.js';
import { actionLog, outboxStore, recognitionStore, timelineStore } from '../shared/runtime/compose/workflow-stores.js';
import { config, type Config } from '../shared/runtime/config.js';

type AwsClientNames = 'dynamodb' | 'sqs' | 's3' | 'eventBridge';

/**
 * Every capability at once: the local runtime's (and the tests') view of the platform. Only the
 * local runtime builds it; a Lambda builds the few capabilities its handler names
 * (`shared/runtime/compose/`).
 */
export type Container = Omit<Capabilities, AwsClientNames> & { readonly config: Config };
export type AwsClients = Pick<Capabilities, AwsClientNames>;

/** Clients made once, with the endpoint override honoured (the local emulators). */
export function awsClients(cfg: Config): AwsClients {
  const region = cfg.AWS_REGION;
  return {
    dynamodb: new DynamoDBClient({ region, ...(cfg.OUVIDOR_DYNAMODB_ENDPOINT && { endpoint: cfg.OUVIDOR_DYNAMODB_ENDPOINT }) }),
    sqs: new SQSClient({ region, ...(cfg.OUVIDOR_SQS_ENDPOINT && { endpoint: cfg.OUVIDOR_SQS_ENDPOINT }) }),
    s3: new S3Client({ region, ...(cfg.OUVIDOR_S3_ENDPOINT && { endpoint: cfg.OUVIDOR_S3_ENDPOINT, forcePathStyle: true }) }),
    eventBridge: new EventBridgeClient({ region }),
  };
}

/** Every capability, from the compose factories (so the same instances the handlers use), honouring `composeWith`. */
export function buildContainer(): Container {
  return {
    config: config(),
    store: feedbackStore(),
    listing: feedbackListing(),
    backlog: backlogReader(),
    queue: feedbackQueue(),
    bus: eventBus(),
    objects: objectStore(),
    analyzer: analyzer(),
    customers: customerStore(),
    suppressions: suppressionStore(),
    threads: threadStore(),
    redactor: redactor(),
    parseEmail: emailParser(),
    verifier: tokenVerifier(),
    surveys: surveyStore(),
    surveyTokens: surveyTokens(),
    actions: actionLog(),
    timeline: timelineStore(),
    outbox: outboxStore(),
    recognition: recognitionStore(),
    metrics: metricsStore(),
    metricSources: metricSources(),
    configs: configStore(),
    messenger: customerMessenger(),
    notifier: teamNotifier(),
    workflow: workflowSettings(),
    users: userDirectory(),
    credentials: userCredentials(),
    cannedReplies: cannedReplyStore(),
    clock: clock(),
    log: log(),
    telemetry: telemetry(),
  };
}

/** Every handler of this process uses these capabilities (a test's scripted analyzer…); undefined forgets them. */
export function setContainer(next: Partial<Container & AwsClients> | undefined): void {
  if (!next) return composeWith(undefined);
  const { config: _config, ...capabilities } = next;
  composeWith(capabilities);
}
