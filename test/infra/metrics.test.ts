import { beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, logicalId, resourcesFor, roleStatements, synthOuvidor, type OuvidorTemplates } from './ouvidor-app.fixture.js';
import { METRICS_STREAM_RETRY_ATTEMPTS } from '../../infra/metrics.construct.js';
import { OuvidorFunction } from '../../infra/ouvidor-function.construct.js';
import { ChannelSchema } from '../../shared/domain/analysis.schema.js';
import { streamRecordMatters } from '../../shared/domain/metrics/metrics-changes.js';
import { METRIC } from '../../shared/ports/telemetry.port.js';

let t: OuvidorTemplates;
beforeAll(() => {
  t = synthOuvidor();
});
type Fn = 'recordMetrics' | 'getMetrics' | 'standardsPage';
const fn = (name: Fn) => t.built.service.metrics[name];
const statements = (name: Fn) => roleStatements(t.service, logicalId(fn(name).role));
const TABLE_WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

const streamMapping = () => {
  const mappings = Object.values(t.service.findResources('AWS::Lambda::EventSourceMapping')).filter(
    (m) => JSON.stringify(m['Properties']['FunctionName']) === JSON.stringify({ Ref: logicalId(fn('recordMetrics').function) }),
  );
  expect(mappings).toHaveLength(1);
  return mappings[0]!['Properties'];
};

/**
 * Lambda event filtering for the subset the filters use: exact strings, `{prefix}` and
 * `{anything-but}` (which, like every rule, needs the field to be there); every key of the pattern must match.
 */
function matches(pattern: unknown, record: unknown): boolean {
  if (Array.isArray(pattern)) {
    if (typeof record !== 'string') return false;
    return pattern.some((rule) => {
      if (typeof rule === 'string') return record === rule;
      const r = rule as { prefix?: string; 'anything-but'?: string[] };
      if (r.prefix !== undefined) return record.startsWith(r.prefix);
      return !r['anything-but']!.includes(record);
    });
  }
  if (typeof record !== 'object' || record === null) return false;
  return Object.entries(pattern as Record<string, unknown>).every(([k, sub]) => matches(sub, (record as Record<string, unknown>)[k]));
}

describe('metrics infrastructure', () => {
  it("turns on the table's stream with both images (record-metrics reads nothing to apply a change)", () => {
    t.stateful.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } });
  });

  it('feeds record-metrics from the stream: from the oldest record, batched, bisected, retried, item failures reported, then a DLQ', () => {
    const p = streamMapping();
    expect(JSON.stringify(p['EventSourceArn'])).toMatch(/StreamArn/);
    expect(p).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 5,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: METRICS_STREAM_RETRY_ATTEMPTS,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(t.built.service.metrics.deadLetterQueue), 'Arn'] } } },
    });
    t.service.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    const dlq = t.service.findResources('AWS::SQS::Queue')[logicalId(t.built.service.metrics.deadLetterQueue)]!;
    expect(dlq['Properties']).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
  });

  it('lets through exactly the records that can move a counter (the same rule as the local stream)', () => {
    const patterns = (streamMapping()['FilterCriteria']['Filters'] as { Pattern: string }[]).map((f) => JSON.parse(f.Pattern) as unknown);
    expect(patterns).toHaveLength(4);
    const pks = ['FEEDBACK#01JD', 'SURVEY#01JD', 'KUDOS#ana', 'KUDOS#', 'FEEDBACK', 'SURVEY', 'KUDOS', 'XFEEDBACK#1', 'feedback#1', 'CUSTOMER#c1', 'METRICS#2026-01-02', 'MLEDGER#feedback:1', 'IDEMPOTENCY#k', 'OUTBOX#o', 'COLLECTION#praise', 'CONFIG#rules'];
    const sks = ['FEEDBACK', 'SURVEY', 'FEEDBACK#01JD', 'FEEDBACK#', 'MESSAGE#ab', 'ACTION#x', 'TIMELINE#t', 'PROFILE', 'FEEDBACKS', 'feedback', 'SURVEY#1', 'all|0', 'IDEMPOTENCY'];
    const stages = [undefined, 'received', 'analyzed', 'ignored'];
    const image = (pk: string, sk: string, stage: string | undefined) => ({ pk: { S: pk }, sk: { S: sk }, ...(stage && { stage: { S: stage } }) });
    let passing = 0;
    for (const pk of pks) {
      for (const sk of sks) {
        for (const [oldStage, newStage, eventName] of [
          [undefined, 'received', 'INSERT'], [undefined, 'analyzed', 'INSERT'], ['received', 'received', 'MODIFY'], ['received', 'analyzed', 'MODIFY'],
          ['analyzed', 'analyzed', 'MODIFY'], ['analyzed', 'received', 'MODIFY'], ['received', undefined, 'REMOVE'], ['analyzed', undefined, 'REMOVE'],
        ] as const) {
          // Images always exist on their side of the change; stages only on feedback items here (others have none).
          const withStage = pk.startsWith('FEEDBACK#') && sk === 'FEEDBACK';
          const oldImage = eventName === 'INSERT' ? undefined : image(pk, sk, withStage ? oldStage : undefined);
          const newImage = eventName === 'REMOVE' ? undefined : image(pk, sk, withStage ? newStage : undefined);
          const record = { eventName, dynamodb: { Keys: { pk: { S: pk }, sk: { S: sk } }, ...(oldImage && { OldImage: oldImage }), ...(newImage && { NewImage: newImage }), SequenceNumber: '1' } };
          const passes = patterns.some((p) => matches(p, record));
          const expected = streamRecordMatters({ pk, sk }, oldImage?.stage?.S, newImage?.stage?.S);
          expect({ pk, sk, eventName, oldStage, newStage, passes }).toEqual({ pk, sk, eventName, oldStage, newStage, passes: expected });
          if (passes) passing++;
        }
      }
    }
    // Feedback: 5 of the 8 changes (not created received, not a sweep, not a received one removed);
    // survey and kudos (two agents × two feedback sort keys): all 8.
    expect(passing).toBe(5 + 8 + 4 * 8);
  });

  it('lets record-metrics read and write the table, read its stream and send to its DLQ, nothing else', () => {
    const s = statements('recordMetrics');
    const tableId = logicalId(t.built.stateful.table);
    expect(resourcesFor(s, 'dynamodb:UpdateItem').some((r) => r.includes(tableId))).toBe(true);
    expect(resourcesFor(s, 'dynamodb:Query').some((r) => r.includes(tableId))).toBe(true);
    expect(resourcesFor(s, 'dynamodb:GetRecords').every((r) => r.includes('StreamArn'))).toBe(true);
    expect(resourcesFor(s, 'dynamodb:GetRecords')).toHaveLength(1);
    expect(resourcesFor(s, 'sqs:SendMessage')).toEqual([JSON.stringify({ 'Fn::GetAtt': [logicalId(t.built.service.metrics.deadLetterQueue), 'Arn'] })]);
    for (const x of ['events:PutEvents', 'secretsmanager:GetSecretValue', 'ses:SendRawEmail', 'sns:Publish']) expect(actionsOf(s)).not.toContain(x);
    expect(actionsOf(s).filter((a) => a.startsWith('s3:') || a.startsWith('comprehend:'))).toEqual([]);
  });

  it.each(['getMetrics', 'standardsPage'] as const)('lets %s only read the table', (name) => {
    const a = actionsOf(statements(name));
    expect(a).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    for (const x of [...TABLE_WRITES, 'sqs:SendMessage', 'events:PutEvents', 'secretsmanager:GetSecretValue', 'dynamodb:GetRecords']) expect(a).not.toContain(x);
    expect(a.filter((x) => x.startsWith('s3:') || x.startsWith('comprehend:'))).toEqual([]);
  });

  it('routes GET /v1/metrics (JWT authorizer, role checked in the function) and the public GET /standards to their functions', () => {
    const routes = t.service.findResources('AWS::ApiGatewayV2::Route');
    const integrations = t.service.findResources('AWS::ApiGatewayV2::Integration');
    const target = (key: string, authorization: string) => {
      const route = Object.values(routes).find((r) => r['Properties']['RouteKey'] === key);
      expect(route, key).toBeDefined();
      expect(route!['Properties']['AuthorizationType'] ?? 'NONE').toBe(authorization);
      const integrationId = JSON.stringify(route!['Properties']['Target']).match(/"Ref":"(\w+)"/)![1]!;
      return JSON.stringify(integrations[integrationId]!['Properties']['IntegrationUri']);
    };
    expect(target('GET /v1/metrics', 'JWT')).toContain(logicalId(fn('getMetrics').function));
    expect(target('GET /standards', 'NONE')).toContain(logicalId(fn('standardsPage').function));
  });

  it('has every function emit EMF business metrics (OUVIDOR_METRICS=emf)', () => {
    const functions = Object.values(t.service.findResources('AWS::Lambda::Function'));
    expect(functions.length).toBeGreaterThan(20);
    for (const f of functions) expect(f['Properties']['Environment']['Variables']['OUVIDOR_METRICS']).toBe('emf');
  });
});

/** The dashboard body with every CloudFormation token replaced by `<token>`, parsed. */
function dashboardBody(): { widgets: { type: string; properties: { title?: string; metrics?: unknown[][]; alarms?: unknown[] } }[] } {
  const dashboards = Object.values(t.service.findResources('AWS::CloudWatch::Dashboard'));
  expect(dashboards).toHaveLength(1);
  expect(dashboards[0]!['Properties']['DashboardName']).toBe('ouvidor-dev'); // ouvidor-<stage>, default stage dev
  const parts = dashboards[0]!['Properties']['DashboardBody']['Fn::Join'][1] as unknown[];
  return JSON.parse(parts.map((p) => (typeof p === 'string' ? p : '<token>')).join(''));
}

describe('CloudWatch dashboard', () => {
  const widget = (title: string) => {
    const w = dashboardBody().widgets.find((x) => x.properties.title === title);
    expect(w, title).toBeDefined();
    return w!.properties;
  };
  interface Row { namespace?: string; name?: string; dims: Record<string, string>; stat?: string; label?: string }
  /** `[namespace, name, dim, value, ..., {options}]` rows as objects. */
  const rows = (title: string): Row[] =>
    (widget(title).metrics ?? []).map((row) => {
      const last = row[row.length - 1];
      const options = typeof last === 'object' && last !== null ? (last as Record<string, unknown>) : {};
      const flat = (typeof last === 'object' ? row.slice(0, -1) : row) as string[];
      const dims: Record<string, string> = {};
      for (let i = 2; i + 1 < flat.length; i += 2) dims[flat[i]!] = flat[i + 1]!;
      return { namespace: flat[0], name: flat[1], dims, ...options };
    });

  it('charts the business metrics: volume by channel, complaints, SLA breaches, first response p50/p90, resolutions', () => {
    for (const [title, name] of [['Feedback accepted by channel', METRIC.feedbackAccepted], ['Feedback analyzed by channel', METRIC.feedbackAnalyzed]] as const) {
      const r = rows(title);
      expect(r.map((m) => m.dims['channel']).sort()).toEqual([...ChannelSchema.options].sort());
      for (const m of r) expect(m).toMatchObject({ namespace: 'Ouvidor', name, dims: { service: 'ouvidor' }, stat: 'Sum' });
    }
    expect(rows('Complaints and negative feedback').map((m) => m.name)).toEqual([METRIC.complaints, METRIC.negativeFeedback]);
    expect(rows('SLA breaches').map((m) => [m.name, m.dims['clock']])).toEqual([[METRIC.slaBreached, 'firstResponse'], [METRIC.slaBreached, 'resolution']]);
    expect(rows('First response time (minutes)').map((m) => [m.name, m.stat])).toEqual([[METRIC.firstResponseMinutes, 'p50'], [METRIC.firstResponseMinutes, 'p90']]);
    expect(rows('Resolved and failures').map((m) => m.name)).toEqual([METRIC.itemsResolved, METRIC.analysisFailed, METRIC.feedbackFailed, METRIC.workflowActionFailed]);
  });

  it('charts the queues, the DLQs, every function, the stream iterator age and DynamoDB throttling', () => {
    expect(rows('Analysis queue').map((m) => m.name)).toEqual(['ApproximateNumberOfMessagesVisible', 'ApproximateAgeOfOldestMessage']);
    expect(rows('Dead-letter queues').map((m) => [m.name, m.label])).toEqual([
      ['ApproximateNumberOfMessagesVisible', 'Feedback DLQ'], ['ApproximateNumberOfMessagesVisible', 'Workflows DLQ'], ['ApproximateNumberOfMessagesVisible', 'Metrics DLQ'],
      ['ApproximateNumberOfMessagesVisible', 'Async failures DLQ'], ['ApproximateNumberOfMessagesVisible', 'EmailEvents DLQ'],
    ]);
    const functionCount = t.built.service.node.findAll().filter((c) => c instanceof OuvidorFunction).length;
    for (const [title, name, stat] of [['Lambda errors', 'Errors', 'Sum'], ['Lambda throttles', 'Throttles', 'Sum'], ['Lambda duration p90 (ms)', 'Duration', 'p90']] as const) {
      const r = rows(title);
      expect(r).toHaveLength(functionCount);
      for (const m of r) expect(m).toMatchObject({ namespace: 'AWS/Lambda', name, stat });
      expect(r.map((m) => m.label)).toEqual(expect.arrayContaining(['RecordMetrics', 'GetMetrics', 'StandardsPage', 'ProcessFeedback']));
    }
    expect(rows('Metrics stream iterator age (ms)')).toEqual([expect.objectContaining({ namespace: 'AWS/Lambda', name: 'IteratorAge', stat: 'Maximum' })]);
    const throttles = JSON.stringify(widget('DynamoDB throttled requests').metrics);
    expect(throttles).toContain('ReadThrottleEvents');
    expect(throttles).toContain('WriteThrottleEvents');
    expect(widget('Alarms').alarms).toHaveLength(6);
  });

  it('alarms when a dead-letter queue holds a message and when record-metrics falls behind the stream', () => {
    const alarms = Object.values(t.service.findResources('AWS::CloudWatch::Alarm')).map((a) => a['Properties']);
    const dlqAlarms = alarms.filter((a) => a['MetricName'] === 'ApproximateNumberOfMessagesVisible');
    expect(dlqAlarms).toHaveLength(5);
    for (const a of dlqAlarms) expect(a).toMatchObject({ Namespace: 'AWS/SQS', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching' });
    const queues = dlqAlarms.map((a) => JSON.stringify(a['Dimensions']));
    expect(queues.some((q) => q.includes(logicalId(t.built.service.metrics.deadLetterQueue)))).toBe(true);
    expect(queues.some((q) => q.includes(logicalId(t.built.service.workflows.deadLetterQueue)))).toBe(true);
    expect(queues.some((q) => q.includes('FeedbackDlq'))).toBe(true);
    expect(queues.some((q) => q.includes(logicalId(t.built.service.channels.asyncFailures)))).toBe(true);
    expect(queues.some((q) => q.includes(logicalId(t.built.service.emailEvents.deadLetterQueue)))).toBe(true);
    const behind = alarms.filter((a) => JSON.stringify(a).includes('IteratorAge'));
    expect(behind).toHaveLength(1);
    expect(JSON.stringify(behind[0])).toContain(logicalId(fn('recordMetrics').function));
    expect(behind[0]).toMatchObject({ Threshold: 15 * 60_000, ComparisonOperator: 'GreaterThanThreshold' });
  });
});
