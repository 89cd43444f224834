import { CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CfnStage, CorsHttpMethod, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { EventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ChannelFunctions } from './channels.construct.js';
import { WorkflowFunctions } from './workflows.construct.js';
import { TeamFunctions } from './team.construct.js';
import { TriageFunctions } from './triage.construct.js';
import { MetricsFunctions } from './metrics.construct.js';
import { OuvidorDashboard } from './dashboard.construct.js';
import { OuvidorAlarms } from './alarms.construct.js';
import { physicalName } from './deploy-config.schema.js';
import { EmailEventFunctions } from './email-events.construct.js';
import { EmailSending } from './email-sending.construct.js';
import { OuvidorFunction } from './ouvidor-function.construct.js';
import type { OuvidorFunctionProps } from './ouvidor-function.construct.js';
import { PROCESSOR_MAX_BATCHING_WINDOW, PROCESSOR_TIMEOUT } from './stateful.stack.js';
import { PROCESSOR_BATCH_SIZE, PROCESSOR_MAX_CONCURRENCY } from '../shared/runtime/processing.settings.js';
import type { StatefulStack } from './stateful.stack.js';

/**
 * The API's public surface: the only routes without the Cognito JWT authorizer (each still checks
 * its own credential: a signed token, a provider signature, or none for the intake and the pages).
 * Every other route requires a valid JWT at the gateway; roles are checked in the handlers.
 */
export const PUBLIC_ROUTE_KEYS: readonly string[] = Object.freeze([
  'POST /v1/feedback',
  'GET /v1/surveys/{token}',
  'POST /v1/surveys/{token}',
  'GET /v1/channels/social/{provider}',
  'POST /v1/channels/social/{provider}',
  'GET /standards',
  'GET /v1/openapi.json',
]);

/** Per-route limits of the public routes, so anonymous traffic cannot use up what the console needs. */
export const PUBLIC_ROUTE_THROTTLE = { rateLimit: 20, burstLimit: 40 } as const;

export interface ServiceStackProps extends StackProps {
  /** The deployment stage (context `stage`): prefixes the names this stack sets. */
  readonly stage: string;
  /** Table, queue, bucket and user pool (the stateful stack's public props). */
  readonly stateful: Pick<
    StatefulStack,
    'table' | 'queue' | 'deadLetterQueue' | 'originalsBucket' | 'originalsReadWritePolicy' | 'userPool' | 'userPoolClient' | 'originalsRetentionDays' | 'appSecret'
  >;
  /** OUVIDOR_CASCADE_THRESHOLD (context `ouvidor:cascadeThreshold`). */
  readonly cascadeThreshold: number;
  /** OUVIDOR_CASCADE_ESCALATE (context `ouvidor:cascadeEscalate`): what an unsure item asks Comprehend. @default 'sentiment' */
  readonly cascadeEscalate?: 'sentiment' | 'all';
  /** LOG_LEVEL of every function (context `ouvidor:logLevel`). */
  readonly logLevel: string;
  /** CORS origins for the console (context `ouvidor:corsAllowOrigins`). */
  readonly corsAllowOrigins: readonly string[];
  /** Create the SES receipt rule set (context `ouvidor:inboundEmail`; false where SES does not receive). @default true */
  readonly inboundEmail?: boolean;
  /** Email subscribed to the alert topic (context `ouvidor:alertEmail`). */
  readonly alertEmail?: string;
  /** Region the processor calls Comprehend in, when the home region has none (context `ouvidor:analysisRegion`). */
  readonly analysisRegion?: string;
  /** Limits of each public route (`PUBLIC_ROUTE_KEYS`). @default PUBLIC_ROUTE_THROTTLE */
  readonly publicThrottle?: { readonly rateLimit: number; readonly burstLimit: number };
  /** Addresses the SES receipt rule accepts (context `ouvidor:inboundEmailRecipients`). @default every verified address */
  readonly inboundEmailRecipients?: readonly string[];
  /** SES identity (domain or address) outbound mail is sent from (context `ouvidor:emailIdentity`). */
  readonly emailIdentity?: string;
  /** The From header of outbound mail (context `ouvidor:emailFrom`). */
  readonly emailFrom?: string;
  /** Default stage throttling. @default rate 50 rps, burst 100 */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
}

/** Stateless compute: HTTP API, functions, event bus, queue consumer and sweeper schedule. */
export class ServiceStack extends Stack {
  public readonly eventBus: EventBus;
  public readonly httpApi: HttpApi;
  public readonly stage: HttpStage;
  /** Variables every function receives; `addFunction()` applies them. */
  public readonly commonEnvironment: Readonly<Record<string, string>>;
  public readonly ingestWeb: OuvidorFunction;
  public readonly getFeedback: OuvidorFunction;
  public readonly getCustomer: OuvidorFunction;
  /** Rules, SLA sweeper, team topic, outbox and admin configuration. */
  public readonly workflows: WorkflowFunctions;
  /** Email, social, phone and the admin-only original text. */
  public readonly channels: ChannelFunctions;
  /** The agents' triage API: inbox, changes, replies, notes, bulk. */
  public readonly triage: TriageFunctions;
  /** Users, canned replies and the OpenAPI document. */
  public readonly team: TeamFunctions;
  /** The metrics aggregates (table stream → record-metrics), `GET /v1/metrics` and `GET /standards`. */
  public readonly metrics: MetricsFunctions;
  /** The CloudWatch dashboard `ouvidor-<stage>` and its alarms. */
  public readonly dashboard: OuvidorDashboard;
  /** The alert topic (the action of every alarm) and the function, API and queue-age alarms. */
  public readonly alarms: OuvidorAlarms;
  /** SES identity, configuration set and the bounce/complaint topic. */
  public readonly email: EmailSending;
  /** Bounces and complaints: the topic's queue, its DLQ and `email-events`. */
  public readonly emailEvents: EmailEventFunctions;
  /** Cognito JWT authorizer on every route outside PUBLIC_ROUTE_KEYS. */
  public readonly authorizer: HttpJwtAuthorizer;
  public readonly processFeedback: OuvidorFunction;
  public readonly sweepReceived: OuvidorFunction;
  public readonly createSurvey: OuvidorFunction;
  public readonly answerSurvey: OuvidorFunction;
  private readonly logLevel: string;
  private readonly appSecret: ISecret;
  private readonly routes: Array<{ readonly key: string; readonly route: HttpRoute }> = [];

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { table, queue, originalsBucket, userPool, userPoolClient } = props.stateful;
    this.logLevel = props.logLevel;
    this.appSecret = props.stateful.appSecret;

    this.eventBus = new EventBus(this, 'EventBus', { eventBusName: physicalName(props.stage) });

    this.commonEnvironment = {
      OUVIDOR_TABLE_NAME: table.tableName,
      OUVIDOR_QUEUE_URL: queue.queueUrl,
      OUVIDOR_EVENT_BUS_NAME: this.eventBus.eventBusName,
      OUVIDOR_BUCKET_NAME: originalsBucket.bucketName,
      OUVIDOR_ANALYZER: 'cascade',
      OUVIDOR_CASCADE_THRESHOLD: String(props.cascadeThreshold),
      OUVIDOR_CASCADE_ESCALATE: props.cascadeEscalate ?? 'sentiment',
      OUVIDOR_AUTH_MODE: 'cognito',
      OUVIDOR_AUTH_ISSUER: `https://cognito-idp.${this.region}.amazonaws.com/${userPool.userPoolId}`,
      OUVIDOR_AUTH_AUDIENCE: userPoolClient.userPoolClientId,
      OUVIDOR_ORIGINALS_RETENTION_DAYS: String(props.stateful.originalsRetentionDays),
      POWERTOOLS_SERVICE_NAME: 'ouvidor',
      POWERTOOLS_METRICS_NAMESPACE: 'Ouvidor',
      OUVIDOR_METRICS: 'emf',
      LOG_LEVEL: props.logLevel,
    };

    // --- Functions, each with only the grants it needs.
    // The widget posts cross-origin: the same allowlist as the HTTP API's CORS (context `ouvidor:corsAllowOrigins`).
    this.ingestWeb = this.addFunction('IngestWeb', { handlerName: 'ingest-web', environment: { OUVIDOR_CORS_ORIGINS: props.corsAllowOrigins.join(',') } });
    this.ingestWeb.grantTableWrite(table);
    this.ingestWeb.grantQueueSend(queue);

    this.getFeedback = this.addFunction('GetFeedback', { handlerName: 'get-feedback' });
    this.getFeedback.grantTableRead(table);

    this.getCustomer = this.addFunction('GetCustomer', { handlerName: 'get-customer' });
    this.getCustomer.grantTableRead(table);

    this.processFeedback = this.addFunction('ProcessFeedback', {
      handlerName: 'process-feedback',
      memorySize: 1024,
      timeout: PROCESSOR_TIMEOUT,
      // The analyzer's Comprehend client is built in this region (shared/runtime/analyzer.factory.ts `comprehendRegion`).
      ...(props.analysisRegion && { environment: { OUVIDOR_COMPREHEND_REGION: props.analysisRegion } }),
    });
    this.processFeedback.grantTableReadWrite(table);
    this.processFeedback.grantPutEvents(this.eventBus);
    this.processFeedback.attachPolicy(props.stateful.originalsReadWritePolicy);
    this.processFeedback.function.addEventSource(
      new SqsEventSource(queue, {
        batchSize: PROCESSOR_BATCH_SIZE,
        maxBatchingWindow: PROCESSOR_MAX_BATCHING_WINDOW,
        reportBatchItemFailures: true,
        maxConcurrency: PROCESSOR_MAX_CONCURRENCY,
      }),
    );

    this.sweepReceived = this.addFunction('SweepReceived', { handlerName: 'sweep-received', timeout: Duration.seconds(60) });
    this.sweepReceived.grantTableReadWrite(table);
    this.sweepReceived.grantQueueSend(queue);
    this.sweepReceived.grantPutEvents(this.eventBus); // republishes resolutions whose event was not confirmed
    new Rule(this, 'SweepSchedule', {
      description: 'Re-enqueue feedback stuck in received',
      schedule: Schedule.rate(Duration.minutes(5)),
      targets: [new LambdaFunction(this.sweepReceived.function, { retryAttempts: 2 })],
    });

    // Surveys: creation (agents) and the customer's one-click answer; both sign/verify links.
    this.createSurvey = this.addFunction('CreateSurvey', { handlerName: 'create-survey' });
    this.createSurvey.grantTableReadWrite(table);
    this.grantAppSecretRead(this.createSurvey);

    this.answerSurvey = this.addFunction('AnswerSurvey', { handlerName: 'answer-survey' });
    this.answerSurvey.grantTableReadWrite(table);
    this.answerSurvey.grantQueueSend(queue);
    this.grantAppSecretRead(this.answerSurvey);

    // --- HTTP API with an explicit $default stage (throttling + access logs).
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: physicalName(props.stage),
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...props.corsAllowOrigins],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.PATCH, CorsHttpMethod.DELETE, CorsHttpMethod.OPTIONS],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
        maxAge: Duration.hours(1),
      },
    });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    this.authorizer = new HttpJwtAuthorizer('CognitoJwt', `https://cognito-idp.${this.region}.amazonaws.com/${userPool.userPoolId}`, {
      authorizerName: 'cognito',
      jwtAudience: [userPoolClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });

    this.addRoute('/v1/feedback', HttpMethod.POST, this.ingestWeb, 'Public intake: anyone may submit feedback.');
    const jwt = 'Bearer JWT verified inside the Lambda (jose + Cognito JWKS).';
    this.addRoute('/v1/feedback/{id}', HttpMethod.GET, this.getFeedback, jwt);
    this.addRoute('/v1/customers/{id}', HttpMethod.GET, this.getCustomer, jwt);
    // An agent lifts a bounce/complaint suppression: the suppression and the profile's mark, nothing else.
    const clearUnreachable = this.addFunction('ClearUnreachable', { handlerName: 'clear-unreachable' });
    clearUnreachable.grantTableItems(table, ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], ['CUSTOMER#*', 'SUPPRESSION#*']);
    this.addRoute('/v1/customers/{id}/unreachable/{address}', HttpMethod.DELETE, clearUnreachable, jwt);
    this.addRoute('/v1/surveys', HttpMethod.POST, this.createSurvey, jwt);
    const surveyLink = 'Customer survey link: the signed, expiring token in the path is the credential (verified in the Lambda).';
    this.addRoute('/v1/surveys/{token}', HttpMethod.GET, this.answerSurvey, surveyLink);
    this.addRoute('/v1/surveys/{token}', HttpMethod.POST, this.answerSurvey, surveyLink);

    this.channels = new ChannelFunctions(this, 'Channels', {
      service: this,
      stateful: props.stateful,
      inboundEmail: props.inboundEmail ?? true,
      receiptRuleSetName: physicalName(props.stage, 'inbound'),
      inboundEmailRecipients: props.inboundEmailRecipients ?? [],
    });

    this.workflows = new WorkflowFunctions(this, 'Workflows', {
      service: this,
      stateful: props.stateful,
      bus: this.eventBus,
      emailIdentity: props.emailIdentity ?? 'example.com',
      emailFrom: props.emailFrom ?? '"Ouvidor" <feedback@example.com>',
    });

    this.triage = new TriageFunctions(this, 'Triage', {
      service: this,
      stateful: props.stateful,
      bus: this.eventBus,
      emailIdentity: props.emailIdentity ?? 'example.com',
      emailFrom: props.emailFrom ?? '"Ouvidor" <feedback@example.com>',
    });

    this.team = new TeamFunctions(this, 'Team', { service: this, stateful: props.stateful });

    this.metrics = new MetricsFunctions(this, 'Metrics', { service: this, stateful: props.stateful });

    // Outbound email: every function that sends through SES uses the configuration set.
    this.email = new EmailSending(this, 'Email', { emailIdentity: props.emailIdentity ?? 'example.com', configurationSetName: physicalName(props.stage) });
    for (const sender of [this.workflows.runWorkflows, this.workflows.slaSweeper, this.triage.replyFeedback]) this.email.grantSend(sender);
    this.emailEvents = new EmailEventFunctions(this, 'BouncesAndComplaints', { service: this, table, topic: this.email.deliveryProblemsTopic });

    this.limitPublicRoutes(props.publicThrottle ?? PUBLIC_ROUTE_THROTTLE);

    // Last: they chart and watch every function declared above.
    const functions = this.node.findAll().filter((c): c is OuvidorFunction => c instanceof OuvidorFunction);
    this.dashboard = new OuvidorDashboard(this, 'Dashboard', {
      dashboardName: physicalName(props.stage),
      functions,
      streamConsumer: this.metrics.recordMetrics,
      workQueue: queue,
      deadLetterQueues: {
        Feedback: props.stateful.deadLetterQueue,
        Workflows: this.workflows.deadLetterQueue,
        Metrics: this.metrics.deadLetterQueue,
        'Async failures': this.channels.asyncFailures,
        EmailEvents: this.emailEvents.deadLetterQueue,
      },
      table,
    });
    this.alarms = new OuvidorAlarms(this, 'Alarms', {
      ...(props.alertEmail && { alertEmail: props.alertEmail }),
      functions,
      httpApi: this.httpApi,
      workQueues: { Feedback: queue, Workflows: this.workflows.queue, EmailEvents: this.emailEvents.queue },
    });

    new CfnOutput(this, 'ApiUrl', { value: this.stage.url });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: userPoolClient.userPoolClientId });
    new CfnOutput(this, 'EventBusName', { value: this.eventBus.eventBusName });
    new CfnOutput(this, 'AlertTopicArn', { value: this.alarms.alertTopic.topicArn, description: 'Every alarm notifies this topic: subscribe more endpoints here' });
    new CfnOutput(this, 'DeliveryProblemsTopicArn', { value: this.email.deliveryProblemsTopic.topicArn, description: 'SES bounces and complaints' });
  }

  /** A function with the common environment and the stack's log level. Grant it what it needs. */
  public addFunction(id: string, props: Omit<OuvidorFunctionProps, 'environment' | 'logLevel'> & {
    readonly environment?: Readonly<Record<string, string>>;
  }): OuvidorFunction {
    return new OuvidorFunction(this, id, {
      ...props,
      logLevel: this.logLevel,
      environment: { ...this.commonEnvironment, ...props.environment },
    });
  }

  /**
   * Routes a method+path to a function. Routes in PUBLIC_ROUTE_KEYS stay open (`authReason` documents
   * the cdk-nag APIG4 acknowledgement); every other one gets the Cognito JWT authorizer, so anonymous
   * calls never reach (or bill) the function. The handler still verifies the token and the role.
   */
  public addRoute(path: string, method: HttpMethod, fn: OuvidorFunction, authReason: string): void {
    const integration = new HttpLambdaIntegration(`${fn.node.id}Integration`, fn.function);
    const isPublic = PUBLIC_ROUTE_KEYS.includes(`${method} ${path}`);
    const routes = this.httpApi.addRoutes({ path, methods: [method], integration, ...(!isPublic && { authorizer: this.authorizer }) });
    for (const route of routes) {
      if (isPublic) Validations.of(route).acknowledge({ id: 'AwsSolutions-APIG4', reason: authReason });
      this.routes.push({ key: `${method} ${path}`, route });
    }
  }

  /** Per-route throttling of the public routes on the stage (the stage default stays for the console's routes). */
  private limitPublicRoutes(limit: { readonly rateLimit: number; readonly burstLimit: number }): void {
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    const publicRoutes = this.routes.filter((r) => PUBLIC_ROUTE_KEYS.includes(r.key));
    cfnStage.routeSettings = Object.fromEntries(
      // A JSON property in CloudFormation's own casing (CDK passes it through as is).
      publicRoutes.map((r) => [r.key, { ThrottlingRateLimit: limit.rateLimit, ThrottlingBurstLimit: limit.burstLimit }]),
    );
    // Route settings name routes: the stage is created (or updated) after them.
    for (const { route } of publicRoutes) this.stage.node.addDependency(route);
  }

  /**
   * Lets a function read the application secret (generated name): sets OUVIDOR_SECRETS_ARN (read by
   * `appSecrets()`) and grants GetSecretValue/DescribeSecret on that secret only.
   */
  public grantAppSecretRead(fn: OuvidorFunction): void {
    fn.function.addEnvironment('OUVIDOR_SECRETS_ARN', this.appSecret.secretArn);
    this.appSecret.grantRead(fn.role);
  }

  /** Lets the processor call Comprehend Detect* (the cascade analyzer's fallback). */
  public grantComprehendToProcessor(actions: readonly string[]): void {
    this.processFeedback.grantComprehend(actions);
  }
}
