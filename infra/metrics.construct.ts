import { Duration, Validations } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { OuvidorFunction } from './ouvidor-function.construct.js';
import type { ServiceStack } from './service.stack.js';

export interface MetricsProps {
  readonly service: ServiceStack;
  /** The table, with its stream (NEW_AND_OLD_IMAGES) enabled by the stateful stack. */
  readonly stateful: { readonly table: ITable };
}

const FEEDBACK_KEYS = { pk: { S: FilterRule.beginsWith('FEEDBACK#') }, sk: { S: FilterRule.isEqual('FEEDBACK') } };

/**
 * The stream records that can move the metrics, as event filters (a record passes if any filter
 * matches; a filter on an image attribute needs that image): a feedback item (`FEEDBACK#<id>` /
 * `FEEDBACK`) unless it is `received` on both sides of the change (its creation, a sweep: an item
 * contributes nothing before analysis), any survey (`SURVEY#<id>` / `SURVEY`) or kudos record
 * (`KUDOS#<agent>` / `FEEDBACK#<id>`). The same rule as `streamRecordMatters()`
 * (shared/domain/metrics/metrics-changes.ts), which the local stream applies;
 * test/infra/metrics.test.ts checks both agree. Fewer records: fewer invocations, cheaper.
 */
export const METRICS_STREAM_FILTERS: ReadonlyArray<Record<string, unknown>> = [
  FilterCriteria.filter({ dynamodb: { Keys: FEEDBACK_KEYS, OldImage: { stage: { S: FilterRule.notEquals('received') } } } }),
  FilterCriteria.filter({ dynamodb: { Keys: FEEDBACK_KEYS, NewImage: { stage: { S: FilterRule.notEquals('received') } } } }),
  FilterCriteria.filter({ dynamodb: { Keys: { pk: { S: FilterRule.beginsWith('SURVEY#') }, sk: { S: FilterRule.isEqual('SURVEY') } } } }),
  FilterCriteria.filter({ dynamodb: { Keys: { pk: { S: FilterRule.beginsWith('KUDOS#') }, sk: { S: FilterRule.beginsWith('FEEDBACK#') } } } }),
];

/** Stream retries of a failing batch before its records go to the DLQ (bisected on the way). */
export const METRICS_STREAM_RETRY_ATTEMPTS = 10;

/**
 * Service quality metrics: `record-metrics` keeps the aggregates from the table's stream (the
 * event source mapping filters the keys, bisects failing batches, reports item failures, and sends
 * what still fails to an encrypted DLQ — the aggregates can be rebuilt), `GET /v1/metrics` (JWT)
 * and the public `GET /standards` page, both reading the table only.
 */
export class MetricsFunctions extends Construct {
  public readonly recordMetrics: OuvidorFunction;
  public readonly getMetrics: OuvidorFunction;
  public readonly standardsPage: OuvidorFunction;
  /** Stream batches that kept failing (the records' keys and positions, not the items). */
  public readonly deadLetterQueue: Queue;
  public readonly streamSource: DynamoEventSource;

  constructor(scope: Construct, id: string, props: MetricsProps) {
    super(scope, id);
    const { service } = props;
    const { table } = props.stateful;

    this.deadLetterQueue = new Queue(this, 'RecordMetricsDlq', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the on-failure destination of the record-metrics stream event source mapping.',
    });

    this.recordMetrics = service.addFunction('RecordMetrics', { handlerName: 'record-metrics', timeout: Duration.seconds(60), memorySize: 1024 });
    this.recordMetrics.grantTableReadWrite(table);
    this.streamSource = new DynamoEventSource(table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(5),
      bisectBatchOnError: true,
      retryAttempts: METRICS_STREAM_RETRY_ATTEMPTS,
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(this.deadLetterQueue),
      filters: [...METRICS_STREAM_FILTERS],
    });
    this.recordMetrics.function.addEventSource(this.streamSource);
    // grantStreamRead (done by the event source) adds dynamodb:ListStreams, which takes no resource.
    this.recordMetrics.acknowledgeWildcardResource('DynamoDB ListStreams (stream event source) supports no resource-level permissions');

    const jwt = 'Bearer JWT verified inside the Lambda (jose + Cognito JWKS).';
    this.getMetrics = service.addFunction('GetMetrics', { handlerName: 'get-metrics', timeout: Duration.seconds(15), memorySize: 1024 });
    this.getMetrics.grantTableRead(table);
    service.addRoute('/v1/metrics', HttpMethod.GET, this.getMetrics, jwt);

    this.standardsPage = service.addFunction('StandardsPage', { handlerName: 'standards-page' });
    this.standardsPage.grantTableRead(table);
    service.addRoute('/standards', HttpMethod.GET, this.standardsPage, 'Public page: the published service standards and the actual response times (aggregates only, no customer data).');
  }
}
