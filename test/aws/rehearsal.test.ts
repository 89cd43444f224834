import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { ChangeMessageVisibilityCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEvent, jsonOf, pollSqs, receiveWhere, type ApiResult } from './support/event-sources.js';
import { passesFilters, StreamReader } from './support/dynamodb-stream.js';
import { REGION, Rehearsal } from './support/rehearsal.js';
import { sentEmails, startFailingEndpoint, type FailingEndpoint } from './support/moto-inspect.js';

// The rehearsal of the real artifacts (`npm run test:aws`): the synthesized templates, linted by
// cfn-lint; their stateful resources created in moto from the templates; each function's esbuild
// bundle run in its own Node process with the environment its template gives it; events of the
// shapes AWS delivers, moved between the services the way the event source mappings and rules do.
// What it cannot prove: API Gateway's routing and JWT authorizer, IAM, Comprehend (stubbed).

let r: Rehearsal;
let agentToken: string;
let failing: FailingEndpoint | undefined;

beforeAll(async () => {
  r = await Rehearsal.start(process.env['OUVIDOR_REHEARSAL_ASSEMBLY']);
  agentToken = await r.signIn('agente@example.com', 'agent');
  // One synth with every function bundled, cfn-lint and moto's start-up: about a minute idle, more under load.
}, 600_000);
afterAll(async () => {
  await failing?.stop();
  await r?.stop();
});

/** The queue a logical id names, as moto knows it, and the batch size of the mapping that reads it. */
function queue(stack: 'stateful' | 'service', logicalPrefix: string, mappingPrefix?: string): { url: string; arn: string; batchSize: number; maxReceiveCount?: number } {
  const s = r[stack];
  const id = r.logicalId(s, 'AWS::SQS::Queue', logicalPrefix);
  const redrive = r.props(s, id)['RedrivePolicy'] as { maxReceiveCount: number } | undefined;
  const mapping = mappingPrefix ? r.props(r.service, r.logicalId(r.service, 'AWS::Lambda::EventSourceMapping', mappingPrefix)) : undefined;
  return {
    url: r.resolver.str(s, { Ref: id }),
    arn: r.resolver.str(s, { 'Fn::GetAtt': [id, 'Arn'] }),
    batchSize: Number(mapping?.['BatchSize'] ?? 10),
    ...(redrive && { maxReceiveCount: redrive.maxReceiveCount }),
  };
}

const eventOf = (body: string | undefined): { 'detail-type'?: string; detail?: { id?: string } } => JSON.parse(body ?? '{}') as never;

/** Post a complaint through ingest-web; process-feedback takes it from the feedback queue; returns its id. */
async function ingestAndAnalyze(email: string, text: string): Promise<string> {
  const res = await r.api('POST /v1/feedback', apiEvent('POST /v1/feedback', { body: { text, customer: { email, name: 'Cliente' }, language: 'pt-BR' } }));
  expect(res.statusCode, res.body).toBeLessThan(300);
  const { id } = jsonOf<{ id: string }>(res);
  const processor = await r.fn('ProcessFeedbackFunction', { comprehendMock: true });
  const feedbackQueue = queue('stateful', 'FeedbackQueue', 'ProcessFeedbackFunctionSqsEventSource');
  const poll = await pollSqs(r.aws.sqs, processor, feedbackQueue, REGION);
  expect(poll.received.map((m) => m.Body).join('\n'), processor.output()).toContain(id);
  expect(poll.failed, processor.output()).toEqual([]);
  return id;
}

describe('the synthesized templates', () => {
  it('pass cfn-lint with no error (the Fn::GetStackOutput false positive alone allowed)', () => {
    expect(r.lintErrors).toEqual([]);
    // Warnings are reported, not failed on (W3005: CDK's explicit DependsOn next to a GetAtt on the role).
    const warnings = [...new Set(r.lintFindings.filter((f) => f.level !== 'Error').map((f) => f.rule))];
    console.info(`cfn-lint: ${r.lintFindings.length} findings; warnings ${warnings.join(', ') || 'none'}`);
  });

  it('created the table as declared: keys, every index with its projection, the stream and TTL', async () => {
    const id = r.logicalId(r.stateful, 'AWS::DynamoDB::Table');
    const declared = r.props(r.stateful, id) as { KeySchema: unknown[]; GlobalSecondaryIndexes: Array<{ IndexName: string; Projection: unknown }>; StreamSpecification: { StreamViewType: string }; TimeToLiveSpecification: { AttributeName: string } };
    const TableName = r.resolver.str(r.stateful, { Ref: id });
    const { Table } = await r.aws.dynamodb.send(new DescribeTableCommand({ TableName }));
    expect(Table?.KeySchema).toEqual(declared.KeySchema);
    expect(Table?.GlobalSecondaryIndexes?.map((g) => ({ IndexName: g.IndexName, Projection: g.Projection }))).toEqual(
      declared.GlobalSecondaryIndexes.map((g) => ({ IndexName: g.IndexName, Projection: g.Projection })),
    );
    expect(Table?.StreamSpecification?.StreamViewType).toBe(declared.StreamSpecification.StreamViewType);
    const ttl = await r.aws.dynamodb.send(new DescribeTimeToLiveCommand({ TableName }));
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe(declared.TimeToLiveSpecification.AttributeName);
  });

  it('created the queues with their redrive policies pointing at their DLQs', async () => {
    for (const [stack, q, dlq] of [['stateful', 'FeedbackQueue', 'FeedbackDlq'], ['service', 'WorkflowsWorkflowQueue', 'WorkflowsWorkflowDlq']] as const) {
      const { url, maxReceiveCount } = queue(stack, q);
      const attrs = (await r.aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['RedrivePolicy'] }))).Attributes;
      expect(JSON.parse(attrs?.['RedrivePolicy'] ?? '{}')).toEqual({ deadLetterTargetArn: queue(stack, dlq).arn, maxReceiveCount });
      expect(maxReceiveCount).toBeGreaterThan(1);
    }
  });
});

// Each scenario takes a few seconds idle; the bound leaves room for a loaded machine (no timing is asserted).
const SCENARIO = { timeout: 120_000 };

describe('a complaint, end to end through the real bundles', SCENARIO, () => {
  let id: string;

  it('ingest-web → feedback queue → process-feedback → bus → workflow queue → run-workflows → SES acknowledgement', async () => {
    const before = (await sentEmails(r.moto.endpoint)).length;
    id = await ingestAndAnalyze('cliente@example.com', 'Produto veio com defeito e ninguém responde meus emails. Quero meu dinheiro de volta.');
    // The bus's rule (moto's EventBridge, as the template declares it) put the event on the workflow queue.
    const workflowQueue = queue('service', 'WorkflowsWorkflowQueue', 'RunWorkflowsFunctionSqsEventSource');
    const delivered = await receiveWhere(r.aws.sqs, workflowQueue.url, (m) => eventOf(m.Body).detail?.id === id);
    expect(eventOf(delivered.Body)['detail-type']).toBe('feedback.analyzed');
    // Received once above: make it visible again, then let the mapping deliver it.
    await r.aws.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: workflowQueue.url, ReceiptHandle: delivered.ReceiptHandle!, VisibilityTimeout: 0 }));
    const runner = await r.fn('RunWorkflowsFunction');
    const poll = await pollSqs(r.aws.sqs, runner, workflowQueue, REGION);
    expect(poll.received.map((m) => eventOf(m.Body).detail?.id)).toContain(id);
    expect(poll.failed, runner.output()).toEqual([]);
    const sent = await sentEmails(r.moto.endpoint);
    expect(sent.length, runner.output()).toBe(before + 1);
    expect(sent.at(-1)).toMatchObject({ source: expect.stringContaining('feedback@example.com'), destinations: ['cliente@example.com'] });
  });

  it('the table stream, read through the Streams API, feeds record-metrics; get-metrics counts the item', async () => {
    const tableId = r.logicalId(r.stateful, 'AWS::DynamoDB::Table');
    const streamArn = r.resolver.str(r.stateful, { 'Fn::GetAtt': [tableId, 'StreamArn'] });
    const mapping = r.props(r.service, r.logicalId(r.service, 'AWS::Lambda::EventSourceMapping', 'RecordMetricsFunctionDynamoDBEventSource'));
    const filters = ((mapping['FilterCriteria'] as { Filters?: Array<{ Pattern: string }> } | undefined)?.Filters) ?? [];
    const batchSize = Number(mapping['BatchSize']);
    const records = (await new StreamReader(r.moto.endpoint, REGION, streamArn).read()).filter((rec) => passesFilters(filters, rec));
    expect(records.length).toBeGreaterThan(0);
    const recorder = await r.fn('RecordMetricsFunction');
    for (let i = 0; i < records.length; i += batchSize) {
      const batch = records.slice(i, i + batchSize).map((rec) => ({ ...rec, eventSourceARN: streamArn }));
      const res = await recorder.invoke<{ batchItemFailures?: unknown[] } | null>({ Records: batch });
      expect(res?.batchItemFailures ?? [], recorder.output()).toEqual([]);
    }
    const res = await r.api('GET /v1/metrics', apiEvent('GET /v1/metrics', { token: agentToken }));
    expect(res.statusCode, res.body).toBe(200);
    const report = jsonOf<{ totals: Record<string, unknown> }>(res);
    // The one item so far: a web-form post without a widget origin is the `api` channel; Comprehend's
    // stand-in (and the offline engine) call it negative.
    expect(report.totals).toMatchObject({ items: 1, channels: { api: 1 }, sentiment: { NEGATIVE: 1 }, categories: { complaint: 1 } });
  });

  it('an agent signed in with Cognito replies through SES and reads the item back', async () => {
    const anonymous = await r.api('GET /v1/feedback/{id}', apiEvent('GET /v1/feedback/{id}', { path: { id } }));
    expect(anonymous.statusCode).toBe(401);
    const before = (await sentEmails(r.moto.endpoint)).length;
    const reply = await r.api('POST /v1/feedback/{id}/replies', apiEvent('POST /v1/feedback/{id}/replies', { path: { id }, token: agentToken, body: { text: 'Olá! Já estamos trocando o produto.' } }));
    expect(reply.statusCode, reply.body).toBe(201);
    const sent = await sentEmails(r.moto.endpoint);
    expect(sent.length).toBe(before + 1);
    expect(sent.at(-1)).toMatchObject({ destinations: ['cliente@example.com'] });
    const res: ApiResult = await r.api('GET /v1/feedback/{id}', apiEvent('GET /v1/feedback/{id}', { path: { id }, token: agentToken }));
    expect(res.statusCode, res.body).toBe(200);
    const item = jsonOf<{ status: string; messages: Array<{ direction: string; text: string; from: string }>; timeline: Array<{ type: string }> }>(res);
    expect(item.messages).toEqual(expect.arrayContaining([expect.objectContaining({ direction: 'outbound', text: 'Olá! Já estamos trocando o produto.' })]));
    expect(item.timeline.map((e) => e.type)).toContain('message-sent');
    expect(item.status).toBe('open');
  });
});

describe('a workflow action that keeps failing', SCENARIO, () => {
  it('is delivered again after each visibility timeout, maxReceiveCount times, then lands in the workflow DLQ; the item says so', async () => {
    // SNS answering 503 (moto's own errors are 4xx, which the workflows rightly do not retry): only this
    // run-workflows process talks to it.
    failing = await startFailingEndpoint(503);
    const runner = await r.fn('RunWorkflowsFunction', { variant: 'sns-down', env: { AWS_ENDPOINT_URL_SNS: failing.endpoint } });
    // A message the offline engine is unsure of (confidence under the template's cascade threshold):
    // the cascade asks Comprehend (the stub says NEGATIVE), so the complaint rule acknowledges and notifies.
    const processor = await r.fn('ProcessFeedbackFunction', { comprehendMock: true });
    const escalations = (processor.output().match(/comprehend-stub: /g) ?? []).length;
    const id = await ingestAndAnalyze('outro@example.com', 'Comprei na terça. Veio diferente do anúncio, acho.');
    expect((processor.output().match(/comprehend-stub: BatchDetectSentiment 1\b/g) ?? []).length).toBe(escalations + 1);
    const workflowQueue = queue('service', 'WorkflowsWorkflowQueue', 'RunWorkflowsFunctionSqsEventSource');
    const dlq = queue('service', 'WorkflowsWorkflowDlq');
    const maxReceives = workflowQueue.maxReceiveCount!;
    let deliveries = 0;
    // Bounded: one poll per allowed receive, plus the one that finds it moved to the DLQ.
    for (let i = 0; i <= maxReceives; i++) {
      const poll = await pollSqs(r.aws.sqs, runner, workflowQueue, REGION, true);
      const mine = poll.received.filter((m) => eventOf(m.Body).detail?.id === id);
      deliveries += mine.length;
      if (mine.length) expect(poll.failed, runner.output()).toEqual(mine.map((m) => m.MessageId));
    }
    expect(deliveries).toBe(maxReceives);
    // Each delivery really called SNS (the SDK's own retries included).
    expect(failing.hits()).toBeGreaterThanOrEqual(maxReceives);
    const dead = await receiveWhere(r.aws.sqs, dlq.url, (m) => eventOf(m.Body).detail?.id === id, 3);
    expect(eventOf(dead.Body)['detail-type']).toBe('feedback.analyzed');
    const res = await r.api('GET /v1/feedback/{id}', apiEvent('GET /v1/feedback/{id}', { path: { id }, token: agentToken }));
    const item = jsonOf<{ actions: Array<{ type: string; status: string; attempts: number }>; timeline: Array<{ type: string; summary: string }> }>(res);
    expect(item.actions.find((a) => a.type === 'notifyTeam')).toMatchObject({ status: 'failed', attempts: maxReceives });
    const failures = item.timeline.filter((e) => e.type === 'action-failed').map((e) => e.summary);
    expect(failures).toHaveLength(maxReceives);
    expect(failures.at(-1)).toContain(`delivery ${maxReceives} of ${maxReceives}, gave up: the event goes to the workflow dead-letter queue`);
  });
});
