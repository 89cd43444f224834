import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { TELEMETRY_NAMESPACE, TELEMETRY_SERVICE, type MetricDimensions, type MetricName, type Telemetry } from '../ports/telemetry.port.js';

export interface PowertoolsTelemetryOptions {
  /** @default TELEMETRY_NAMESPACE (`Ouvidor`) */
  readonly namespace?: string;
  /** The `service` dimension. @default TELEMETRY_SERVICE (`ouvidor`) */
  readonly serviceName?: string;
}

/**
 * Telemetry as CloudWatch Embedded Metric Format lines on stdout (Powertools Metrics), which
 * CloudWatch Logs turns into metrics: no API call, no latency. One EMF document carries one set of
 * dimensions, so there is one Powertools `Metrics` per distinct dimension set (a handful: the
 * dimensions are channel or SLA clock), each buffering until `flush()` — called once per invocation
 * by the `flushTelemetry()` middleware, which publishes only the non-empty buffers (Powertools'
 * own `logMetrics` middleware would warn "No application metrics to publish" on every read-only
 * invocation).
 */
export class PowertoolsTelemetry implements Telemetry {
  private readonly byDimensions = new Map<string, Metrics>();
  private readonly namespace: string;
  private readonly serviceName: string;

  constructor(options: PowertoolsTelemetryOptions = {}) {
    this.namespace = options.namespace ?? TELEMETRY_NAMESPACE;
    this.serviceName = options.serviceName ?? TELEMETRY_SERVICE;
  }

  count(name: MetricName, value = 1, dims?: MetricDimensions): void {
    this.metricsFor(dims).addMetric(name, MetricUnit.Count, value);
  }

  /** Minutes have no CloudWatch unit: the value is in minutes (the name says so), the unit `None`. */
  duration(name: MetricName, minutes: number, dims?: MetricDimensions): void {
    this.metricsFor(dims).addMetric(name, MetricUnit.NoUnit, minutes);
  }

  flush(): void {
    for (const metrics of this.byDimensions.values()) {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  }

  private metricsFor(dims: MetricDimensions = {}): Metrics {
    const defined = Object.entries(dims)
      .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
      .sort(([a], [b]) => a.localeCompare(b));
    const key = JSON.stringify(defined);
    let metrics = this.byDimensions.get(key);
    if (!metrics) {
      metrics = new Metrics({ namespace: this.namespace, serviceName: this.serviceName, defaultDimensions: Object.fromEntries(defined) });
      this.byDimensions.set(key, metrics);
    }
    return metrics;
  }
}
