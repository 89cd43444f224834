import type { Channel } from '../domain/analysis.schema.js';
import type { SlaClockName } from '../domain/sla/sla-state.schema.js';

/**
 * Operational business metrics (CloudWatch, through EMF on AWS). Approximate by nature (a retried
 * invocation may count twice): the exact figures are the metrics aggregates in the table. These
 * are for the CloudWatch dashboard and alarms.
 */

/** CloudWatch namespace and `service` dimension of every metric (the dashboard reads the same). */
export const TELEMETRY_NAMESPACE = 'Ouvidor';
export const TELEMETRY_SERVICE = 'ouvidor';

/** Metric names. Never rename one: dashboards and alarms refer to them. */
export const METRIC = {
  /** A new item stored and queued for analysis (not a replayed dedupe key, not ignored/quarantined). Dimension: channel. */
  feedbackAccepted: 'FeedbackAccepted',
  /** An item's analysis stored. Dimension: channel. */
  feedbackAnalyzed: 'FeedbackAnalyzed',
  /** Analyzed with a NEGATIVE sentiment. Dimension: channel. */
  negativeFeedback: 'NegativeFeedback',
  /** Analyzed into the `complaint` category. Dimension: channel. */
  complaints: 'Complaints',
  /** An analysis attempt failed (the message is retried). Dimension: channel. */
  analysisFailed: 'AnalysisFailed',
  /** An item given up on after its re-enqueues (stage `failed`). */
  feedbackFailed: 'FeedbackFailed',
  /** An SLA target breached and escalated. Dimension: clock (firstResponse | resolution). */
  slaBreached: 'SlaBreached',
  /** A workflow action attempt failed (retried or given up). */
  workflowActionFailed: 'WorkflowActionFailed',
  /** Calendar minutes from receipt to an agent's first reply. Dimension: channel. */
  firstResponseMinutes: 'FirstResponseMinutes',
  /** An item moved into `resolved`. Dimension: channel. */
  itemsResolved: 'ItemsResolved',
} as const;
export type MetricName = (typeof METRIC)[keyof typeof METRIC];

/** Low-cardinality dimensions only (never an id, a customer or free text): the types enforce it. */
export interface MetricDimensions {
  readonly channel?: Channel;
  readonly clock?: SlaClockName;
}

export interface Telemetry {
  /** Adds `value` (default 1) to a count. */
  count(name: MetricName, value?: number, dims?: MetricDimensions): void;
  /** Records one duration sample, in minutes. */
  duration(name: MetricName, minutes: number, dims?: MetricDimensions): void;
  /** Writes what was recorded since the last flush: once per invocation (`flushTelemetry()` middleware). */
  flush(): void;
}

/** Records nothing: the local runtime and tests (no EMF JSON on stdout). */
export const quietTelemetry: Telemetry = { count: () => {}, duration: () => {}, flush: () => {} };
