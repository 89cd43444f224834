import { ChannelSchema, type Channel } from '../domain/analysis.schema.js';
import { count, median, type DurationHistogram } from '../domain/metrics/duration-histogram.js';
import { counterFamily, daysBetween, metricsDay, PREFIX, sumCounters, type MetricsRow } from '../domain/metrics/metrics-counters.js';
import { targetsFor, type ClockKind, type ServiceStandards } from '../domain/sla/service-standards.schema.js';
import { serviceStatement, type ServiceStatement } from '../domain/sla/service-statement.js';
import type { Clock } from '../ports/clock.port.js';
import type { MetricsReader } from '../ports/metrics-store.port.js';
import type { ConfigStore } from '../ports/workflow-store.port.js';
import { loadStandards } from './workflows/load-standards.js';

/**
 * The public service standards page, as data: what we promise (the stored service standards, else
 * the defaults, as `serviceStatement` words them) and how fast we actually answered: the median
 * first response time of the items received in the last `WINDOW_DAYS` days (in the standards' time
 * zone), overall and per channel, summed from the metrics aggregates (one read per day).
 *
 * Each channel's median is on its promise's clock (`standards.clock[channel]`, business by
 * default) and is compared with its normal-priority first response promise: the aggregates have
 * no priority dimension, and normal is what most items get. Fewer than `MIN_RESPONSES` responses
 * is "not enough data yet", never a figure.
 */

export const WINDOW_DAYS = 30;
export const MIN_RESPONSES = 5;
/** The priority whose promise a channel's median is compared with. */
export const COMPARED_PRIORITY = 'normal' as const;

export interface StandardsPageDeps {
  readonly configs: ConfigStore;
  readonly metrics: MetricsReader;
  readonly clock: Clock;
}

export interface ActualFirstResponse {
  readonly clock: ClockKind;
  /** First responses counted in the window (items received then and answered since). */
  readonly responses: number;
  /** Median in minutes of `clock`; undefined below `MIN_RESPONSES` responses. */
  readonly medianMinutes: number | undefined;
}

export interface ChannelActual extends ActualFirstResponse {
  readonly channel: Channel;
  /** The promise compared with (`COMPARED_PRIORITY`), in minutes of `clock`. */
  readonly promisedMinutes: number;
  /** Median ≤ promise; undefined without enough data. */
  readonly met: boolean | undefined;
}

export interface StandardsPage {
  readonly statement: ServiceStatement;
  /** Days in the window, `YYYY-MM-DD` in the standards' time zone, oldest first; `to` is today. */
  readonly window: { readonly from: string; readonly to: string };
  readonly overall: ActualFirstResponse;
  readonly channels: readonly ChannelActual[];
  /** When this was computed (ISO). */
  readonly generatedAt: string;
  /** Store reads it cost. */
  readonly reads: number;
}

/** The `frt.<clock>.<bucket>` counters of some rows, as one histogram (names that are not a bucket index ignored). */
export function firstResponseHistogram(rows: readonly MetricsRow[], clock: ClockKind): DurationHistogram {
  const family = counterFamily(sumCounters(rows), PREFIX.firstResponse(clock));
  return Object.fromEntries(Object.entries(family).filter(([bucket]) => /^(0|[1-9]\d*)$/.test(bucket)));
}

function actual(rows: readonly MetricsRow[], clock: ClockKind): ActualFirstResponse {
  const h = firstResponseHistogram(rows, clock);
  const responses = count(h);
  return { clock, responses, medianMinutes: responses >= MIN_RESPONSES ? median(h) : undefined };
}

/** The overall figure's clock: business unless every channel promises in calendar time. */
export const overallClock = (standards: ServiceStandards, channels: readonly Channel[]): ClockKind =>
  channels.length > 0 && channels.every((c) => standards.clock[c] === 'calendar') ? 'calendar' : 'business';

/** The last `WINDOW_DAYS` days up to today, in the time zone. */
export function windowDays(now: Date, timezone: string): string[] {
  const to = metricsDay(now, timezone);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (WINDOW_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  return daysBetween(from, to);
}

export async function standardsPage(deps: StandardsPageDeps, channels: readonly Channel[] = ChannelSchema.options): Promise<StandardsPage> {
  const now = deps.clock.now();
  const standards = await loadStandards(deps);
  const days = windowDays(now, standards.timezone);
  const { rows, reads } = await deps.metrics.readDays(days);
  const byChannel = (channel: Channel) => rows.filter((r) => r.cell.channel === channel);
  return {
    statement: serviceStatement(standards, channels),
    window: { from: days[0]!, to: days[days.length - 1]! },
    overall: actual(
      rows.filter((r) => (channels as readonly string[]).includes(r.cell.channel)),
      overallClock(standards, channels),
    ),
    channels: channels.map((channel): ChannelActual => {
      const promise = targetsFor(standards, COMPARED_PRIORITY, channel);
      const a = actual(byChannel(channel), promise.clock);
      return { ...a, channel, promisedMinutes: promise.firstResponseMinutes, met: a.medianMinutes === undefined ? undefined : a.medianMinutes <= promise.firstResponseMinutes };
    }),
    generatedAt: now.toISOString(),
    reads,
  };
}
