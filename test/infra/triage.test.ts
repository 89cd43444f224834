import { beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, logicalId, resourcesFor, roleStatements, synthOuvidor, type OuvidorTemplates } from './ouvidor-app.fixture.js';

let t: OuvidorTemplates;
beforeAll(() => {
  t = synthOuvidor({ 'ouvidor:emailIdentity': 'loja.example', 'ouvidor:emailFrom': '"Loja Exemplo" <atendimento@loja.example>' });
});
type Fn = 'listFeedback' | 'patchFeedback' | 'bulkTriage' | 'replyFeedback' | 'addNote';
const fn = (name: Fn) => t.built.service.triage[name];
const actions = (name: Fn) => actionsOf(roleStatements(t.service, logicalId(fn(name).role)));
const WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem'];

describe('triage infrastructure', () => {
  it('routes the triage API behind the JWT check', () => {
    for (const key of ['GET /v1/feedback', 'PATCH /v1/feedback/{id}', 'POST /v1/feedback/bulk', 'POST /v1/feedback/{id}/replies', 'POST /v1/feedback/{id}/notes']) {
      t.service.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: key });
    }
  });

  it('lets the inbox only read the table', () => {
    const a = actions('listFeedback');
    expect(a).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:GetItem']));
    for (const x of [...WRITE, 'events:PutEvents', 'ses:SendRawEmail', 'secretsmanager:GetSecretValue']) expect(a).not.toContain(x);
  });

  it.each(['patchFeedback', 'bulkTriage'] as const)('lets %s write the table and publish on the bus only', (name) => {
    const s = roleStatements(t.service, logicalId(fn(name).role));
    expect(actionsOf(s)).toEqual(expect.arrayContaining([...WRITE, 'dynamodb:Query']));
    expect(resourcesFor(s, 'events:PutEvents')).toEqual([JSON.stringify({ 'Fn::GetAtt': [logicalId(t.built.service.eventBus), 'Arn'] })]);
    for (const x of ['ses:SendRawEmail', 'sns:Publish', 'secretsmanager:GetSecretValue', 'sqs:SendMessage']) expect(actionsOf(s)).not.toContain(x);
  });

  it('lets replies send mail from the configured identity only and read the app secret, without the bus or SNS', () => {
    const s = roleStatements(t.service, logicalId(fn('replyFeedback').role));
    const ses = resourcesFor(s, 'ses:SendRawEmail');
    expect(ses).toHaveLength(1);
    expect(ses[0]).toContain(':identity/loja.example');
    expect(actionsOf(s)).toEqual(expect.arrayContaining([...WRITE, 'secretsmanager:GetSecretValue']));
    for (const x of ['events:PutEvents', 'sns:Publish', 'sqs:SendMessage']) expect(actionsOf(s)).not.toContain(x);
  });

  it('lets notes write the table and nothing else', () => {
    const a = actions('addNote');
    expect(a).toEqual(expect.arrayContaining(WRITE));
    for (const x of ['events:PutEvents', 'ses:SendRawEmail', 'secretsmanager:GetSecretValue', 'sns:Publish']) expect(a).not.toContain(x);
  });

  it('declares the priority index on the table', () => {
    const table = Object.values(t.stateful.findResources('AWS::DynamoDB::Table'))[0];
    expect(table?.['Properties']['GlobalSecondaryIndexes']).toContainEqual(expect.objectContaining({ IndexName: 'gsi5', Projection: expect.objectContaining({ ProjectionType: 'INCLUDE' }) }));
  });
});
