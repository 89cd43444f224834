import { beforeAll, describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { buildOuvidorApp, logicalId } from './ouvidor-app.fixture.js';
import type { OuvidorApp } from '../../infra/ouvidor-app.factory.js';

/**
 * Every property that names a resource account- or region-wide, by resource type. Types whose names
 * live inside a parent (routes of an API, groups of a user pool, inline policies of a role...) or
 * that have no name are listed in SCOPED_OR_UNNAMED. A new type must be put in one of the two.
 */
const NAME_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  'AWS::ApiGatewayV2::Api': ['Name'],
  'AWS::CloudFront::OriginAccessControl': ['OriginAccessControlConfig.Name'],
  'AWS::CloudFront::ResponseHeadersPolicy': ['ResponseHeadersPolicyConfig.Name'],
  'AWS::CloudWatch::Alarm': ['AlarmName'],
  'AWS::CloudWatch::Dashboard': ['DashboardName'],
  'AWS::Cognito::UserPool': ['UserPoolName'],
  'AWS::Cognito::UserPoolClient': ['ClientName'],
  'AWS::DynamoDB::Table': ['TableName'],
  'AWS::Events::EventBus': ['Name'],
  'AWS::Events::Rule': ['Name'],
  'AWS::IAM::ManagedPolicy': ['ManagedPolicyName'],
  'AWS::IAM::Role': ['RoleName'],
  'AWS::Lambda::Function': ['FunctionName'],
  'AWS::Lambda::LayerVersion': ['LayerName'],
  'AWS::Logs::LogGroup': ['LogGroupName'],
  'AWS::S3::Bucket': ['BucketName'],
  'AWS::Scheduler::Schedule': ['Name', 'GroupName'],
  'AWS::SecretsManager::Secret': ['Name'],
  'AWS::SES::ConfigurationSet': ['Name'],
  'AWS::SES::EmailIdentity': ['EmailIdentity'],
  'AWS::SES::ReceiptRuleSet': ['RuleSetName'],
  'AWS::SNS::Topic': ['TopicName'],
  'AWS::SQS::Queue': ['QueueName'],
};
const SCOPED_OR_UNNAMED = new Set([
  'AWS::Lambda::EventInvokeConfig',
  'AWS::ApiGatewayV2::Authorizer',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Stage',
  'AWS::CDK::Metadata',
  'AWS::CloudFront::Distribution',
  'AWS::Cognito::UserPoolGroup',
  'AWS::Cognito::UserPoolUser',
  'AWS::Cognito::UserPoolUserToGroupAttachment',
  'AWS::IAM::Policy',
  'AWS::Lambda::EventInvokeConfig',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Lambda::Permission',
  'AWS::S3::BucketPolicy',
  'AWS::SES::ConfigurationSetEventDestination',
  'AWS::SES::ReceiptRule',
  'AWS::SNS::Subscription',
  'AWS::SNS::TopicPolicy',
  'AWS::SQS::QueuePolicy',
]);

const get = (value: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], value);
/** A name built from another resource's generated name (Ref/GetAtt) is unique with it; anything else is a fixed name. */
const isGenerated = (value: unknown): boolean => typeof value === 'object' && /"(Ref|Fn::GetAtt)"/.test(JSON.stringify(value));

interface Named {
  readonly stacks: string[];
  readonly names: string[];
  readonly unclassified: string[];
}

function physicalNames(built: OuvidorApp): Named {
  const assembly = built.app.synth();
  const names: string[] = [];
  const unclassified = new Set<string>();
  for (const stack of assembly.stacks) {
    for (const resource of Object.values<Record<string, unknown>>(stack.template.Resources)) {
      const type = String(resource['Type']);
      if (type.startsWith('Custom::') || SCOPED_OR_UNNAMED.has(type)) continue;
      const properties = NAME_PROPERTIES[type];
      if (!properties) {
        unclassified.add(type);
        continue;
      }
      for (const path of properties) {
        const value = get(resource['Properties'], path);
        if (value !== undefined && !isGenerated(value)) names.push(typeof value === 'string' ? value : JSON.stringify(value));
      }
    }
  }
  return { stacks: assembly.stacks.map((s) => s.stackName), names, unclassified: [...unclassified] };
}

const PROD = {
  stage: 'prod',
  'ouvidor:region': 'us-east-1',
  'ouvidor:emailIdentity': 'loja.example.com.br',
  'ouvidor:emailFrom': '"Loja" <atendimento@loja.example.com.br>',
  'ouvidor:corsAllowOrigins': 'https://www.loja.example.com.br',
  'ouvidor:alertEmail': 'ops@loja.example.com.br',
};
// A second stage in the same account sends from its own subdomain: an SES identity exists once per account and region.
const STAGING = {
  ...PROD,
  stage: 'staging',
  'ouvidor:emailIdentity': 'staging.loja.example.com.br',
  'ouvidor:emailFrom': '"Loja (staging)" <atendimento@staging.loja.example.com.br>',
  'ouvidor:retainData': 'false',
};

describe('stages (-c stage=<name>)', () => {
  let prod: OuvidorApp;
  let staging: OuvidorApp;
  let prodNames: Named;
  let stagingNames: Named;
  beforeAll(() => {
    prod = buildOuvidorApp(PROD);
    staging = buildOuvidorApp(STAGING);
    prodNames = physicalNames(prod);
    stagingNames = physicalNames(staging);
  }, 300_000);

  it('every resource type is classified as named or scoped/unnamed', () => {
    expect(prodNames.unclassified).toEqual([]);
    expect(stagingNames.unclassified).toEqual([]);
  });

  it('prod and staging share no explicit physical name (stacks included), so both live in one account', () => {
    expect(prodNames.stacks.sort()).toEqual(['ouvidor-prod-console', 'ouvidor-prod-service', 'ouvidor-prod-stateful']);
    expect(stagingNames.stacks.sort()).toEqual(['ouvidor-staging-console', 'ouvidor-staging-service', 'ouvidor-staging-stateful']);
    expect(prodNames.names.length).toBeGreaterThan(5);
    const shared = [...prodNames.stacks, ...prodNames.names].filter((n) => [...stagingNames.stacks, ...stagingNames.names].includes(n));
    expect(shared).toEqual([]);
  });

  it('every fixed name carries its stage (except the SES identity, which is the sending domain itself)', () => {
    for (const [names, stage, domain] of [[prodNames, 'prod', PROD['ouvidor:emailIdentity']], [stagingNames, 'staging', STAGING['ouvidor:emailIdentity']]] as const) {
      for (const name of names.names.filter((n) => n !== domain)) expect(name).toMatch(new RegExp(`^ouvidor-${stage}(-|$)`));
    }
  });

  it('the bus, rule set, dashboard and configuration set are named after the stage', () => {
    const service = Template.fromStack(prod.service);
    service.hasResourceProperties('AWS::Events::EventBus', { Name: 'ouvidor-prod' });
    service.hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: 'ouvidor-prod-inbound' });
    service.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'ouvidor-prod' });
    service.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: 'ouvidor-prod' });
  });

  it('the app secret has a generated name (a retried first deploy never meets a retained namesake)', () => {
    const secret = Object.values(Template.fromStack(prod.stateful).findResources('AWS::SecretsManager::Secret'));
    expect(secret).toHaveLength(1);
    expect(secret[0]?.['Properties']['Name']).toBeUndefined();
  });

  it('prod retains the table, buckets, user pool and secret, with deletion protection', () => {
    const t = Template.fromStack(prod.stateful);
    const s = prod.stateful;
    for (const construct of [s.table, s.originalsBucket, s.accessLogsBucket, s.userPool, s.appSecret]) {
      const resource = t.toJSON()['Resources'][logicalId(construct)];
      expect(resource['DeletionPolicy'], construct.node.path).toBe('Retain');
    }
    t.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: true });
    t.hasResourceProperties('AWS::Cognito::UserPool', { DeletionProtection: 'ACTIVE' });
    t.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
  });

  it('a throwaway stage (ouvidor:retainData=false) deletes its data and empties its buckets', () => {
    const t = Template.fromStack(staging.stateful);
    const s = staging.stateful;
    for (const construct of [s.table, s.originalsBucket, s.accessLogsBucket, s.userPool]) {
      expect(t.toJSON()['Resources'][logicalId(construct)]['DeletionPolicy'], construct.node.path).toBe('Delete');
    }
    const emptied = Object.values(t.findResources('Custom::S3AutoDeleteObjects')).map((r) => JSON.stringify(r['Properties']['BucketName']));
    expect(emptied.sort()).toEqual([logicalId(s.originalsBucket), logicalId(s.accessLogsBucket)].map((id) => JSON.stringify({ Ref: id })).sort());
  });

  it('the console bucket is emptied on stack deletion in every stage', () => {
    for (const built of [prod, staging]) {
      const t = Template.fromStack(built.consoleSite.bucket.stack);
      t.hasResourceProperties('Custom::S3AutoDeleteObjects', { BucketName: { Ref: logicalId(built.consoleSite.bucket) } });
    }
  });

  it('stacks are bound to the region given as ouvidor:region', () => {
    expect(prod.service.region).toBe('us-east-1');
  });
});

describe('a São Paulo stage', () => {
  it('calls Comprehend in the analysis region and creates no receipt rule set', () => {
    const built = buildOuvidorApp({ stage: 'br', 'ouvidor:region': 'sa-east-1', 'ouvidor:analysisRegion': 'us-east-1', 'ouvidor:inboundEmail': 'false' });
    const t = Template.fromStack(built.service);
    t.resourceCountIs('AWS::SES::ReceiptRuleSet', 0);
    t.resourceCountIs('AWS::SES::ReceiptRule', 0);
    const processor = t.toJSON()['Resources'][logicalId(built.service.processFeedback.function)];
    expect(processor['Properties']['Environment']['Variables']['OUVIDOR_COMPREHEND_REGION']).toBe('us-east-1');
    for (const [id, fn] of Object.entries(t.findResources('AWS::Lambda::Function'))) {
      if (id !== logicalId(built.service.processFeedback.function)) expect(fn['Properties']['Environment']?.['Variables']?.['OUVIDOR_COMPREHEND_REGION']).toBeUndefined();
    }
  }, 300_000);
});
