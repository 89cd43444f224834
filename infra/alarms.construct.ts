import { Aspects, Duration, Stack } from 'aws-cdk-lib';
import type { IAspect } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, MathExpression, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { IConstruct } from 'constructs';
import type { OuvidorFunction } from './ouvidor-function.construct.js';

/** CloudWatch allows at most 10 metrics in a metric-math alarm: functions are watched in groups of this size. */
export const FUNCTIONS_PER_ALARM = 10;
const PERIOD = Duration.minutes(5);

export interface OuvidorAlarmsProps {
  /** Subscribed to the alert topic by email (context `ouvidor:alertEmail`); none: subscribe one after deploy. */
  readonly alertEmail?: string;
  /** Every function: errors and throttles, in groups of FUNCTIONS_PER_ALARM. */
  readonly functions: readonly OuvidorFunction[];
  readonly httpApi: HttpApi;
  /** Queues whose oldest message must not get old (work waiting, not dead letters), by label. */
  readonly workQueues: Readonly<Record<string, IQueue>>;
  /** Alarm when a work queue's oldest message is this old. @default 15 minutes */
  readonly queueAgeThreshold?: Duration;
  /** Alarm when this share of API requests (percent) answer 5xx. @default 5 */
  readonly api5xxPercent?: number;
  /** Below this many requests in a period the 5xx rate is not judged (one failure in three is noise). @default 20 */
  readonly api5xxMinRequests?: number;
}

/**
 * The alert topic and the platform alarms beyond the dashboard's (DLQs, stream lag): function errors
 * and throttles, the API's 5xx rate, the age of the oldest message of each work queue. An aspect
 * makes the topic the alarm and OK action of EVERY alarm in the stack, whoever declared it.
 */
export class OuvidorAlarms extends Construct {
  public readonly alertTopic: Topic;
  public readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OuvidorAlarmsProps) {
    super(scope, id);
    this.alertTopic = new Topic(this, 'AlertTopic', { displayName: 'Ouvidor alarms', enforceSSL: true });
    if (props.alertEmail) this.alertTopic.addSubscription(new EmailSubscription(props.alertEmail));

    const groups = chunk(props.functions, FUNCTIONS_PER_ALARM);
    groups.forEach((group, i) => {
      const names = group.map((fn) => fn.node.id).join(', ');
      const sum = (metric: (fn: OuvidorFunction) => IMetric, label: string) =>
        new MathExpression({
          expression: group.map((_, j) => `FILL(m${j}, 0)`).join(' + '),
          usingMetrics: Object.fromEntries(group.map((fn, j) => [`m${j}`, metric(fn)])),
          label,
          period: PERIOD,
        });
      this.add(`FunctionErrors${i + 1}`, {
        alarmDescription: `A function failed (errors, including timeouts) among: ${names}. See its log group and the dashboard's Lambda errors graph.`,
        metric: sum((fn) => fn.function.metricErrors({ statistic: Stats.SUM, period: PERIOD }), 'errors'),
        threshold: 0,
        evaluationPeriods: 1,
      });
      this.add(`FunctionThrottles${i + 1}`, {
        alarmDescription: `Lambda throttled invocations (account or reserved concurrency reached) among: ${names}.`,
        metric: sum((fn) => fn.function.metricThrottles({ statistic: Stats.SUM, period: PERIOD }), 'throttles'),
        threshold: 0,
        evaluationPeriods: 1,
      });
    });

    const percent = props.api5xxPercent ?? 5;
    const minRequests = props.api5xxMinRequests ?? 20;
    this.add('Api5xxRate', {
      alarmDescription: `More than ${percent}% of API requests answered 5xx (with at least ${minRequests} requests in 5 minutes): see the API access logs and the Lambda errors.`,
      metric: new MathExpression({
        expression: `IF(FILL(requests, 0) >= ${minRequests}, 100 * FILL(errors, 0) / requests, 0)`,
        usingMetrics: {
          errors: props.httpApi.metricServerError({ statistic: Stats.SUM, period: PERIOD }),
          requests: props.httpApi.metricCount({ statistic: Stats.SUM, period: PERIOD }),
        },
        label: '5xx %',
        period: PERIOD,
      }),
      threshold: percent,
      evaluationPeriods: 2,
    });

    const age = props.queueAgeThreshold ?? Duration.minutes(15);
    for (const [label, queue] of Object.entries(props.workQueues)) {
      this.add(`${label}QueueOldMessage`, {
        alarmDescription: `The ${label} queue's oldest message is more than ${age.toHumanString()} old: its consumer is failing, throttled or stopped.`,
        metric: queue.metricApproximateAgeOfOldestMessage({ statistic: Stats.MAXIMUM, period: PERIOD }),
        threshold: age.toSeconds(),
        evaluationPeriods: 2,
      });
    }

    Aspects.of(Stack.of(this)).add(new AlarmActions(this.alertTopic));
  }

  private add(id: string, props: { alarmDescription: string; metric: IMetric; threshold: number; evaluationPeriods: number }): void {
    this.alarms.push(
      new Alarm(this, id, {
        ...props,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
  }
}

/** Adds the topic as alarm and OK action of every CloudWatch alarm it visits (once each). */
class AlarmActions implements IAspect {
  private readonly done = new WeakSet<Alarm>();
  private readonly action: SnsAction;

  constructor(topic: Topic) {
    this.action = new SnsAction(topic);
  }

  public visit(node: IConstruct): void {
    if (!(node instanceof Alarm) || this.done.has(node)) return;
    this.done.add(node);
    node.addAlarmAction(this.action);
    node.addOkAction(this.action);
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
