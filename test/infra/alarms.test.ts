import { beforeAll, describe, expect, it } from 'vitest';
import { logicalId, synthOuvidor } from './ouvidor-app.fixture.js';
import type { OuvidorTemplates } from './ouvidor-app.fixture.js';
import { FUNCTIONS_PER_ALARM } from '../../infra/alarms.construct.js';

let t: OuvidorTemplates;
let alarms: Array<[string, Record<string, unknown>]>;
beforeAll(() => {
  t = synthOuvidor({ 'ouvidor:alertEmail': 'ops@loja.example' });
  alarms = Object.entries(t.service.findResources('AWS::CloudWatch::Alarm')).map(([id, a]) => [id, a['Properties']]);
}, 300_000);

const metricsOf = (alarm: Record<string, unknown>): Array<Record<string, unknown>> =>
  alarm['Metrics'] ? (alarm['Metrics'] as Array<Record<string, unknown>>).filter((m) => m['MetricStat']).map((m) => (m['MetricStat'] as Record<string, unknown>)['Metric'] as Record<string, unknown>) : [alarm];

describe('alarms', () => {
  it('every alarm notifies the alert topic when it fires and when it recovers', () => {
    const topic = { Ref: logicalId(t.built.service.alarms.alertTopic) };
    expect(alarms.length).toBeGreaterThan(5);
    for (const [id, alarm] of alarms) {
      expect(alarm['AlarmActions'], id).toEqual([topic]);
      expect(alarm['OKActions'], id).toEqual([topic]);
    }
  });

  it('the alert topic is subscribed by the configured email address', () => {
    t.service.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@loja.example',
      TopicArn: { Ref: logicalId(t.built.service.alarms.alertTopic) },
    });
  });

  it('errors and throttles of every function are alarmed, at most FUNCTIONS_PER_ALARM per alarm', () => {
    const functionIds = Object.keys(t.service.findResources('AWS::Lambda::Function', { Properties: { Runtime: 'nodejs24.x' } }));
    for (const metricName of ['Errors', 'Throttles']) {
      const watched: string[] = [];
      for (const [, alarm] of alarms) {
        const metrics = metricsOf(alarm).filter((m) => m['MetricName'] === metricName && m['Namespace'] === 'AWS/Lambda');
        expect(metrics.length).toBeLessThanOrEqual(FUNCTIONS_PER_ALARM);
        if (metrics.length > 0) expect(alarm['Threshold']).toBe(0);
        for (const m of metrics) watched.push(JSON.stringify((m['Dimensions'] as Array<{ Value: unknown }>)[0]?.Value));
      }
      expect(watched.sort(), metricName).toEqual(functionIds.map((id) => JSON.stringify({ Ref: id })).sort());
    }
  });

  it('the API 5xx rate, judged only with enough requests', () => {
    const api = logicalId(t.built.service.httpApi);
    const [, alarm] = alarms.find(([, a]) => metricsOf(a).some((m) => m['MetricName'] === '5xx'))!;
    const expression = (alarm['Metrics'] as Array<Record<string, unknown>>).find((m) => m['Expression'])?.['Expression'];
    expect(expression).toMatch(/^IF\(FILL\(requests, 0\) >= \d+, 100 \* FILL\(errors, 0\) \/ requests, 0\)$/);
    for (const m of metricsOf(alarm)) expect(m['Dimensions']).toEqual([{ Name: 'ApiId', Value: { Ref: api } }]);
    expect(alarm['ComparisonOperator']).toBe('GreaterThanThreshold');
    expect(alarm['Threshold']).toBeGreaterThan(0);
  });

  it('the age of the analysis queue\'s oldest message', () => {
    const queue = logicalId(t.built.stateful.queue);
    const ageAlarms = alarms.filter(([, a]) => a['MetricName'] === 'ApproximateAgeOfOldestMessage');
    expect(ageAlarms.map(([, a]) => JSON.stringify(a['Dimensions']))).toContainEqual(expect.stringContaining(queue));
  });

  it('the existing DLQ and stream-lag alarms are still there (and now have actions)', () => {
    expect(alarms.filter(([, a]) => a['MetricName'] === 'ApproximateNumberOfMessagesVisible').length).toBeGreaterThanOrEqual(3);
    expect(alarms.some(([, a]) => metricsOf(a).some((m) => m['MetricName'] === 'IteratorAge'))).toBe(true);
  });
});
