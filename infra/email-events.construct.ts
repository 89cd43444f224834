import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { OuvidorFunction } from './ouvidor-function.construct.js';
import type { ServiceStack } from './service.stack.js';
import { MAX_RECEIVE_COUNT } from './stateful.stack.js';

/** The email-events function's timeout; the queue's visibility is 6× it (AWS guidance for SQS event sources). */
export const EMAIL_EVENTS_TIMEOUT = Duration.seconds(30);
/**
 * The only items `email-events` touches (IAM `dynamodb:LeadingKeys`): the suppression records, the
 * email identities (whose customer an address is) and the customer profiles (the unreachable mark).
 */
export const EMAIL_EVENTS_LEADING_KEYS = ['SUPPRESSION#*', 'IDENTITY#email#*', 'CUSTOMER#*'] as const;
export const EMAIL_EVENTS_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] as const;

export interface EmailEventsProps {
  readonly service: ServiceStack;
  readonly table: ITable;
  /** The configuration set's bounce and complaint topic (`EmailSending.deliveryProblemsTopic`). */
  readonly topic: ITopic;
}

/**
 * SES bounces and complaints, consumed as AWS recommends for durable processing: the configuration
 * set's SNS topic → an encrypted SQS queue (redrive to a DLQ after MAX_RECEIVE_COUNT receives; the
 * DLQ is alarmed with the others) → `email-events` (partial batch failures), which marks each
 * address unreachable.
 */
export class EmailEventFunctions extends Construct {
  public readonly queue: Queue;
  public readonly deadLetterQueue: Queue;
  public readonly emailEvents: OuvidorFunction;

  constructor(scope: Construct, id: string, props: EmailEventsProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'EmailEventsDlq', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    Validations.of(this.deadLetterQueue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is itself the dead-letter queue of the email events queue.' });
    // SSE-SQS (not a customer key): SNS delivers to it without a key policy.
    this.queue = new Queue(this, 'EmailEventsQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(EMAIL_EVENTS_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
    // The SNS envelope is kept (raw delivery off): the handler reads the SES JSON from `Message`.
    props.topic.addSubscription(new SqsSubscription(this.queue));

    this.emailEvents = props.service.addFunction('EmailEvents', { handlerName: 'email-events', timeout: EMAIL_EVENTS_TIMEOUT });
    this.emailEvents.grantTableItems(props.table, EMAIL_EVENTS_TABLE_ACTIONS, EMAIL_EVENTS_LEADING_KEYS);
    this.emailEvents.function.addEventSource(new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: 2 }));
  }
}
