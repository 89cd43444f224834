import { CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
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
import { OuvidorFunction } from './ouvidor-function.construct.js';
import type { OuvidorFunctionProps } from './ouvidor-function.construct.js';
import { PROCESSOR_MAX_BATCHING_WINDOW, PROCESSOR_TIMEOUT } from './stateful.stack.js';
import { PROCESSOR_BATCH_SIZE, PROCESSOR_MAX_CONCURRENCY } from '../shared/runtime/processing.settings.js';
import type { StatefulStack } from './stateful.stack.js';

export interface ServiceStackProps extends StackProps {
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
  /** The CloudWatch dashboard `ouvidor` and its alarms. */
  public readonly dashboard: OuvidorDashboard;
  public readonly processFeedback: OuvidorFunction;
  public readonly sweepReceived: OuvidorFunction;
  public readonly createSurvey: OuvidorFunction;
  public readonly answerSurvey: OuvidorFunction;
  private readonly logLevel: string;
  private readonly appSecret: ISecret;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { table, queue, originalsBucket, userPool, userPoolClient } = props.stateful;
    this.logLevel = props.logLevel;
    this.appSecret = props.stateful.appSecret;

    this.eventBus = new EventBus(this, 'EventBus', { eventBusName: 'ouvidor' });

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
      apiName: 'ouvidor',
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

    this.addRoute('/v1/feedback', HttpMethod.POST, this.ingestWeb, 'Public intake: anyone may submit feedback.');
    const jwt = 'Bearer JWT verified inside the Lambda (jose + Cognito JWKS).';
    this.addRoute('/v1/feedback/{id}', HttpMethod.GET, this.getFeedback, jwt);
    this.addRoute('/v1/customers/{id}', HttpMethod.GET, this.getCustomer, jwt);
    this.addRoute('/v1/surveys', HttpMethod.POST, this.createSurvey, jwt);
    const surveyLink = 'Customer survey link: the signed, expiring token in the path is the credential (verified in the Lambda).';
    this.addRoute('/v1/surveys/{token}', HttpMethod.GET, this.answerSurvey, surveyLink);
    this.addRoute('/v1/surveys/{token}', HttpMethod.POST, this.answerSurvey, surveyLink);

    this.channels = new ChannelFunctions(this, 'Channels', {
      service: this,
      stateful: props.stateful,
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

    // Last: it charts every function declared above.
    this.dashboard = new OuvidorDashboard(this, 'Dashboard', {
      functions: this.node.findAll().filter((c): c is OuvidorFunction => c instanceof OuvidorFunction),
      streamConsumer: this.metrics.recordMetrics,
      workQueue: queue,
      deadLetterQueues: { Feedback: props.stateful.deadLetterQueue, Workflows: this.workflows.deadLetterQueue, Metrics: this.metrics.deadLetterQueue },
      table,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.stage.url });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: userPoolClient.userPoolClientId });
    new CfnOutput(this, 'EventBusName', { value: this.eventBus.eventBusName });
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
   * Routes a method+path to a function. Authorization is not done by API Gateway (the Lambda verifies
   * the Cognito JWT), so `authReason` documents the cdk-nag APIG4 acknowledgement.
   */
  public addRoute(path: string, method: HttpMethod, fn: OuvidorFunction, authReason: string): void {
    const integration = new HttpLambdaIntegration(`${fn.node.id}Integration`, fn.function);
    const routes = this.httpApi.addRoutes({ path, methods: [method], integration });
    for (const route of routes) {
      Validations.of(route).acknowledge({ id: 'AwsSolutions-APIG4', reason: authReason });
    }
  }

  /**
   * Lets a function read the application secret (`ouvidor/app`): sets OUVIDOR_SECRETS_ARN (read by
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
