import { App, Stack, Validations } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { COMPREHEND_ESCALATIONS, comprehendIamActions, type ComprehendEscalation } from '../shared/adapters/comprehend-analyzer.adapter.js';
import { DEFAULT_CASCADE_THRESHOLD } from '../shared/adapters/offline-analyzer/confidence.js';
import { ConsoleSite } from './console-site.construct.js';
import { ServiceStack } from './service.stack.js';
import { StatefulStack } from './stateful.stack.js';

/** Context keys (set in cdk.json or with `cdk synth -c key=value`). */
export const CONTEXT = {
  cascadeThreshold: 'ouvidor:cascadeThreshold',
  cascadeEscalate: 'ouvidor:cascadeEscalate',
  originalsRetentionDays: 'ouvidor:originalsRetentionDays',
  logLevel: 'ouvidor:logLevel',
  corsAllowOrigins: 'ouvidor:corsAllowOrigins',
  threatProtection: 'ouvidor:threatProtection',
  inboundEmailRecipients: 'ouvidor:inboundEmailRecipients',
  emailIdentity: 'ouvidor:emailIdentity',
  emailFrom: 'ouvidor:emailFrom',
} as const;

export interface OuvidorApp {
  readonly app: App;
  readonly stateful: StatefulStack;
  readonly service: ServiceStack;
  /** The support console and widget.js (S3 + CloudFront), in the `OuvidorConsole` stack. */
  readonly consoleSite: ConsoleSite;
}

/**
 * Builds the app: env-agnostic stacks (no lookups, no account/region needed) and the cdk-nag
 * AwsSolutions pack as a CDK validation plugin — synth fails on any unacknowledged error.
 */
export function createOuvidorApp(props: AppProps = {}): OuvidorApp {
  const app = new App(props);
  const ctx = (key: string): unknown => app.node.tryGetContext(key);

  const stateful = new StatefulStack(app, 'OuvidorStateful', {
    stackName: 'ouvidor-stateful',
    description: 'Ouvidor data: DynamoDB table, SQS queue + DLQ, S3 originals, Cognito user pool',
    originalsRetentionDays: positiveInt(ctx(CONTEXT.originalsRetentionDays), 90, CONTEXT.originalsRetentionDays),
    threatProtection: bool(ctx(CONTEXT.threatProtection), true),
  });
  const cascadeEscalate = escalation(ctx(CONTEXT.cascadeEscalate), CONTEXT.cascadeEscalate);
  const service = new ServiceStack(app, 'OuvidorService', {
    stackName: 'ouvidor-service',
    description: 'Ouvidor compute: HTTP API, Lambda functions, EventBridge bus, schedules',
    stateful,
    cascadeThreshold: unitInterval(ctx(CONTEXT.cascadeThreshold), DEFAULT_CASCADE_THRESHOLD, CONTEXT.cascadeThreshold),
    cascadeEscalate,
    logLevel: String(ctx(CONTEXT.logLevel) ?? 'INFO').toUpperCase(),
    corsAllowOrigins: list(ctx(CONTEXT.corsAllowOrigins), ['*']),
    inboundEmailRecipients: list(ctx(CONTEXT.inboundEmailRecipients), []),
    emailIdentity: String(ctx(CONTEXT.emailIdentity) ?? 'example.com'),
    emailFrom: String(ctx(CONTEXT.emailFrom) ?? '"Ouvidor" <feedback@example.com>'),
  });
  service.addStackDependency(stateful);
  // The cascade engine (the AWS default) calls Comprehend: exactly the actions its adapter uses in the configured mode.
  service.grantComprehendToProcessor(comprehendIamActions(cascadeEscalate));

  const consoleStack = new Stack(app, 'OuvidorConsole', {
    stackName: 'ouvidor-console',
    description: 'Ouvidor support console and feedback widget: S3 + CloudFront (OAC), config.json with the API URL',
  });
  const consoleSite = new ConsoleSite(consoleStack, 'ConsoleSite', {
    apiBaseUrl: service.httpApi.apiEndpoint,
    auth: { region: consoleStack.region, userPoolId: stateful.userPool.userPoolId, clientId: stateful.userPoolClient.userPoolClientId },
  });
  consoleStack.addStackDependency(service);

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stateful, service, consoleSite };
}

function positiveInt(value: unknown, fallback: number, key: string): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`Context ${key} must be a positive integer, got ${String(value)}`);
  return n;
}

function unitInterval(value: unknown, fallback: number, key: string): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new Error(`Context ${key} must be a number in [0, 1], got ${String(value)}`);
  return n;
}

function escalation(value: unknown, key: string): ComprehendEscalation {
  if (value === undefined || value === null || value === '') return 'sentiment';
  const found = COMPREHEND_ESCALATIONS.find((m) => m === value);
  if (found === undefined) throw new Error(`Context ${key} must be one of ${COMPREHEND_ESCALATIONS.join(', ')}, got ${String(value)}`);
  return found;
}

function bool(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback;
  return value !== false && value !== 'false';
}

function list(value: unknown, fallback: string[]): string[] {
  if (value === undefined || value === null || value === '') return fallback;
  if (Array.isArray(value)) return value.map(String);
  return String(value).split(',').map((s) => s.trim()).filter(Boolean);
}
