import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PowertoolsTelemetry } from '../../../shared/adapters/powertools-telemetry.adapter.js';
import { METRIC } from '../../../shared/ports/telemetry.port.js';

interface Emf {
  readonly _aws: { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  readonly [key: string]: unknown;
}

let lines: string[];
beforeEach(() => {
  // vitest.config disables Powertools metrics and sets dev mode: this test wants the real EMF on stdout.
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  vi.stubEnv('POWERTOOLS_DEV', 'false');
  lines = [];
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.includes('"_aws"')) {
      lines.push(...text.split('\n').filter((l) => l.trim() !== ''));
      return true;
    }
    return (write as (c: unknown, ...r: unknown[]) => boolean)(chunk, ...rest);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const emitted = (): Emf[] => lines.map((l) => JSON.parse(l) as Emf);
const directive = (d: Emf) => d._aws.CloudWatchMetrics[0]!;

describe('PowertoolsTelemetry', () => {
  it('writes nothing until flushed, then one EMF document per dimension set, counts summed', () => {
    const t = new PowertoolsTelemetry();
    t.count(METRIC.feedbackAccepted, 1, { channel: 'web' });
    t.count(METRIC.feedbackAccepted, 1, { channel: 'web' });
    t.count(METRIC.feedbackAccepted, 1, { channel: 'email' });
    t.count(METRIC.workflowActionFailed);
    expect(lines).toEqual([]);

    t.flush();
    const docs = emitted();
    expect(docs).toHaveLength(3);
    for (const d of docs) {
      expect(d._aws.CloudWatchMetrics).toHaveLength(1);
      expect(directive(d).Namespace).toBe('Ouvidor');
      expect(d['service']).toBe('ouvidor');
    }
    const web = docs.find((d) => d['channel'] === 'web')!;
    // Both the total ([service]) and the split ([service, channel]) from one value.
    expect(directive(web).Dimensions).toEqual([['service'], ['service', 'channel']]);
    expect(directive(web).Metrics).toEqual([{ Name: 'FeedbackAccepted', Unit: 'Count' }]);
    expect(web['FeedbackAccepted']).toBe(2);
    expect(docs.find((d) => d['channel'] === 'email')!['FeedbackAccepted']).toBe(1);
    const plain = docs.find((d) => d['channel'] === undefined)!;
    expect(directive(plain).Dimensions).toEqual([['service']]);
    expect(plain['WorkflowActionFailed']).toBe(1);
  });

  it('records durations in minutes (unit None) and counts with a value', () => {
    const t = new PowertoolsTelemetry({ namespace: 'OuvidorTest' });
    t.duration(METRIC.firstResponseMinutes, 42.5, { channel: 'social' });
    t.duration(METRIC.firstResponseMinutes, 7, { channel: 'social' });
    t.count(METRIC.slaBreached, 3, { clock: 'resolution' });
    t.flush();
    const [frt, sla] = [emitted().find((d) => 'FirstResponseMinutes' in d)!, emitted().find((d) => 'SlaBreached' in d)!];
    expect(directive(frt)).toMatchObject({ Namespace: 'OuvidorTest', Metrics: [{ Name: 'FirstResponseMinutes', Unit: 'None' }] });
    expect(frt['FirstResponseMinutes']).toEqual([42.5, 7]);
    expect(directive(sla).Dimensions).toEqual([['service'], ['service', 'clock']]);
    expect(sla['clock']).toBe('resolution');
    expect(sla['SlaBreached']).toBe(3);
  });

  it('splits many samples over documents, each with its dimensions', () => {
    const t = new PowertoolsTelemetry();
    for (let i = 0; i < 150; i++) t.duration(METRIC.firstResponseMinutes, i, { channel: 'email' });
    t.count(METRIC.itemsResolved, 150, { channel: 'email' });
    t.flush();
    const docs = emitted();
    expect(docs).toHaveLength(2);
    for (const d of docs) expect(directive(d).Dimensions).toEqual([['service'], ['service', 'channel']]);
    expect(docs.flatMap((d) => d['FirstResponseMinutes'] as number[])).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect(docs.map((d) => d['ItemsResolved'])).toEqual([150, undefined]);
  });

  it('flushes each buffer once and stays silent when nothing was recorded', () => {
    const t = new PowertoolsTelemetry();
    t.flush();
    expect(lines).toEqual([]);
    t.count(METRIC.itemsResolved, 1, { channel: 'api' });
    t.flush();
    t.flush();
    expect(emitted()).toHaveLength(1);
    t.count(METRIC.itemsResolved, 1, { channel: 'api' });
    t.flush();
    expect(emitted()).toHaveLength(2);
    expect(emitted()[1]!['ItemsResolved']).toBe(1);
  });
});
