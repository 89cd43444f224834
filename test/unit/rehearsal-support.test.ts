import { describe, expect, it } from 'vitest';
import { isGetStackOutputFalsePositive } from '../aws/support/cfn-lint.js';
import { matchesPattern, passesFilters } from '../aws/support/dynamodb-stream.js';
import { TemplateResolver, type SynthStack } from '../aws/support/template-resolver.js';

// The AWS rehearsal's own logic (test/aws/support), checked without moto: what it resolves, filters and allows.
const stateful: SynthStack = {
  id: 'OuvidorStateful',
  stackName: 'ouvidor-dev-stateful',
  template: {
    Resources: { Queue1: { Type: 'AWS::SQS::Queue' }, User: { Type: 'AWS::Cognito::UserPoolUser', Condition: 'HasAdmin' } },
    Outputs: { QueueArnOut: { Value: { 'Fn::GetAtt': ['Queue1', 'Arn'] } }, Exported: { Value: { Ref: 'Queue1' }, Export: { Name: 'queue-url' } } },
    Parameters: { AdminEmail: { Default: '' } },
    Conditions: { HasAdmin: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AdminEmail' }, ''] }] } },
  },
};
const service: SynthStack = { id: 'OuvidorService', stackName: 'ouvidor-dev-service', template: { Resources: { Bus: { Type: 'AWS::Events::EventBus' } } } };

function resolver(): TemplateResolver {
  const r = new TemplateResolver([stateful, service], 'sa-east-1');
  r.register(stateful, 'Queue1', { ref: 'http://moto/q1', attrs: { Arn: 'arn:aws:sqs:sa-east-1:123456789012:q1' } });
  r.register(service, 'Bus', { ref: 'ouvidor-dev', attrs: { Arn: 'arn:bus' } });
  return r;
}

describe('TemplateResolver', () => {
  it('resolves Ref, GetAtt, Join, Sub, Select/Split and pseudo parameters to what was created', () => {
    const r = resolver();
    expect(r.resolve(service, { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]] })).toBe('https://cognito-idp.sa-east-1.amazonaws.com');
    expect(r.resolve(service, { 'Fn::Sub': 'bus ${Bus} at ${Bus.Arn} in ${AWS::AccountId}' })).toBe('bus ouvidor-dev at arn:bus in 123456789012');
    expect(r.resolve(service, { 'Fn::Select': [1, { 'Fn::Split': ['/', 'a/b/c'] }] })).toBe('b');
    expect(r.resolve(service, { Env: { A: { Ref: 'Bus' } } })).toEqual({ Env: { A: 'ouvidor-dev' } });
  });

  it('follows cross-stack references (Fn::GetStackOutput by stack name, Fn::ImportValue by export)', () => {
    const r = resolver();
    expect(r.resolve(service, { 'Fn::GetStackOutput': { StackName: 'ouvidor-dev-stateful', Region: { Ref: 'AWS::Region' }, OutputName: 'QueueArnOut' } })).toBe('arn:aws:sqs:sa-east-1:123456789012:q1');
    expect(r.resolve(service, { 'Fn::ImportValue': 'queue-url' })).toBe('http://moto/q1');
  });

  it('skips resources whose condition is false and throws on anything not created, naming it', () => {
    const r = resolver();
    expect(r.resourcesOf(stateful, 'AWS::Cognito::UserPoolUser')).toEqual([]);
    expect(() => r.resolve(service, { Ref: 'Nope' })).toThrow(/Nope .*was not created/);
    expect(() => r.resolve(service, { 'Fn::GetAtt': ['Bus', 'Name'] })).toThrow(/no Name known for Bus/);
    expect(() => r.resolve(service, { 'Fn::Base64': 'x' })).toThrow(/does not resolve Fn::Base64/);
  });
});

describe('event filtering (the mapping FilterCriteria)', () => {
  const record = { dynamodb: { Keys: { pk: { S: 'FEEDBACK#1' }, sk: { S: 'FEEDBACK' } }, NewImage: { stage: { S: 'analyzed' } } } };
  it('matches exact values, prefix and anything-but inside nested objects; a missing field never matches anything-but', () => {
    expect(matchesPattern({ dynamodb: { Keys: { pk: { S: [{ prefix: 'FEEDBACK#' }] }, sk: { S: ['FEEDBACK'] } } } }, record)).toBe(true);
    expect(matchesPattern({ dynamodb: { NewImage: { stage: { S: [{ 'anything-but': ['received'] }] } } } }, record)).toBe(true);
    expect(matchesPattern({ dynamodb: { OldImage: { stage: { S: [{ 'anything-but': ['received'] }] } } } }, record)).toBe(false);
    expect(matchesPattern({ dynamodb: { Keys: { pk: { S: [{ prefix: 'SURVEY#' }] } } } }, record)).toBe(false);
  });
  it('passes a record when any filter matches (or there are none)', () => {
    const f = (p: unknown) => ({ Pattern: JSON.stringify(p) });
    expect(passesFilters([f({ dynamodb: { Keys: { pk: { S: [{ prefix: 'SURVEY#' }] } } } }), f({ dynamodb: { Keys: { sk: { S: ['FEEDBACK'] } } } })], record)).toBe(true);
    expect(passesFilters([f({ dynamodb: { Keys: { pk: { S: [{ prefix: 'SURVEY#' }] } } } })], record)).toBe(false);
    expect(passesFilters([], record)).toBe(true);
  });
});

describe('the cfn-lint allowance', () => {
  const finding = (rule: string, message: string) => ({ level: 'Error', rule, message, file: 't.json', path: [] });
  it('allows only E6101 about a Fn::GetStackOutput value', () => {
    expect(isGetStackOutputFalsePositive(finding('E6101', "{'Fn::GetStackOutput': {'StackName': 's', 'OutputName': 'o'}} is not of type 'string'"))).toBe(true);
    expect(isGetStackOutputFalsePositive(finding('E6101', "{'Fn::GetAtt': ['A', 'Arn']} is not of type 'string'"))).toBe(false);
    expect(isGetStackOutputFalsePositive(finding('E3012', "{'Fn::GetStackOutput': {'StackName': 's'}} is not of type 'string'"))).toBe(false);
  });
});
