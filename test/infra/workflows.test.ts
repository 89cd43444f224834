import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKFLOW_BATCH_SIZE, WORKFLOW_MAX_RECEIVES, WORKFLOW_VISIBILITY_TIMEOUT_S } from '../../shared/runtime/processing.settings.js';
import { actionsOf, logicalId, resourcesFor, roleStatements, synthOuvidor, type OuvidorTemplates } from './ouvidor-app.fixture.js';

let t: OuvidorTemplates;
beforeAll(() => {
  t = synthOuvidor({ 'ouvidor:emailIdentity': 'loja.example', 'ouvidor:emailFrom': '"Loja Exemplo" <atendimento@loja.example>' });
});
const wf = () => t.built.service.workflows;
const statements = (fn: 'runWorkflows' | 'slaSweeper' | 'listOutbox' | 'adminConfig') => roleStatements(t.service, logicalId(wf()[fn].role));

describe('workflows infrastructure', () => {
  it('routes feedback.analyzed and feedback.resolved from the bus to a queue, never straight to the function', () => {
    t.service.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: logicalId(t.built.service.eventBus) },
      EventPattern: { source: ['ouvidor'], 'detail-type': ['feedback.analyzed', 'feedback.resolved'] },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [logicalId(wf().queue), 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(wf().deadLetterQueue), 'Arn'] } },
          RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 8 }),
        }),
      ],
    });
    // No rule anywhere targets the workflow function (an asynchronous invocation would drop failed events).
    const rules = Object.values(t.service.findResources('AWS::Events::Rule')) as { Properties: { Targets?: { Arn: unknown }[] } }[];
    const targets = rules.flatMap((r) => r.Properties.Targets ?? []).map((x) => JSON.stringify(x.Arn));
    expect(targets.some((a) => a.includes(logicalId(wf().runWorkflows.function)))).toBe(false);
  });

  it('runs the workflow function from that queue with partial batch failures, a redrive policy to the alarmed DLQ and AWS\'s visibility guidance', () => {
    t.service.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [logicalId(wf().queue), 'Arn'] },
      FunctionName: { Ref: logicalId(wf().runWorkflows.function) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: WORKFLOW_BATCH_SIZE,
    });
    t.service.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: WORKFLOW_VISIBILITY_TIMEOUT_S,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(wf().deadLetterQueue), 'Arn'] }, maxReceiveCount: WORKFLOW_MAX_RECEIVES },
    });
    const timeout = (t.service.findResources('AWS::Lambda::Function')[logicalId(wf().runWorkflows.function)] as { Properties: { Timeout: number } }).Properties.Timeout;
    expect(WORKFLOW_VISIBILITY_TIMEOUT_S).toBeGreaterThanOrEqual(6 * timeout);
    // The DLQ is alarmed, and the alarm notifies someone.
    const alarms = Object.values(t.service.findResources('AWS::CloudWatch::Alarm')) as { Properties: { Dimensions?: { Value: unknown }[]; AlarmActions?: unknown[] } }[];
    const dlqAlarm = alarms.find((a) => JSON.stringify(a.Properties.Dimensions ?? []).includes(logicalId(wf().deadLetterQueue)));
    expect(dlqAlarm?.Properties.AlarmActions?.length).toBeGreaterThan(0);
  });

  it('runs the SLA sweeper every minute on EventBridge Scheduler', () => {
    t.service.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 minute)',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(wf().slaSweeper.function), 'Arn'] } }),
    });
  });

  it('lets the workflow functions send mail only from the configured SES identity, and publish to the team topic', () => {
    for (const fn of ['runWorkflows', 'slaSweeper'] as const) {
      const s = statements(fn);
      const ses = resourcesFor(s, 'ses:SendRawEmail');
      expect(ses).toHaveLength(1);
      expect(ses[0]).toContain(':identity/loja.example');
      expect(ses[0]).not.toContain('"*"');
      expect(resourcesFor(s, 'sns:Publish')).toEqual([JSON.stringify({ Ref: logicalId(wf().teamTopic) })]);
      expect(actionsOf(s)).not.toContain('sqs:SendMessage');
    }
    t.service.hasResourceProperties('AWS::SNS::Topic', { DisplayName: 'Ouvidor team notifications' });
  });

  it('gives the outbox route read-only access and no mail or topic rights', () => {
    const actions = actionsOf(statements('listOutbox'));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query']));
    for (const forbidden of ['dynamodb:PutItem', 'ses:SendRawEmail', 'sns:Publish']) expect(actions).not.toContain(forbidden);
  });
});
