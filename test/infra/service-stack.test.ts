import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { actionsOf, buildOuvidorApp, logicalId, resourcesFor, roleStatements, synthOuvidor } from './ouvidor-app.fixture.js';
import type { OuvidorTemplates } from './ouvidor-app.fixture.js';
import { OuvidorFunction } from '../../infra/ouvidor-function.construct.js';
import { COMPREHEND_IAM_ACTIONS, COMPREHEND_SENTIMENT_IAM_ACTIONS } from '../../shared/adapters/comprehend-analyzer.adapter.js';
import { DEFAULT_CASCADE_THRESHOLD } from '../../shared/adapters/offline-analyzer/confidence.js';
import { DEFAULT_ASSUMPTIONS } from '../../local/cost/cost-assumptions.js';
import { computeCost, perItemFunctions } from '../../local/cost/cost-model.js';
import { loadPricing } from '../../local/cost/pricing.schema.js';
import { readTemplates, type CfnTemplate } from '../../local/cost/template-facts.js';

const REQUIRED_ENV = [
  'OUVIDOR_TABLE_NAME',
  'OUVIDOR_QUEUE_URL',
  'OUVIDOR_EVENT_BUS_NAME',
  'OUVIDOR_BUCKET_NAME',
  'OUVIDOR_ANALYZER',
  'OUVIDOR_CASCADE_THRESHOLD',
  'OUVIDOR_CASCADE_ESCALATE',
  'OUVIDOR_AUTH_MODE',
  'OUVIDOR_AUTH_ISSUER',
  'OUVIDOR_AUTH_AUDIENCE',
  'OUVIDOR_ORIGINALS_RETENTION_DAYS',
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_METRICS_NAMESPACE',
  'LOG_LEVEL',
];

let t: OuvidorTemplates;
let statementsOf: (
  fn: 'ingestWeb' | 'getFeedback' | 'getCustomer' | 'processFeedback' | 'sweepReceived' | 'createSurvey' | 'answerSurvey',
) => ReturnType<typeof roleStatements>;
beforeAll(() => {
  t = synthOuvidor();
  statementsOf = (fn) => roleStatements(t.service, logicalId(t.built.service[fn].role));
});

describe('ServiceStack', () => {
  it('every function: nodejs24.x, arm64, X-Ray active, own log group, full environment', () => {
    const functions = Object.values(t.service.findResources('AWS::Lambda::Function'));
    // Every Lambda function in the stack is one of ours (the shared construct), none hand-rolled.
    const ours = t.built.service.node.findAll().filter((c) => c instanceof OuvidorFunction);
    expect(functions.length).toBeGreaterThanOrEqual(5);
    expect(functions).toHaveLength(ours.length);
    for (const fn of functions) {
      const p = fn['Properties'];
      expect(p['Runtime']).toBe('nodejs24.x');
      expect(p['Architectures']).toEqual(['arm64']);
      expect(p['TracingConfig']).toEqual({ Mode: 'Active' });
      expect(p['LoggingConfig']['LogGroup']).toEqual({ Ref: expect.any(String) });
      // INFO: Lambda's START/END/REPORT lines (duration, billed duration, memory, init) are kept.
      expect(p['LoggingConfig']['SystemLogLevel']).toBe('INFO');
      expect(Object.keys(p['Environment']['Variables'])).toEqual(expect.arrayContaining(REQUIRED_ENV));
      expect(p['Environment']['Variables']).toMatchObject({
        OUVIDOR_ANALYZER: 'cascade',
        OUVIDOR_AUTH_MODE: 'cognito',
        OUVIDOR_CASCADE_THRESHOLD: String(DEFAULT_CASCADE_THRESHOLD),
        OUVIDOR_CASCADE_ESCALATE: 'sentiment',
        POWERTOOLS_SERVICE_NAME: 'ouvidor',
        POWERTOOLS_METRICS_NAMESPACE: 'Ouvidor',
      });
    }
    // One 30-day log group per function, plus the API's access logs.
    t.service.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, ours.length + 1);
  });

  it('roles carry no AWS managed policies', () => {
    for (const role of Object.values(t.service.findResources('AWS::IAM::Role'))) {
      expect(JSON.stringify(role['Properties']['ManagedPolicyArns'] ?? [])).not.toContain(':iam::aws:policy');
    }
  });

  it('processor consumes the queue in batches and reports item failures', () => {
    t.service.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(t.built.service.processFeedback.function) },
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: Match.anyValue(),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('sweeper runs every 5 minutes', () => {
    t.service.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(t.built.service.sweepReceived.function), 'Arn'] } })],
    });
  });

  it('event bus "ouvidor-<stage>" (default stage dev)', () => {
    t.service.hasResourceProperties('AWS::Events::EventBus', { Name: 'ouvidor-dev' });
  });

  it('HTTP API: the two routes, CORS, $default stage with throttling and access logs', () => {
    t.service.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /v1/feedback' });
    t.service.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /v1/feedback/{id}' });
    t.service.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({ AllowOrigins: Match.anyValue() }),
    });
    t.service.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
  });

  it.each(['getFeedback', 'getCustomer'] as const)('%s can only read the table', (fn) => {
    const actions = actionsOf(statementsOf(fn));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    for (const forbidden of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'sqs:SendMessage', 'events:PutEvents']) {
      expect(actions).not.toContain(forbidden);
    }
    expect(actions.filter((a) => a.startsWith('s3:'))).toEqual([]);
  });

  it('ingest-web writes the table and sends to the queue, nothing else', () => {
    const statements = statementsOf('ingestWeb');
    const queueId = logicalId(t.built.stateful.queue);
    const tableId = logicalId(t.built.stateful.table);
    expect(resourcesFor(statements, 'sqs:SendMessage').some((r) => r.includes(queueId))).toBe(true);
    expect(resourcesFor(statements, 'dynamodb:PutItem').some((r) => r.includes(tableId))).toBe(true);
    const actions = actionsOf(statements);
    for (const forbidden of ['dynamodb:Query', 'dynamodb:Scan', 'events:PutEvents', 'sqs:ReceiveMessage']) {
      expect(actions).not.toContain(forbidden);
    }
  });

  it('processor reads/writes the table, puts events on the bus, uses the originals policy', () => {
    const statements = statementsOf('processFeedback');
    const busId = logicalId(t.built.service.eventBus);
    expect(resourcesFor(statements, 'events:PutEvents')).toEqual([JSON.stringify({ 'Fn::GetAtt': [busId, 'Arn'] })]);
    expect(actionsOf(statements)).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'sqs:DeleteMessage']));
    expect(actionsOf(statements)).not.toContain('sqs:SendMessage');
    const role = t.service.findResources('AWS::IAM::Role')[logicalId(t.built.service.processFeedback.role)];
    const policyId = logicalId(t.built.stateful.originalsReadWritePolicy);
    expect(JSON.stringify(role?.['Properties']['ManagedPolicyArns'])).toContain(policyId);
  });

  it('only the processor may call Comprehend, and by default only the sentiment calls the cascade escalates', () => {
    const comprehendOf = (fn: Parameters<typeof statementsOf>[0]) => actionsOf(statementsOf(fn)).filter((a) => a.startsWith('comprehend:'));
    expect(comprehendOf('processFeedback').sort()).toEqual([...COMPREHEND_SENTIMENT_IAM_ACTIONS].sort());
    for (const fn of ['ingestWeb', 'getFeedback', 'sweepReceived'] as const) expect(comprehendOf(fn)).toEqual([]);
  });

  it("context ouvidor:cascadeEscalate=all grants every call the adapter makes in that mode, and sets the function's variable", () => {
    const all = synthOuvidor({ 'ouvidor:cascadeEscalate': 'all' });
    const statements = roleStatements(all.service, logicalId(all.built.service.processFeedback.role));
    expect(actionsOf(statements).filter((a) => a.startsWith('comprehend:')).sort()).toEqual([...COMPREHEND_IAM_ACTIONS].sort());
    const fn = all.service.findResources('AWS::Lambda::Function')[logicalId(all.built.service.processFeedback.function)];
    expect(fn?.['Properties']['Environment']['Variables']['OUVIDOR_CASCADE_ESCALATE']).toBe('all');
  });

  it('ouvidor cost reads these templates: the functions one item runs through, the schedules, the lifecycle', () => {
    const facts = readTemplates([t.stateful.toJSON() as CfnTemplate, t.service.toJSON() as CfnTemplate]);
    const path = perItemFunctions(facts, DEFAULT_ASSUMPTIONS).map((f) => f.fn.name);
    expect(path).toEqual(expect.arrayContaining(['ingest-web', 'process-feedback', 'run-workflows', 'record-metrics']));
    expect(facts.functions['process-feedback']?.environment['OUVIDOR_CASCADE_ESCALATE']).toBe('sentiment');
    expect(facts.schedules.map((s) => s.function).sort()).toEqual(['sla-sweeper', 'sweep-received']);
    expect(facts.originalsRetentionDays).toBe(90);
    expect(facts.table).toMatchObject({ pitr: true, stream: true });
    const report = computeCost(facts, loadPricing(), DEFAULT_ASSUMPTIONS, []);
    expect(report.components.find((c) => c.component === 'Comprehend')?.basis).toContain('escalate sentiment');
  });

  it('rejects an unknown ouvidor:cascadeEscalate, naming the key', () => {
    expect(() => buildOuvidorApp({ 'ouvidor:cascadeEscalate': 'everything' })).toThrow(/ouvidor:cascadeEscalate: must be one of sentiment, all/);
  });

  it('sweeper reads/writes the table, re-enqueues, and republishes pending events on the bus only', () => {
    const statements = statementsOf('sweepReceived');
    expect(actionsOf(statements)).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:UpdateItem', 'sqs:SendMessage']));
    expect(resourcesFor(statements, 'events:PutEvents')).toEqual([JSON.stringify({ 'Fn::GetAtt': [logicalId(t.built.service.eventBus), 'Arn'] })]);
  });

  it('create-survey reads/writes the table and reads the app secret, nothing else', () => {
    const statements = statementsOf('createSurvey');
    const tableId = logicalId(t.built.stateful.table);
    expect(resourcesFor(statements, 'dynamodb:PutItem').some((r) => r.includes(tableId))).toBe(true);
    expect(resourcesFor(statements, 'dynamodb:GetItem').some((r) => r.includes(tableId))).toBe(true);
    expect(actionsOf(statements)).toContain('secretsmanager:GetSecretValue');
    for (const forbidden of ['sqs:SendMessage', 'events:PutEvents']) {
      expect(actionsOf(statements)).not.toContain(forbidden);
    }
    expect(actionsOf(statements).filter((a) => a.startsWith('s3:') || a.startsWith('comprehend:'))).toEqual([]);
  });

  it('answer-survey reads/writes the table, sends to the queue and reads the app secret, nothing else', () => {
    const statements = statementsOf('answerSurvey');
    const queueId = logicalId(t.built.stateful.queue);
    expect(resourcesFor(statements, 'sqs:SendMessage').some((r) => r.includes(queueId))).toBe(true);
    expect(actionsOf(statements)).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:UpdateItem', 'secretsmanager:GetSecretValue']));
    expect(actionsOf(statements)).not.toContain('events:PutEvents');
    expect(actionsOf(statements).filter((a) => a.startsWith('s3:') || a.startsWith('comprehend:'))).toEqual([]);
  });

  it('the app secret: read only by the functions granted it, on that secret only, which get its ARN', () => {
    const secretId = logicalId(t.built.stateful.appSecret);
    for (const fn of ['createSurvey', 'answerSurvey'] as const) {
      const resources = resourcesFor(statementsOf(fn), 'secretsmanager:GetSecretValue');
      expect(resources.length).toBeGreaterThan(0);
      for (const r of resources) expect(r).toContain(secretId);
      const env = t.service.findResources('AWS::Lambda::Function')[logicalId(t.built.service[fn].function)]?.['Properties']['Environment']['Variables'];
      expect(JSON.stringify(env['OUVIDOR_SECRETS_ARN'])).toContain(secretId);
    }
    for (const fn of ['ingestWeb', 'getFeedback', 'getCustomer', 'processFeedback', 'sweepReceived'] as const) {
      expect(actionsOf(statementsOf(fn)).filter((a) => a.startsWith('secretsmanager:'))).toEqual([]);
      const env = t.service.findResources('AWS::Lambda::Function')[logicalId(t.built.service[fn].function)]?.['Properties']['Environment']['Variables'];
      expect(env['OUVIDOR_SECRETS_ARN']).toBeUndefined();
    }
  });

  it('routes the survey endpoints: creation behind the JWT check, the customer link public', () => {
    for (const key of ['POST /v1/surveys', 'GET /v1/surveys/{token}', 'POST /v1/surveys/{token}']) {
      t.service.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: key });
    }
  });

  it('outputs the API URL, user pool id and client id', () => {
    const outputs = Object.keys(t.service.findOutputs('*'));
    expect(outputs).toEqual(expect.arrayContaining(['ApiUrl', 'UserPoolId', 'UserPoolClientId']));
  });
});

describe('HTTP routes', () => {
  it('are the same on AWS as in the local runtime', async () => {
    const { ROUTES, LOCAL_ONLY_ROUTE_KEYS } = await import('../../local/routes.js');
    const aws = Object.values(t.service.findResources('AWS::ApiGatewayV2::Route')).map((r) => String(r['Properties']['RouteKey'])).sort();
    // Explicit exceptions: the local sign-in (Cognito SRP on AWS), the widget preflight (the API's corsPreflight on AWS),
    // the local admin jobs, and playing an SES event (SES's topic feeds the email events queue on AWS).
    expect(LOCAL_ONLY_ROUTE_KEYS).toEqual(['POST /v1/auth/login', 'OPTIONS /v1/feedback', 'POST /v1/local/metrics/rebuild', 'POST /v1/local/seed', 'GET /v1/local/progress', 'POST /v1/local/email-events']);
    const local = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(local).toEqual(expect.arrayContaining([...LOCAL_ONLY_ROUTE_KEYS]));
    expect(aws).toEqual(local.filter((k) => !LOCAL_ONLY_ROUTE_KEYS.includes(k)).sort());
  });
});

describe('tracing and the Powertools layer', () => {
  it('every function: X-Ray active, POWERTOOLS_TRACE_ENABLED, and the Powertools layer of the pinned version from its public SSM parameter', async () => {
    const { POWERTOOLS_VERSION, POWERTOOLS_LAYER_PARAMETER } = await import('../../infra/lambda-bundling.js');
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { dependencies: Record<string, string> };
    expect(POWERTOOLS_VERSION).toBe(pkg.dependencies['@aws-lambda-powertools/tracer']);
    expect(POWERTOOLS_LAYER_PARAMETER).toBe(`/aws/service/powertools/typescript/generic/all/${POWERTOOLS_VERSION}`);
    const params = Object.entries(t.service.toJSON()['Parameters'] as Record<string, { Type: string; Default: string }>).filter(([, p]) => p.Default === POWERTOOLS_LAYER_PARAMETER);
    expect(params).toHaveLength(1);
    expect(params[0]![1].Type).toBe('AWS::SSM::Parameter::Value<String>');
    const functions = Object.values(t.service.findResources('AWS::Lambda::Function')).filter((f) => f['Properties']['Runtime']?.startsWith('nodejs24'));
    expect(functions.length).toBeGreaterThan(20);
    for (const f of functions) {
      expect(f['Properties']['TracingConfig']).toEqual({ Mode: 'Active' });
      expect(f['Properties']['Layers']).toEqual([{ Ref: params[0]![0] }]);
      expect(f['Properties']['Environment']['Variables']['POWERTOOLS_TRACE_ENABLED']).toBe('true');
    }
  });
});
