import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { TABLE_INDEXES, TABLE_KEYS } from '../../shared/adapters/dynamo-table.definition.js';
import { ORIGINALS_PREFIX } from '../../infra/stateful.stack.js';
import { logicalId, synthOuvidor } from './ouvidor-app.fixture.js';
import type { OuvidorTemplates } from './ouvidor-app.fixture.js';

let t: OuvidorTemplates;
beforeAll(() => {
  t = synthOuvidor();
});

describe('StatefulStack', () => {
  it('builds the table from the shared definition: keys, PITR, SSE, deletion protection, retained', () => {
    t.stateful.resourceCountIs('AWS::DynamoDB::Table', 1);
    t.stateful.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
        ],
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: true,
      }),
    });
  });

  it('declares every GSI of the definition, with its keys and projection', () => {
    const table = Object.values(t.stateful.findResources('AWS::DynamoDB::Table'))[0];
    const gsis = table?.['Properties']['GlobalSecondaryIndexes'] as unknown[];
    expect(gsis).toHaveLength(TABLE_INDEXES.length);
    for (const index of TABLE_INDEXES) {
      expect(gsis).toContainEqual({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: index.projection, ...(index.projection === 'INCLUDE' && { NonKeyAttributes: [...index.nonKeyAttributes!] }) },
      });
    }
  });

  it('queue: SSE, DLQ redrive with maxReceiveCount 5, DLQ keeps 14 days, both enforce SSL', () => {
    const dlqId = logicalId(t.built.stateful.deadLetterQueue);
    t.stateful.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: 5 },
    });
    t.stateful.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    const sslDenies = t.stateful.findResources('AWS::SQS::QueuePolicy', {
      Properties: {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      },
    });
    expect(Object.keys(sslDenies)).toHaveLength(2);
  });

  it('queue visibility timeout is at least 6x the processor timeout (both read from the templates)', () => {
    const queue = t.stateful.findResources('AWS::SQS::Queue', { Properties: { RedrivePolicy: Match.anyValue() } });
    const visibility = Object.values(queue)[0]?.['Properties']['VisibilityTimeout'] as number;
    const processor = t.service.findResources('AWS::Lambda::Function', {
      Properties: { Description: 'ouvidor process-feedback' },
    });
    const timeout = Object.values(processor)[0]?.['Properties']['Timeout'] as number;
    expect(timeout).toBeGreaterThan(0);
    expect(visibility).toBeGreaterThanOrEqual(6 * timeout);
  });

  it('originals bucket: public access blocked, SSL enforced, encrypted, versioned, logged, originals/ expire', () => {
    t.stateful.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({})] },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: Match.anyValue() },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Prefix: ORIGINALS_PREFIX, ExpirationInDays: 90, Status: 'Enabled' }),
        ]),
      },
    });
    const bucketId = logicalId(t.built.stateful.originalsBucket);
    t.stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('app secret: generated name and surveySigningKey, empty webhook secrets, retained, ARN as an output', () => {
    t.stateful.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        Name: Match.absent(),
        GenerateSecretString: Match.objectLike({ GenerateStringKey: 'surveySigningKey', ExcludePunctuation: true }),
      }),
    });
    const secret = Object.values(t.stateful.findResources('AWS::SecretsManager::Secret'))[0]?.['Properties'];
    expect(JSON.parse(secret['GenerateSecretString']['SecretStringTemplate'])).toEqual({
      metaAppSecret: '',
      metaVerifyToken: '',
      xConsumerSecret: '',
      webhookSecret: '',
    });
    t.stateful.hasOutput('AppSecretArn', { Value: { Ref: logicalId(t.built.stateful.appSecret) } });
  });

  it('user pool: no self sign-up, strong passwords, optional MFA, groups admin and agent, public client', () => {
    t.stateful.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'OPTIONAL',
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: Match.anyValue(),
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
    });
    const groups = t.stateful.findResources('AWS::Cognito::UserPoolGroup');
    expect(Object.values(groups).map((g) => g['Properties']['GroupName']).sort()).toEqual(['admin', 'agent']);
    const client = Object.values(t.stateful.findResources('AWS::Cognito::UserPoolClient'))[0]?.['Properties'];
    expect(client['GenerateSecret']).toBe(false);
    expect(client['ExplicitAuthFlows']).toEqual(expect.arrayContaining(['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH']));
  });
});
