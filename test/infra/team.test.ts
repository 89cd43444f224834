import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { actionsOf, logicalId, resourcesFor, roleStatements, synthOuvidor } from './ouvidor-app.fixture.js';
import type { OuvidorTemplates } from './ouvidor-app.fixture.js';
import { COGNITO_USER_ADMIN_ACTIONS } from '../../shared/adapters/cognito-user-directory.adapter.js';

let t: OuvidorTemplates;
let statementsOf: (fn: 'users' | 'cannedReplies' | 'openApi') => ReturnType<typeof roleStatements>;
beforeAll(() => {
  t = synthOuvidor({ 'ouvidor:corsAllowOrigins': 'https://loja.example,https://www.loja.example' });
  statementsOf = (fn) => roleStatements(t.service, logicalId(t.built.service.team[fn].role));
});

const envOf = (fn: { function: Parameters<typeof logicalId>[0] }) =>
  t.service.findResources('AWS::Lambda::Function')[logicalId(fn.function)]?.['Properties']['Environment']['Variables'] as Record<string, unknown>;

describe('Team functions', () => {
  it('users: exactly the Cognito admin calls its adapter makes, on this user pool only; no table, no secret', () => {
    const statements = statementsOf('users');
    const cognito = actionsOf(statements).filter((a) => a.startsWith('cognito-idp:'));
    expect(cognito.sort()).toEqual([...COGNITO_USER_ADMIN_ACTIONS].sort());
    const poolId = logicalId(t.built.stateful.userPool);
    for (const action of COGNITO_USER_ADMIN_ACTIONS) {
      const resources = resourcesFor(statements, action);
      expect(resources).toHaveLength(1);
      expect(resources[0]).toContain(poolId);
      expect(resources[0]).not.toContain('"*"');
    }
    expect(actionsOf(statements).filter((a) => /^(dynamodb|sqs|s3|secretsmanager|events):/.test(a))).toEqual([]);
    expect(JSON.stringify(envOf(t.built.service.team.users)['OUVIDOR_USER_POOL_ID'])).toContain(poolId);
  });

  it('canned replies: the table only; openapi: nothing beyond logs and tracing', () => {
    const canned = actionsOf(statementsOf('cannedReplies'));
    expect(canned).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem']));
    expect(canned.filter((a) => /^(cognito-idp|sqs|s3|secretsmanager|events):/.test(a))).toEqual([]);
    expect(actionsOf(statementsOf('openApi')).filter((a) => /^(dynamodb|cognito-idp|sqs|s3|secretsmanager|events):/.test(a))).toEqual([]);
    for (const fn of ['ingestWeb', 'getFeedback', 'processFeedback'] as const) {
      expect(actionsOf(roleStatements(t.service, logicalId(t.built.service[fn].role))).filter((a) => a.startsWith('cognito-idp:'))).toEqual([]);
    }
  });

  it('routes users, canned replies and the OpenAPI document; no login route on AWS', () => {
    for (const key of ['GET /v1/users', 'POST /v1/users', 'GET /v1/canned-replies', 'POST /v1/canned-replies', 'PUT /v1/canned-replies/{id}', 'DELETE /v1/canned-replies/{id}', 'GET /v1/openapi.json']) {
      t.service.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: key });
    }
    expect(Object.keys(t.service.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: 'POST /v1/auth/login' } }))).toEqual([]);
  });

  it('CORS: the HTTP API and the intake function use the same allowlist from context', () => {
    t.service.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://loja.example', 'https://www.loja.example'], AllowHeaders: Match.arrayWith(['content-type', 'if-match']) }),
    });
    expect(envOf(t.built.service.ingestWeb)['OUVIDOR_CORS_ORIGINS']).toBe('https://loja.example,https://www.loja.example');
  });
});

describe('First admin (AdminEmail parameter)', () => {
  it('declares the parameter, empty by default, and a condition on it being non-empty', () => {
    t.stateful.hasParameter('AdminEmail', { Type: 'String', Default: '' });
    t.stateful.hasCondition('HasAdminEmail', { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AdminEmail' }, ''] }] });
  });

  it('creates the user (email as user name, invited by email) and puts it in the admin group, only under the condition', () => {
    const poolId = logicalId(t.built.stateful.userPool);
    t.stateful.hasResource('AWS::Cognito::UserPoolUser', {
      Condition: 'HasAdminEmail',
      Properties: {
        UserPoolId: { Ref: poolId },
        Username: { Ref: 'AdminEmail' },
        DesiredDeliveryMediums: ['EMAIL'],
        UserAttributes: Match.arrayWith([{ Name: 'email', Value: { Ref: 'AdminEmail' } }]),
      },
    });
    t.stateful.hasResource('AWS::Cognito::UserPoolUserToGroupAttachment', {
      Condition: 'HasAdminEmail',
      Properties: { UserPoolId: { Ref: poolId }, GroupName: 'admin', Username: { Ref: 'AdminEmail' } },
      DependsOn: Match.arrayWith([Match.stringLikeRegexp('FirstAdmin')]),
    });
    t.stateful.resourceCountIs('AWS::Cognito::UserPoolUser', 1);
  });
});
