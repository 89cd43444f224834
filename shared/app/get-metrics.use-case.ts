import { DateTime } from 'luxon';
import { ValidationError } from '../domain/errors.js';
import { toErrorDetails } from '../domain/feedback-input.schema.js';
import { daysBetween, metricsDay } from '../domain/metrics/metrics-counters.js';
import { buildReport, type MetricsFilters } from '../domain/metrics/metrics-report.js';
import { MAX_RANGE_DAYS, MetricsQuerySchema, type MetricsReport } from '../domain/metrics/metrics-report.schema.js';
import { targetsFor } from '../domain/sla/service-standards.schema.js';
import type { Clock } from '../ports/clock.port.js';
import type { BacklogReader, MetricsReader } from '../ports/metrics-store.port.js';
import type { ConfigStore } from '../ports/workflow-store.port.js';
import { loadStandards } from './workflows/load-standards.js';

export interface GetMetricsDeps {
  readonly metrics: MetricsReader;
  readonly backlog: BacklogReader;
  readonly configs: ConfigStore;
  readonly clock: Clock;
}

/** Days in a report when the query gives no `from`: `to` and the 29 days before it. */
export const DEFAULT_RANGE_DAYS = 30;
/** Reading the service standards (`CONFIG#service-standards`): one GetItem. */
const STANDARDS_READS = 1;

const minusDays = (day: string, n: number): string => DateTime.fromISO(day, { zone: 'utc' }).minus({ days: n }).toISODate()!;

/**
 * GET /v1/metrics: the service quality report for a range of days (in the service standards' time
 * zone) and the filters, from the per-day aggregates (one query per day) and the open items (one
 * query per open status), whatever the number of items. `meta.storeReads` counts every read.
 */
export async function getMetrics(deps: GetMetricsDeps, query: Record<string, string | undefined>): Promise<MetricsReport> {
  const parsed = MetricsQuerySchema.safeParse(query);
  if (!parsed.success) {
    const details = toErrorDetails(parsed.error);
    throw new ValidationError(`Invalid metrics query: ${[...new Set(details.map((d) => d.field || 'query'))].join(', ')}.`, details, { cause: parsed.error });
  }
  const q = parsed.data;
  const now = deps.clock.now();
  const standards = await loadStandards(deps);
  const to = q.to ?? metricsDay(now, standards.timezone);
  const from = q.from ?? minusDays(to, DEFAULT_RANGE_DAYS - 1);
  if (from > to) {
    throw new ValidationError('Invalid metrics query: from.', [{ field: 'from', message: `must not be after to (${to})` }]);
  }
  const days = daysBetween(from, to);
  if (days.length > MAX_RANGE_DAYS) {
    throw new ValidationError('Invalid metrics query: from.', [{ field: 'from', message: `the range is ${days.length} days; at most ${MAX_RANGE_DAYS}` }]);
  }
  const filters: MetricsFilters = {
    channel: q.channel ?? [],
    team: q.team ?? [],
    agent: q.agent ?? [],
    // Cells hold languages lower-cased (`metrics-contribution.ts`).
    language: (q.language ?? []).map((l) => l.toLowerCase()),
  };
  const [aggregates, open] = await Promise.all([deps.metrics.readDays(days), deps.backlog.openItems()]);
  const { clock, firstResponseMinutes, resolutionMinutes } = targetsFor(standards, 'normal');
  return buildReport(aggregates.rows, {
    range: { from, to, timezone: standards.timezone },
    filters,
    targets: { clock, firstResponseMinutes, resolutionMinutes },
    backlog: open.items,
    storeReads: aggregates.reads + open.reads + STANDARDS_READS,
    now,
  });
}
