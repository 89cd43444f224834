import type { MetricDimensions, MetricName, Telemetry } from '../../shared/ports/telemetry.port.js';

export interface TelemetrySample {
  readonly kind: 'count' | 'duration';
  readonly name: MetricName;
  readonly value: number;
  readonly dims: MetricDimensions;
}

/** A Telemetry that keeps what it was given, for assertions; `flushes` counts flush() calls. */
export class RecordingTelemetry implements Telemetry {
  readonly samples: TelemetrySample[] = [];
  flushes = 0;
  count(name: MetricName, value = 1, dims: MetricDimensions = {}): void {
    this.samples.push({ kind: 'count', name, value, dims });
  }
  duration(name: MetricName, minutes: number, dims: MetricDimensions = {}): void {
    this.samples.push({ kind: 'duration', name, value: minutes, dims });
  }
  flush(): void {
    this.flushes++;
  }
  /** The sum of the counts of `name` (optionally only those with these dimensions). */
  total(name: MetricName, dims?: MetricDimensions): number {
    return this.of(name, dims).reduce((sum, s) => sum + s.value, 0);
  }
  /** Samples of `name` whose dimensions include `dims`. */
  of(name: MetricName, dims: MetricDimensions = {}): TelemetrySample[] {
    return this.samples.filter((s) => s.name === name && Object.entries(dims).every(([k, v]) => s.dims[k as keyof MetricDimensions] === v));
  }
  /** Every metric name recorded, in order, without repeats. */
  names(): MetricName[] {
    return [...new Set(this.samples.map((s) => s.name))];
  }
}
