import { Duration, Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  WORKFLOW_BATCH_SIZE,
  WORKFLOW_FUNCTION_TIMEOUT_S,
  WORKFLOW_MAX_CONCURRENCY,
  WORKFLOW_MAX_RECEIVES,
  WORKFLOW_VISIBILITY_TIMEOUT_S,
} from '../shared/runtime/processing.settings.js';
import type { OuvidorFunction } from './ouvidor-function.construct.js';
import type { ServiceStack } from './service.stack.js';
import type { StatefulStack } from './stateful.stack.js';

export interface WorkflowsProps {
  readonly service: ServiceStack;
  readonly stateful: Pick<StatefulStack, 'table' | 'queue'>;
  readonly bus: IEventBus;
  /** The SES identity acknowledgements are sent from: a verified domain or address (context `ouvidor:emailIdentity`). */
  readonly emailIdentity: string;
  /** The `From` header, e.g. `"Loja Exemplo" <atendimento@loja.example>` (context `ouvidor:emailFrom`). */
  readonly emailFrom: string;
}

/**
 * Response workflows: `feedback.analyzed` and `feedback.resolved` from the bus to the workflow
 * queue, whose event source mapping runs the workflow function with partial batch failures: a
 * failed record comes back after the visibility timeout, and after its last receive the redrive
 * policy moves it to the workflow DLQ (alarmed). A rule invoking the function directly would be an
 * asynchronous invocation: a function error gets two retries and the event is dropped. The SLA sweeper every minute on
 * EventBridge Scheduler, team notifications on an SNS topic, acknowledgements through SES from
 * one identity only, the outbox and the admin configuration routes.
 */
export class WorkflowFunctions extends Construct {
  public readonly runWorkflows: OuvidorFunction;
  public readonly slaSweeper: OuvidorFunction;
  public readonly listOutbox: OuvidorFunction;
  public readonly adminConfig: OuvidorFunction;
  public readonly teamTopic: Topic;
  public readonly deadLetterQueue: Queue;
  /** EventBridge → this queue → run-workflows. */
  public readonly queue: Queue;

  constructor(scope: Construct, id: string, props: WorkflowsProps) {
    super(scope, id);
    const { service, bus } = props;
    const { table } = props.stateful;
    const stack = Stack.of(this);

    this.teamTopic = new Topic(this, 'TeamNotifications', { displayName: 'Ouvidor team notifications', enforceSSL: true });
    this.deadLetterQueue = new Queue(this, 'WorkflowDlq', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the workflow queue, of its rule target and of the SLA schedule.',
    });
    this.queue = new Queue(this, 'WorkflowQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(WORKFLOW_VISIBILITY_TIMEOUT_S),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: WORKFLOW_MAX_RECEIVES },
    });

    const outboundEnv = {
      OUVIDOR_EMAIL_OUTBOUND: 'ses',
      OUVIDOR_EMAIL_FROM: props.emailFrom,
      OUVIDOR_SNS_TOPIC_ARN: this.teamTopic.topicArn,
      OUVIDOR_PUBLIC_URL: service.httpApi.apiEndpoint,
    };
    const sesSend = new PolicyStatement({
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [stack.formatArn({ service: 'ses', resource: 'identity', resourceName: props.emailIdentity })],
    });
    const worker = (fn: OuvidorFunction) => {
      fn.grantTableReadWrite(table);
      fn.role.addToPrincipalPolicy(sesSend);
      this.teamTopic.grantPublish(fn.role);
      service.grantAppSecretRead(fn); // Slack webhook URL and social reply tokens
      return fn;
    };

    this.runWorkflows = worker(service.addFunction('RunWorkflows', { handlerName: 'run-workflows', timeout: Duration.seconds(WORKFLOW_FUNCTION_TIMEOUT_S), environment: outboundEnv }));
    new Rule(this, 'FeedbackEvents', {
      eventBus: bus,
      description: 'Analyzed and resolved feedback to the workflow queue',
      eventPattern: { source: ['ouvidor'], detailType: ['feedback.analyzed', 'feedback.resolved'] },
      // Delivery to the queue is retried by EventBridge; what it cannot deliver goes to the DLQ too.
      targets: [new SqsQueue(this.queue, { deadLetterQueue: this.deadLetterQueue, retryAttempts: 8, maxEventAge: Duration.hours(6) })],
    });
    this.runWorkflows.function.addEventSource(
      new SqsEventSource(this.queue, { batchSize: WORKFLOW_BATCH_SIZE, maxConcurrency: WORKFLOW_MAX_CONCURRENCY, reportBatchItemFailures: true }),
    );

    this.slaSweeper = worker(service.addFunction('SlaSweeper', { handlerName: 'sla-sweeper', timeout: Duration.seconds(55), environment: outboundEnv }));
    new Schedule(this, 'SlaSweep', {
      description: 'Warn about and escalate SLA deadlines, every minute',
      schedule: ScheduleExpression.rate(Duration.minutes(1)),
      target: new LambdaInvoke(this.slaSweeper.function, { deadLetterQueue: this.deadLetterQueue, retryAttempts: 0, maxEventAge: Duration.minutes(1) }),
    });

    // CDK's scheduler target role may invoke the function and its versions (`<arn>:*`).
    for (const child of stack.node.children) {
      if (child.node.id.startsWith('SchedulerRoleForTarget')) {
        Validations.of(child).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(this.slaSweeper.function.node.defaultChild as CfnResource)}.Arn>:*]`,
          reason: 'EventBridge Scheduler role created by CDK for LambdaInvoke: invoke the SLA sweeper and its versions only.',
        });
      }
    }

    const jwt = 'Bearer JWT verified inside the Lambda (jose + Cognito JWKS).';
    this.listOutbox = service.addFunction('ListOutbox', { handlerName: 'list-outbox' });
    this.listOutbox.grantTableRead(table);
    service.addRoute('/v1/outbox', HttpMethod.GET, this.listOutbox, jwt);

    this.adminConfig = service.addFunction('AdminConfig', { handlerName: 'admin-config' });
    this.adminConfig.grantTableReadWrite(table);
    service.addRoute('/v1/admin/{name}', HttpMethod.GET, this.adminConfig, `${jwt} Admins only.`);
    service.addRoute('/v1/admin/{name}', HttpMethod.PUT, this.adminConfig, `${jwt} Admins only.`);
  }
}
