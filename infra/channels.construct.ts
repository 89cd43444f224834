import { Duration, Validations } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { ReceiptRuleSet, TlsPolicy } from 'aws-cdk-lib/aws-ses';
import { Lambda as LambdaAction, LambdaInvocationType, S3 as S3Action } from 'aws-cdk-lib/aws-ses-actions';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ASYNC_RETRY_ATTEMPTS } from '../shared/runtime/processing.settings.js';
import type { OuvidorFunction } from './ouvidor-function.construct.js';
import type { ServiceStack } from './service.stack.js';
import type { StatefulStack } from './stateful.stack.js';

/** Where SES's S3 action stores raw messages, and where transcripts are dropped. */
export const INBOUND_EMAIL_PREFIX = 'inbound/email/';
export const TRANSCRIPTS_PREFIX = 'transcripts/';

export interface ChannelsProps {
  readonly service: ServiceStack;
  readonly stateful: Pick<StatefulStack, 'table' | 'queue' | 'originalsBucket' | 'originalsReadWritePolicy'>;
  /** Create the SES receipt rule set (false in a region where SES does not receive email). */
  readonly inboundEmail: boolean;
  /** e.g. `ouvidor-prod-inbound`: rule set names are per account and region. */
  readonly receiptRuleSetName: string;
  /** Addresses the SES receipt rule accepts (context `ouvidor:inboundEmailRecipients`); empty: every verified address. */
  readonly inboundEmailRecipients: readonly string[];
}

/**
 * The channels beyond the web form: email (SES receipt rule → S3 → function), social webhooks,
 * phone transcripts (HTTP, and S3 objects under `transcripts/` through EventBridge, which keeps the
 * stateful stack free of references to functions) and the admin-only original text.
 */
export class ChannelFunctions extends Construct {
  public readonly socialWebhook: OuvidorFunction;
  public readonly ingestPhone: OuvidorFunction;
  public readonly transcriptObject: OuvidorFunction;
  public readonly ingestEmail: OuvidorFunction;
  public readonly sesEmail: OuvidorFunction;
  public readonly getOriginal: OuvidorFunction;
  /**
   * The on-failure destination of the asynchronously invoked functions (`ses-email`,
   * `transcript-object`): the event and the error after Lambda's last retry (alarmed).
   */
  public readonly asyncFailures: Queue;
  /** Absent when the stage does not receive email through SES (`inboundEmail: false`). */
  public readonly receiptRuleSet?: ReceiptRuleSet;

  constructor(scope: Construct, id: string, props: ChannelsProps) {
    super(scope, id);
    const { service } = props;
    const { table, queue, originalsBucket, originalsReadWritePolicy } = props.stateful;
    const jwt = 'Bearer JWT verified inside the Lambda (jose + Cognito JWKS).';
    /** Accepts items: writes the table, queues them, keeps raw objects in the bucket. */
    const intake = (fn: OuvidorFunction) => {
      fn.grantTableReadWrite(table);
      fn.grantQueueSend(queue);
      fn.attachPolicy(originalsReadWritePolicy);
      return fn;
    };
    this.asyncFailures = new Queue(this, 'AsyncFailures', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    Validations.of(this.asyncFailures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself a dead-letter queue: the on-failure destination of the asynchronously invoked functions.',
    });
    /** S3/SES events invoke asynchronously: Lambda retries a function error, then hands the event to the destination. */
    const asynchronous = (fn: OuvidorFunction) => {
      fn.function.configureAsyncInvoke({ retryAttempts: ASYNC_RETRY_ATTEMPTS, maxEventAge: Duration.hours(6), onFailure: new SqsDestination(this.asyncFailures) });
      return fn;
    };

    this.socialWebhook = intake(service.addFunction('SocialWebhook', { handlerName: 'social-webhook' }));
    service.grantAppSecretRead(this.socialWebhook);
    const signed = 'Provider webhook: the HMAC signature over the raw body (or the handshake token) is verified in the Lambda.';
    service.addRoute('/v1/channels/social/{provider}', HttpMethod.GET, this.socialWebhook, signed);
    service.addRoute('/v1/channels/social/{provider}', HttpMethod.POST, this.socialWebhook, signed);

    this.ingestPhone = intake(service.addFunction('IngestPhone', { handlerName: 'ingest-phone', memorySize: 1024 }));
    service.addRoute('/v1/channels/phone', HttpMethod.POST, this.ingestPhone, jwt);

    this.transcriptObject = asynchronous(intake(service.addFunction('TranscriptObject', { handlerName: 'transcript-object', memorySize: 1024, timeout: Duration.seconds(60) })));
    new Rule(this, 'TranscriptCreated', {
      description: 'A transcript JSON dropped under transcripts/ becomes a phone item',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [originalsBucket.bucketName] }, object: { key: [{ prefix: TRANSCRIPTS_PREFIX }] } },
      },
      // EventBridge retries delivering the event (throttling, an unavailable service); the function's errors are Lambda's (above).
      targets: [new LambdaFunction(this.transcriptObject.function, { deadLetterQueue: this.asyncFailures, retryAttempts: 4, maxEventAge: Duration.hours(6) })],
    });

    this.ingestEmail = intake(service.addFunction('IngestEmail', { handlerName: 'ingest-email', memorySize: 1024 }));
    service.addRoute('/v1/channels/email', HttpMethod.POST, this.ingestEmail, jwt);

    this.sesEmail = asynchronous(intake(
      service.addFunction('SesEmail', {
        handlerName: 'ses-email',
        memorySize: 1024,
        timeout: Duration.seconds(60),
        environment: { OUVIDOR_INBOUND_EMAIL_PREFIX: INBOUND_EMAIL_PREFIX },
      }),
    ));
    // Created inactive: activating it (aws ses set-active-receipt-rule-set) replaces the region's active rule set.
    if (props.inboundEmail) this.receiptRuleSet = new ReceiptRuleSet(this, 'InboundEmail', { receiptRuleSetName: props.receiptRuleSetName });
    this.receiptRuleSet?.addRule('Feedback', {
      ...(props.inboundEmailRecipients.length > 0 && { recipients: [...props.inboundEmailRecipients] }),
      scanEnabled: true,
      tlsPolicy: TlsPolicy.REQUIRE,
      actions: [
        new S3Action({ bucket: originalsBucket, objectKeyPrefix: INBOUND_EMAIL_PREFIX }),
        new LambdaAction({ function: this.sesEmail.function, invocationType: LambdaInvocationType.EVENT }),
      ],
    });

    this.getOriginal = service.addFunction('GetOriginal', { handlerName: 'get-original' });
    this.getOriginal.grantTableRead(table);
    this.getOriginal.attachPolicy(originalsReadWritePolicy);
    service.addRoute('/v1/feedback/{id}/original', HttpMethod.GET, this.getOriginal, `${jwt} Admins only.`);
  }
}
