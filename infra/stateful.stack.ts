import { CfnCondition, CfnParameter, Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolUser,
  CfnUserPoolUserToGroupAttachment,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
} from 'aws-cdk-lib/aws-cognito';
import type { UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { TABLE_INDEXES, TABLE_KEYS, TABLE_TTL_ATTRIBUTE } from '../shared/adapters/dynamo-table.definition.js';
import { nagFinding } from './nag-finding.util.js';

/** Timeout of the processor Lambda; the queue's visibility timeout is derived from it. */
export const PROCESSOR_TIMEOUT = Duration.seconds(30);
/** How long the SQS event source may wait to fill a batch. */
export const PROCESSOR_MAX_BATCHING_WINDOW = Duration.seconds(5);
/** AWS guidance: visibility timeout >= 6x the function timeout (+ the batching window). */
export const QUEUE_VISIBILITY_TIMEOUT = Duration.seconds(
  PROCESSOR_TIMEOUT.toSeconds() * 6 + PROCESSOR_MAX_BATCHING_WINDOW.toSeconds(),
);
/** Receives before a message is moved to the DLQ. */
export const MAX_RECEIVE_COUNT = 5;
/** Objects under this prefix expire after `originalsRetentionDays`. */
export const ORIGINALS_PREFIX = 'originals/';

export const USER_GROUPS = ['admin', 'agent'] as const;

/** Name of the application secret (JSON; see shared/runtime/secrets.ts for its keys). */
export const APP_SECRET_NAME = 'ouvidor/app';

export interface StatefulStackProps extends StackProps {
  /** Days the raw/original objects under `originals/` are kept (context `ouvidor:originalsRetentionDays`). */
  readonly originalsRetentionDays: number;
  /** Cognito Plus tier + full-function threat protection (context `ouvidor:threatProtection`). */
  readonly threatProtection: boolean;
}

/** Everything that holds data: deployed once, retained on delete, referenced by the service stack. */
export class StatefulStack extends Stack {
  public readonly table: Table;
  public readonly queue: Queue;
  public readonly deadLetterQueue: Queue;
  public readonly originalsBucket: Bucket;
  public readonly accessLogsBucket: Bucket;
  /** s3:GetObject/PutObject on the originals bucket's objects + s3:ListBucket; attach to a function role. */
  public readonly originalsReadWritePolicy: ManagedPolicy;
  public readonly userPool: UserPool;
  public readonly userPoolClient: UserPoolClient;
  public readonly originalsRetentionDays: number;
  /**
   * `ouvidor/app`: `surveySigningKey` (generated) and the social webhook secrets (empty until an
   * operator fills them in). Functions get it through `ServiceStack.grantAppSecretRead()`.
   */
  public readonly appSecret: Secret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    this.originalsRetentionDays = props.originalsRetentionDays;

    // --- DynamoDB: built from the shared definition so the local emulator and AWS never drift.
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TABLE_TTL_ATTRIBUTE,
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Keys only: `record-metrics` re-reads the item it names (the metrics aggregates, see the service stack).
      stream: StreamViewType.KEYS_ONLY,
    });
    for (const index of TABLE_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType[index.projection],
        ...(index.projection === 'INCLUDE' && { nonKeyAttributes: [...(index.nonKeyAttributes ?? [])] }),
      });
    }

    // --- SQS: the analysis queue and its DLQ.
    this.deadLetterQueue = new Queue(this, 'FeedbackDlq', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'FeedbackQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: QUEUE_VISIBILITY_TIMEOUT,
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });

    // --- S3: raw/original objects, with server access logs in a dedicated bucket.
    this.accessLogsBucket = new Bucket(this, 'AccessLogsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // S3 log delivery only supports SSE-S3 on the target bucket.
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // cdk-nag S1 exempts buckets that are a server-access-log destination: no acknowledgement needed.

    this.originalsBucket = new Bucket(this, 'OriginalsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      // Object-created events go to EventBridge, where the service stack routes `transcripts/`
      // to its function (no bucket → function reference, so no cross-stack cycle).
      eventBridgeEnabled: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'originals-bucket/',
      lifecycleRules: [
        {
          id: 'expire-originals',
          prefix: ORIGINALS_PREFIX,
          expiration: Duration.days(props.originalsRetentionDays),
        },
        {
          // Versioning protects against overwrites/deletes for a week, not forever.
          id: 'expire-noncurrent-versions',
          noncurrentVersionExpiration: Duration.days(7),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        { id: 'remove-expired-delete-markers', expiredObjectDeleteMarker: true },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const originalObjects = this.originalsBucket.arnForObjects('*');
    this.originalsReadWritePolicy = new ManagedPolicy(this, 'OriginalsReadWritePolicy', {
      description: 'Read/write raw and original feedback objects (ListBucket so misses are 404, not 403)',
      statements: [
        new PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [originalObjects] }),
        new PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.originalsBucket.bucketArn] }),
      ],
    });
    Validations.of(this.originalsReadWritePolicy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagFinding(this, originalObjects)}]`,
      reason: 'Object-level S3 actions need <bucket-arn>/*: keys are generated at runtime; scoped to this one bucket.',
    });

    // --- Cognito: staff identities for the console; groups are the roles.
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      signInCaseSensitive: false,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: props.threatProtection ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      ...(props.threatProtection
        ? { standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION }
        : {}),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason: 'Product decision: MFA is optional (TOTP offered to every user); admins are expected to enrol.',
    });
    if (!props.threatProtection) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason: 'Plus tier (threat protection) disabled via context ouvidor:threatProtection=false to stay on the Essentials free tier.',
      });
    }
    const groups = USER_GROUPS.map((groupName, precedence) =>
      this.userPool.addGroup(`${groupName}Group`, {
        groupName,
        description: `Ouvidor role: ${groupName}`,
        precedence,
      }),
    );

    // --- The first admin, from a deploy parameter (`--parameters AdminEmail=...`); nothing when empty.
    const adminEmail = new CfnParameter(this, 'AdminEmail', {
      type: 'String',
      default: '',
      description: 'Email of the first Ouvidor admin (invited by Cognito with a temporary password); empty: none',
    });
    const hasAdminEmail = new CfnCondition(this, 'HasAdminEmail', { expression: Fn.conditionNot(Fn.conditionEquals(adminEmail.valueAsString, '')) });
    const firstAdmin = new CfnUserPoolUser(this, 'FirstAdmin', {
      userPoolId: this.userPool.userPoolId,
      username: adminEmail.valueAsString,
      userAttributes: [
        { name: 'email', value: adminEmail.valueAsString },
        { name: 'email_verified', value: 'true' },
      ],
      desiredDeliveryMediums: ['EMAIL'],
    });
    firstAdmin.cfnOptions.condition = hasAdminEmail;
    const firstAdminGroup = new CfnUserPoolUserToGroupAttachment(this, 'FirstAdminInAdminGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: 'admin',
      username: adminEmail.valueAsString,
    });
    firstAdminGroup.cfnOptions.condition = hasAdminEmail;
    firstAdminGroup.node.addDependency(firstAdmin);
    for (const g of groups) if (g.node.defaultChild) firstAdminGroup.node.addDependency(g);

    // --- Secrets Manager: one JSON secret for the application (survey link key, webhook secrets).
    this.appSecret = new Secret(this, 'AppSecret', {
      secretName: APP_SECRET_NAME,
      description: 'Ouvidor application secrets: survey link signing key, social webhook secrets',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ metaAppSecret: '', metaVerifyToken: '', xConsumerSecret: '', webhookSecret: '' }),
        generateStringKey: 'surveySigningKey',
        excludePunctuation: true,
        passwordLength: 64,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.appSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'No automatic rotation: surveySigningKey signs survey links that stay valid for weeks (rotating it would void every link sent), ' +
        'and the webhook secrets are issued by Meta/X and rotated there by an operator.',
    });

    // `eventBridgeEnabled` is applied by CDK's own BucketNotifications custom resource, whose
    // singleton handler role uses the basic execution managed policy; CDK offers no way to change it.
    for (const child of this.node.children) {
      if (child.node.id.startsWith('BucketNotificationsHandler')) {
        Validations.of(child).acknowledge({
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: "CDK's built-in BucketNotifications handler (enables EventBridge on the bucket at deploy time); its role is CDK-managed.",
        });
      }
    }

    this.userPoolClient = this.userPool.addClient('ConsoleClient', {
      userPoolClientName: 'ouvidor-console',
      generateSecret: false,
      // The console signs in with USER_PASSWORD_AUTH over HTTPS (Cognito's JSON API, no SDK); no hosted UI, so no OAuth flows or callback URLs.
      disableOAuth: true,
      authFlows: { userSrp: true, userPassword: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
  }
}
