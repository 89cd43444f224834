import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { TELEMETRY_NAMESPACE, TELEMETRY_SERVICE, type MetricDimensions, type MetricName, type Telemetry } from '../ports/telemetry.port.js';

export interface PowertoolsTelemetryOptions {
  /** @default TELEMETRY_NAMESPACE (`Ouvidor`) */
  readonly namespace?: string;
  /** The `service` dimension. @default TELEMETRY_SERVICE (`ouvidor`) */
  readonly serviceName?: string;
}

/** Values of one metric per document: Powertools publishes by itself at 100, before our dimension sets are added. */
const MAX_VALUES = 99;

interface Buffer {
  readonly dims: Record<string, string>;
  readonly counts: Map<MetricName, number>;
  readonly durations: Map<MetricName, number[]>;
}

/**
 * Telemetry as CloudWatch Embedded Metric Format lines on stdout (Powertools Metrics), which
 * CloudWatch Logs turns into metrics: no API call, no latency.
 *
 * Recorded values are buffered here and written by `flush()` (once per invocation, by the
 * `flushTelemetry()` middleware): one EMF document per dimension set, counts summed (one value
 * per metric, however many items a bulk change touched), durations as value arrays. A dimensioned
 * value is published under two dimension sets, `[service]` and `[service, <dims>]`, so CloudWatch
 * has the total (and its percentiles) as well as the split by channel or clock. Powertools'
 * `logMetrics` middleware is not used: it warns "No application metrics to publish" on every
 * invocation that recorded nothing (most reads), and it knows one dimension set per instance.
 */
export class PowertoolsTelemetry implements Telemetry {
  private readonly buffers = new Map<string, Buffer>();
  /** Publishing clears its metrics and dimension sets: one writer serves every document. */
  private readonly writer: Metrics;

  constructor(options: PowertoolsTelemetryOptions = {}) {
    this.writer = new Metrics({ namespace: options.namespace ?? TELEMETRY_NAMESPACE, serviceName: options.serviceName ?? TELEMETRY_SERVICE });
  }

  count(name: MetricName, value = 1, dims?: MetricDimensions): void {
    const counts = this.bufferFor(dims).counts;
    counts.set(name, (counts.get(name) ?? 0) + value);
  }

  /** Minutes have no CloudWatch unit: the value is in minutes (the name says so), the unit `None`. */
  duration(name: MetricName, minutes: number, dims?: MetricDimensions): void {
    const durations = this.bufferFor(dims).durations;
    durations.set(name, [...(durations.get(name) ?? []), minutes]);
  }

  flush(): void {
    const buffers = [...this.buffers.entries()];
    this.buffers.clear();
    const writer = this.writer;
    for (const [, buffer] of buffers) {
      // Counts and the first 99 samples of each duration in one document, the rest in more.
      const rounds = Math.max(1, ...[...buffer.durations.values()].map((v) => Math.ceil(v.length / MAX_VALUES)));
      for (let round = 0; round < rounds; round++) {
        if (round === 0) for (const [name, total] of buffer.counts) writer.addMetric(name, MetricUnit.Count, total);
        for (const [name, values] of buffer.durations) {
          for (const v of values.slice(round * MAX_VALUES, (round + 1) * MAX_VALUES)) writer.addMetric(name, MetricUnit.NoUnit, v);
        }
        if (!writer.hasStoredMetrics()) continue;
        if (Object.keys(buffer.dims).length > 0) {
          writer.addDimensions({}); // [service]: the total
          writer.addDimensions(buffer.dims); // [service, channel] (or clock): the split
        }
        writer.publishStoredMetrics();
      }
    }
  }

  private bufferFor(dims: MetricDimensions = {}): Buffer {
    const defined = Object.entries(dims)
      .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
      .sort(([a], [b]) => a.localeCompare(b));
    const key = JSON.stringify(defined);
    let buffer = this.buffers.get(key);
    if (!buffer) {
      buffer = { dims: Object.fromEntries(defined), counts: new Map(), durations: new Map() };
      this.buffers.set(key, buffer);
    }
    return buffer;
  }
}
