import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, logicalId, resourcesFor, roleStatements, synthOuvidor, type OuvidorTemplates } from './ouvidor-app.fixture.js';

let t: OuvidorTemplates;
beforeAll(() => {
  t = synthOuvidor({ 'ouvidor:emailIdentity': 'loja.example', 'ouvidor:emailFrom': '"Loja Exemplo" <atendimento@loja.example>' });
});
const wf = () => t.built.service.workflows;
const statements = (fn: 'runWorkflows' | 'slaSweeper' | 'listOutbox' | 'adminConfig') => roleStatements(t.service, logicalId(wf()[fn].role));

describe('workflows infrastructure', () => {
  it('routes feedback.analyzed and feedback.resolved from the bus to the workflow function, with retries and a DLQ', () => {
    t.service.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: logicalId(t.built.service.eventBus) },
      EventPattern: { source: ['ouvidor'], 'detail-type': ['feedback.analyzed', 'feedback.resolved'] },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [logicalId(wf().runWorkflows.function), 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(wf().deadLetterQueue), 'Arn'] } },
          RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 8 }),
        }),
      ],
    });
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
