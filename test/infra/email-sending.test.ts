import { beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, logicalId, resourcesFor, roleStatements, synthOuvidor } from './ouvidor-app.fixture.js';
import type { OuvidorTemplates } from './ouvidor-app.fixture.js';

const DOMAIN = 'loja.example.com.br';
let t: OuvidorTemplates;
beforeAll(() => {
  t = synthOuvidor({ stage: 'qa', 'ouvidor:emailIdentity': DOMAIN, 'ouvidor:emailFrom': `"Loja" <atendimento@${DOMAIN}>` });
}, 300_000);

describe('outbound email (SES)', () => {
  it('an email identity for the configured domain, with the configuration set as its default', () => {
    const configSetId = logicalId(t.built.service.email.configurationSet);
    t.service.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: DOMAIN, ConfigurationSetAttributes: { ConfigurationSetName: { Ref: configSetId } } });
  });

  it('the configuration set: named after the stage, reputation metrics, account suppression of bounces and complaints', () => {
    t.service.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: 'ouvidor-qa',
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
  });

  it('bounces and complaints are published to their SNS topic', () => {
    const destinations = Object.values(t.service.findResources('AWS::SES::ConfigurationSetEventDestination'));
    expect(destinations).toHaveLength(1);
    const d = destinations[0]?.['Properties'];
    expect(d['ConfigurationSetName']).toEqual({ Ref: logicalId(t.built.service.email.configurationSet) });
    expect(d['EventDestination']['Enabled']).toBe(true);
    expect([...d['EventDestination']['MatchingEventTypes']].sort()).toEqual(['bounce', 'complaint']);
    expect(d['EventDestination']['SnsDestination']).toEqual({ TopicARN: { Ref: logicalId(t.built.service.email.deliveryProblemsTopic) } });
  });

  it('every function that sends through SES names the configuration set and may use it', () => {
    const functions = t.service.findResources('AWS::Lambda::Function');
    const senders = Object.entries(functions).filter(([, f]) => f['Properties']['Environment']?.['Variables']?.['OUVIDOR_EMAIL_OUTBOUND'] === 'ses');
    expect(senders.length).toBeGreaterThanOrEqual(3);
    const configSetId = logicalId(t.built.service.email.configurationSet);
    for (const [id, fn] of senders) {
      expect(fn['Properties']['Environment']['Variables']['OUVIDOR_SES_CONFIGURATION_SET'], id).toEqual({ Ref: configSetId });
      const statements = roleStatements(t.service, JSON.stringify(fn['Properties']['Role']).match(/"([A-Za-z0-9]+)","Arn"/)![1]!);
      const resources = resourcesFor(statements, 'ses:SendEmail').join(' ');
      expect(resources, id).toContain(`:identity/${DOMAIN}`);
      expect(resources, id).toContain(':configuration-set/ouvidor-qa');
    }
    // Nobody else may send.
    for (const [id, fn] of Object.entries(functions).filter(([, f]) => f['Properties']['Environment']?.['Variables']?.['OUVIDOR_EMAIL_OUTBOUND'] !== 'ses')) {
      const role = JSON.stringify(fn['Properties']['Role']).match(/"([A-Za-z0-9]+)","Arn"/)?.[1];
      if (role) expect(actionsOf(roleStatements(t.service, role)), id).not.toContain('ses:SendEmail');
    }
  });
});

describe('bounces and complaints (SNS → SQS → email-events)', () => {
  const ee = () => t.built.service.emailEvents;

  it('the topic delivers to the email events queue (SNS envelope), which SNS alone may send to', () => {
    t.service.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      TopicArn: { Ref: logicalId(t.built.service.email.deliveryProblemsTopic) },
      Endpoint: { 'Fn::GetAtt': [logicalId(ee().queue), 'Arn'] },
    });
    const policies = Object.values(t.service.findResources('AWS::SQS::QueuePolicy')).filter((p) => JSON.stringify(p['Properties']['Queues']).includes(logicalId(ee().queue)));
    const statements = policies.flatMap((p) => p['Properties']['PolicyDocument']['Statement'] as Array<Record<string, unknown>>);
    const fromSns = statements.find((s) => s['Effect'] === 'Allow' && JSON.stringify(s['Principal']).includes('sns.amazonaws.com'));
    expect(fromSns?.['Action']).toBe('sqs:SendMessage');
    expect(JSON.stringify(fromSns?.['Condition'])).toContain(logicalId(t.built.service.email.deliveryProblemsTopic));
  });

  it('the queue is encrypted, redrives to its DLQ after 5 receives, and both are alarmed', () => {
    const queue = t.service.findResources('AWS::SQS::Queue')[logicalId(ee().queue)]!['Properties'];
    expect(queue['SqsManagedSseEnabled']).toBe(true);
    expect(queue['VisibilityTimeout']).toBe(180);
    expect(queue['RedrivePolicy']).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(ee().deadLetterQueue), 'Arn'] }, maxReceiveCount: 5 });
    const alarms = Object.values(t.service.findResources('AWS::CloudWatch::Alarm')).map((a) => JSON.stringify(a['Properties']));
    expect(alarms.some((a) => a.includes(logicalId(ee().deadLetterQueue)) && a.includes('ApproximateNumberOfMessagesVisible'))).toBe(true);
    expect(alarms.some((a) => a.includes(logicalId(ee().queue)) && a.includes('ApproximateAgeOfOldestMessage'))).toBe(true);
  });

  it('email-events reads the queue with partial batch failures', () => {
    t.service.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [logicalId(ee().queue), 'Arn'] },
      FunctionName: { Ref: logicalId(ee().emailEvents.function) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
    });
  });

  it('least privilege: get/put/update on suppression, email identity and customer items only; nothing to send, no index, no scan', () => {
    const fn = t.service.findResources('AWS::Lambda::Function')[logicalId(ee().emailEvents.function)]!;
    const role = JSON.stringify(fn['Properties']['Role']).match(/"([A-Za-z0-9]+)","Arn"/)![1]!;
    const statements = roleStatements(t.service, role);
    const dynamo = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo).toHaveLength(1);
    expect([...actionsOf(dynamo)].sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect(JSON.stringify(dynamo[0]!.Resource)).not.toContain('/index/');
    expect((dynamo[0] as unknown as { Condition: unknown }).Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SUPPRESSION#*', 'IDENTITY#email#*', 'CUSTOMER#*'] } });
    const actions = actionsOf(statements);
    expect(actions).not.toContain('ses:SendEmail');
    expect(actions.filter((a) => a.startsWith('sqs:')).sort()).toEqual(['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage']);
  });
});
