import { App, Stack, Validations } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { comprehendIamActions } from '../shared/adapters/comprehend-analyzer.adapter.js';
import { ConsoleSite } from './console-site.construct.js';
import { parseDeployConfig, physicalName } from './deploy-config.schema.js';
import type { DeployConfig } from './deploy-config.schema.js';
import { acknowledgeAutoDeleteProvider } from './nag-finding.util.js';
import { ServiceStack } from './service.stack.js';
import { StatefulStack } from './stateful.stack.js';

/** Context keys (set in cdk.json or with `cdk synth -c key=value`), validated by deploy-config.schema.ts. */
export const CONTEXT = {
  stage: 'stage',
  region: 'ouvidor:region',
  analysisRegion: 'ouvidor:analysisRegion',
  inboundEmail: 'ouvidor:inboundEmail',
  alertEmail: 'ouvidor:alertEmail',
  retainData: 'ouvidor:retainData',
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
  /** The validated deploy context (stage, regions, email, CORS...). */
  readonly config: DeployConfig;
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
  const config = parseDeployConfig((key) => app.node.tryGetContext(key), CONTEXT);
  const { stage } = config;
  // Account-agnostic; region-bound only when `ouvidor:region` is set (then the region checks above apply).
  const env = config.region ? { region: config.region } : undefined;

  const stateful = new StatefulStack(app, 'OuvidorStateful', {
    env,
    stackName: physicalName(stage, 'stateful'),
    description: `Ouvidor data (${stage}): DynamoDB table, SQS queue + DLQ, S3 originals, Cognito user pool`,
    stage,
    retainData: config.retainData,
    originalsRetentionDays: config.originalsRetentionDays,
    threatProtection: config.threatProtection,
  });
  const { cascadeEscalate } = config;
  const service = new ServiceStack(app, 'OuvidorService', {
    env,
    stackName: physicalName(stage, 'service'),
    description: `Ouvidor compute (${stage}): HTTP API, Lambda functions, EventBridge bus, schedules, SES, alarms`,
    stage,
    stateful,
    cascadeThreshold: config.cascadeThreshold,
    cascadeEscalate,
    logLevel: config.logLevel,
    corsAllowOrigins: config.corsAllowOrigins,
    inboundEmail: config.inboundEmail,
    inboundEmailRecipients: config.inboundEmailRecipients,
    emailIdentity: config.emailIdentity,
    emailFrom: config.emailFrom,
    ...(config.alertEmail && { alertEmail: config.alertEmail }),
    ...(config.analysisRegion && { analysisRegion: config.analysisRegion }),
  });
  service.addStackDependency(stateful);
  // The cascade engine (the AWS default) calls Comprehend: exactly the actions its adapter uses in the configured mode.
  service.grantComprehendToProcessor(comprehendIamActions(cascadeEscalate));

  const consoleStack = new Stack(app, 'OuvidorConsole', {
    env,
    stackName: physicalName(stage, 'console'),
    description: `Ouvidor support console and feedback widget (${stage}): S3 + CloudFront (OAC), config.json with the API URL`,
  });
  const consoleSite = new ConsoleSite(consoleStack, 'ConsoleSite', {
    namePrefix: physicalName(stage),
    apiBaseUrl: service.httpApi.apiEndpoint,
    auth: { region: consoleStack.region, userPoolId: stateful.userPool.userPoolId, clientId: stateful.userPoolClient.userPoolClientId },
  });
  consoleStack.addStackDependency(service);
  acknowledgeAutoDeleteProvider(consoleStack);

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, config, stateful, service, consoleSite };
}
