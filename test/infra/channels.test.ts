import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { INBOUND_EMAIL_PREFIX, TRANSCRIPTS_PREFIX } from '../../infra/channels.construct.js';
import { ASYNC_RETRY_ATTEMPTS } from '../../shared/runtime/processing.settings.js';
import { actionsOf, logicalId, roleStatements, synthOuvidor, type OuvidorTemplates } from './ouvidor-app.fixture.js';

let t: OuvidorTemplates;
beforeAll(() => {
  t = synthOuvidor({ 'ouvidor:inboundEmailRecipients': 'feedback@loja.example' });
});
const channels = () => t.built.service.channels;
const actions = (fn: keyof ReturnType<typeof channels>) => {
  const f = channels()[fn] as { role: Parameters<typeof logicalId>[0] };
  return actionsOf(roleStatements(t.service, logicalId(f.role)));
};

describe('channels infrastructure', () => {
  it('has an SES receipt rule that stores the raw message in the bucket, then invokes the email function', () => {
    t.service.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: Match.objectLike({
        Enabled: true,
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Recipients: ['feedback@loja.example'],
        Actions: [
          { S3Action: Match.objectLike({ ObjectKeyPrefix: INBOUND_EMAIL_PREFIX }) },
          { LambdaAction: Match.objectLike({ InvocationType: 'Event', FunctionArn: { 'Fn::GetAtt': [logicalId(channels().sesEmail.function), 'Arn'] } }) },
        ],
      }),
    });
    t.service.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'ses.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [logicalId(channels().sesEmail.function), 'Arn'] },
    });
    // SES may write only under the inbound prefix of the bucket.
    const policy = JSON.stringify(t.stateful.findResources('AWS::S3::BucketPolicy'));
    expect(policy).toContain('ses.amazonaws.com');
    expect(policy).toContain(INBOUND_EMAIL_PREFIX);
  });

  it('routes transcripts dropped in the bucket to the transcript function through EventBridge', () => {
    t.stateful.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: Match.objectLike({ EventBridgeConfiguration: {} }),
    });
    t.service.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: { bucket: { name: [Match.anyValue()] }, object: { key: [{ prefix: TRANSCRIPTS_PREFIX }] } },
      },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(channels().transcriptObject.function), 'Arn'] } })],
    });
  });

  it('gives the asynchronously invoked functions (SES and S3 events) two retries and an alarmed on-failure queue', () => {
    const failures = logicalId(channels().asyncFailures);
    for (const fn of ['sesEmail', 'transcriptObject'] as const) {
      t.service.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: logicalId(channels()[fn].function) },
        MaximumRetryAttempts: ASYNC_RETRY_ATTEMPTS,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [failures, 'Arn'] } } },
      });
      expect(actionsOf(roleStatements(t.service, logicalId(channels()[fn].role)))).toContain('sqs:SendMessage');
    }
    const alarms = Object.values(t.service.findResources('AWS::CloudWatch::Alarm')) as { Properties: { Dimensions?: unknown[]; AlarmActions?: unknown[] } }[];
    const alarm = alarms.find((a) => JSON.stringify(a.Properties.Dimensions ?? []).includes(failures));
    expect(alarm?.Properties.AlarmActions?.length).toBeGreaterThan(0);
  });

  it('gives intake functions table, queue and bucket access, and only the social webhook the secret', () => {
    for (const fn of ['socialWebhook', 'ingestPhone', 'transcriptObject', 'ingestEmail', 'sesEmail'] as const) {
      expect(actions(fn)).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'sqs:SendMessage']));
      expect(actions(fn)).not.toContain('events:PutEvents');
      const role = t.service.findResources('AWS::IAM::Role')[logicalId(channels()[fn].role)];
      expect(JSON.stringify(role?.['Properties']['ManagedPolicyArns'])).toContain(logicalId(t.built.stateful.originalsReadWritePolicy));
    }
    expect(actions('socialWebhook')).toContain('secretsmanager:GetSecretValue');
    for (const fn of ['ingestPhone', 'ingestEmail', 'sesEmail', 'getOriginal'] as const) expect(actions(fn)).not.toContain('secretsmanager:GetSecretValue');
    expect(actions('getOriginal')).not.toContain('dynamodb:PutItem');
    expect(actions('getOriginal')).not.toContain('sqs:SendMessage');
  });
});
