import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  Stats,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IMetric, IWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ChannelSchema } from '../shared/domain/analysis.schema.js';
import { SlaClockNameSchema } from '../shared/domain/sla/sla-state.schema.js';
import { METRIC, TELEMETRY_NAMESPACE, TELEMETRY_SERVICE, type MetricName } from '../shared/ports/telemetry.port.js';
import type { OuvidorFunction } from './ouvidor-function.construct.js';

export interface DashboardProps {
  /** @default 'ouvidor' */
  readonly dashboardName?: string;
  /** Every function: errors, throttles and p90 duration. */
  readonly functions: readonly OuvidorFunction[];
  /** The stream consumer whose iterator age tells how far behind the aggregates are. */
  readonly streamConsumer: OuvidorFunction;
  /** The analysis queue: depth and age of its oldest message. */
  readonly workQueue: IQueue;
  /** Every dead-letter queue, by label: depth on the dashboard and an alarm when not empty. */
  readonly deadLetterQueues: Readonly<Record<string, IQueue>>;
  readonly table: ITable;
  /** Alarm when the stream consumer is this far behind. @default 15 minutes */
  readonly iteratorAgeThreshold?: Duration;
}

const PERIOD = Duration.minutes(5);
const WIDTH = 8;
const HEIGHT = 6;

/** An EMF business metric (telemetry.port.ts): namespace `Ouvidor`, dimension `service` plus `extra`. */
export function businessMetric(name: MetricName, statistic: string, extra: Record<string, string> = {}, label?: string): Metric {
  return new Metric({
    namespace: TELEMETRY_NAMESPACE,
    metricName: name,
    dimensionsMap: { service: TELEMETRY_SERVICE, ...extra },
    statistic,
    period: PERIOD,
    ...(label && { label }),
  });
}

const byChannel = (name: MetricName): Metric[] => ChannelSchema.options.map((channel) => businessMetric(name, Stats.SUM, { channel }, channel));

/**
 * The CloudWatch dashboard `ouvidor-<stage>`: the business metrics the functions emit as EMF (volume by
 * channel, complaints, SLA breaches, first response time, resolutions, failures), the queues, every
 * function's errors, throttles and p90 duration, the metrics stream's iterator age and DynamoDB
 * throttling; plus alarms on every DLQ holding a message and on the stream falling behind (their
 * action, the alert topic, is added by OuvidorAlarms to every alarm of the stack).
 */
export class OuvidorDashboard extends Construct {
  public readonly dashboard: Dashboard;
  public readonly deadLetterAlarms: Alarm[];
  public readonly iteratorAgeAlarm: Alarm;

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    const fnLabel = (fn: OuvidorFunction) => fn.node.id;
    const iteratorAge = new Metric({
      namespace: 'AWS/Lambda',
      metricName: 'IteratorAge',
      dimensionsMap: { FunctionName: props.streamConsumer.function.functionName },
      statistic: Stats.MAXIMUM,
      period: PERIOD,
      label: 'record-metrics iterator age',
    });

    this.deadLetterAlarms = Object.entries(props.deadLetterQueues).map(
      ([label, queue]) =>
        new Alarm(this, `${label}DlqNotEmpty`, {
          alarmDescription: `The ${label} dead-letter queue holds messages: something failed for good; inspect and redrive.`,
          metric: queue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM, period: PERIOD }),
          threshold: 0,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
    );
    const threshold = props.iteratorAgeThreshold ?? Duration.minutes(15);
    this.iteratorAgeAlarm = new Alarm(this, 'MetricsStreamBehind', {
      alarmDescription: `record-metrics is more than ${threshold.toHumanString()} behind the table's stream: the metrics lag (or records are failing).`,
      metric: iteratorAge,
      threshold: threshold.toMilliseconds(),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    const graph = (title: string, left: IMetric[], opts: { stacked?: boolean; right?: IMetric[]; width?: number } = {}): GraphWidget =>
      new GraphWidget({ title, left, ...(opts.right && { right: opts.right }), stacked: opts.stacked ?? false, width: opts.width ?? WIDTH, height: HEIGHT });
    const lambdaMetrics = (metric: (fn: OuvidorFunction) => IMetric) => props.functions.map(metric);
    const dlqDepth = Object.entries(props.deadLetterQueues).map(([label, q]) =>
      q.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM, period: PERIOD, label: `${label} DLQ` }),
    );
    const total = (name: MetricName, label: string) => businessMetric(name, Stats.SUM, {}, label);

    const rows: IWidget[][] = [
      [new TextWidget({ markdown: '## Feedback\nBusiness metrics (EMF, namespace `Ouvidor`): approximate, for operations. The exact figures are `GET /v1/metrics`.', width: 24, height: 2 })],
      [
        graph('Feedback accepted by channel', byChannel(METRIC.feedbackAccepted), { stacked: true }),
        graph('Feedback analyzed by channel', byChannel(METRIC.feedbackAnalyzed), { stacked: true }),
        graph('Complaints and negative feedback', [total(METRIC.complaints, 'complaints'), total(METRIC.negativeFeedback, 'negative')]),
      ],
      [
        graph('SLA breaches', SlaClockNameSchema.options.map((clock) => businessMetric(METRIC.slaBreached, Stats.SUM, { clock }, clock)), { stacked: true }),
        graph('First response time (minutes)', [
          businessMetric(METRIC.firstResponseMinutes, Stats.percentile(50), {}, 'p50'),
          businessMetric(METRIC.firstResponseMinutes, Stats.percentile(90), {}, 'p90'),
        ]),
        graph('Resolved and failures', [total(METRIC.itemsResolved, 'resolved')], {
          right: [total(METRIC.analysisFailed, 'analysis failed'), total(METRIC.feedbackFailed, 'gave up'), total(METRIC.workflowActionFailed, 'workflow action failed')],
        }),
      ],
      [new TextWidget({ markdown: '## Platform', width: 24, height: 1 })],
      [
        graph('Analysis queue', [props.workQueue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM, period: PERIOD, label: 'depth' })], {
          right: [props.workQueue.metricApproximateAgeOfOldestMessage({ statistic: Stats.MAXIMUM, period: PERIOD, label: 'oldest message (s)' })],
        }),
        graph('Dead-letter queues', dlqDepth),
        new AlarmStatusWidget({ title: 'Alarms', alarms: [...this.deadLetterAlarms, this.iteratorAgeAlarm], width: WIDTH, height: HEIGHT }),
      ],
      [
        graph('Lambda errors', lambdaMetrics((fn) => fn.function.metricErrors({ statistic: Stats.SUM, period: PERIOD, label: fnLabel(fn) }))),
        graph('Lambda throttles', lambdaMetrics((fn) => fn.function.metricThrottles({ statistic: Stats.SUM, period: PERIOD, label: fnLabel(fn) }))),
        graph('Lambda duration p90 (ms)', lambdaMetrics((fn) => fn.function.metricDuration({ statistic: Stats.percentile(90), period: PERIOD, label: fnLabel(fn) }))),
      ],
      [
        graph('Metrics stream iterator age (ms)', [iteratorAge]),
        graph('DynamoDB throttled requests', [
          new MathExpression({
            expression: 'FILL(r, 0) + FILL(w, 0)',
            usingMetrics: {
              r: props.table.metric('ReadThrottleEvents', { statistic: Stats.SUM, period: PERIOD }),
              w: props.table.metric('WriteThrottleEvents', { statistic: Stats.SUM, period: PERIOD }),
            },
            label: 'read + write throttle events',
            period: PERIOD,
          }),
        ]),
      ],
    ];

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName ?? 'ouvidor',
      defaultInterval: Duration.days(1),
      widgets: rows,
    });
  }
}
