import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS, resolveAssumptions, type CostAssumptions } from '../../../local/cost/cost-assumptions.js';
import { batchFill, computeCost, perItemFunctions, xraySampledShare } from '../../../local/cost/cost-model.js';
import { loadPricing, PricingSchema, type Pricing } from '../../../local/cost/pricing.schema.js';
import { readTemplates, type CfnTemplate } from '../../../local/cost/template-facts.js';

const template = JSON.parse(readFileSync(new URL('../../fixtures/cost/Small.template.json', import.meta.url), 'utf8')) as CfnTemplate;
const facts = readTemplates([template]);

const service = (prices: Record<string, Record<string, number>>) => ({ source: 'https://aws.amazon.com/pricing/', asOf: '2025-01', prices });
/** Round prices, so each component can be checked by hand. */
const PRICING: Pricing = PricingSchema.parse({
  currency: 'USD',
  writtenOn: '2026-12-04',
  verified: false,
  fallbackRegion: 'us-east-1',
  services: {
    apiGateway: service({ 'us-east-1': { httpRequestPerMillion: 1 }, 'sa-east-1': { httpRequestPerMillion: 2 } }),
    lambda: service({ 'us-east-1': { requestPerMillion: 0.2, gbSecondX86: 0.00002, gbSecondArm: 0.00001 } }),
    sqs: service({ 'us-east-1': { requestPerMillion: 0.4 } }),
    dynamodb: service({ 'us-east-1': { writeRequestUnitPerMillion: 1, readRequestUnitPerMillion: 0.1, storageGbMonth: 0.25, pitrGbMonth: 0.2 } }),
    eventBridge: service({ 'us-east-1': { customEventPerMillion: 1, schedulerInvocationPerMillion: 1 } }),
    comprehend: service({ 'us-east-1': { unit: 0.0001 } }),
    ses: service({ 'us-east-1': { outboundPerThousand: 0.1, inboundPerThousand: 0.1, inboundChunkPerThousand: 0.09 } }),
    sns: service({ 'us-east-1': { publishPerMillion: 0.5 } }),
    s3: service({ 'us-east-1': { putPerThousand: 0.005, getPerThousand: 0.0004, storageGbMonth: 0.023 } }),
    cloudWatch: service({ 'us-east-1': { logIngestGb: 0.5, logStorageGbMonth: 0.03, metricMonth: 0.3, dashboardMonth: 3, alarmMetricMonth: 0.1 } }),
    xray: service({ 'us-east-1': { traceRecordedPerMillion: 5, traceRetrievedPerMillion: 0.5 } }),
    secretsManager: service({ 'us-east-1': { secretMonth: 0.4, callPerTenThousand: 0.05 } }),
  },
});

const A: CostAssumptions = {
  ...DEFAULT_ASSUMPTIONS,
  monthlyItems: 1_000_000,
  reads: 10,
  writes: 8,
  writeUnits: 20,
  cascadeShare: 0.1,
  comprehendUnitsPerItem: 3,
  englishShare: 0.5,
  emailsPerItem: 0.6,
  teamNoticesPerItem: 0.4,
  emailChannelShare: 0,
  coldStartShare: 0,
};
const cost = (a: Partial<CostAssumptions> = {}, f = facts) => computeCost(f, PRICING, { ...A, ...a }, []);
const component = (name: string, a: Partial<CostAssumptions> = {}, f = facts) => cost(a, f).components.find((c) => c.component === name);

describe('cost arithmetic on a small template', () => {
  it('per-item request charges: API Gateway, DynamoDB writes and reads, EventBridge, SES, SNS', () => {
    expect(component('API Gateway')?.usdPerMillion).toBe(1);
    expect(component('DynamoDB writes')?.usdPerMillion).toBe(20); // 20 WU × $1/M
    expect(component('EventBridge')?.usdPerMillion).toBe(1);
    expect(component('SES')?.usdPerMillion).toBeCloseTo(60, 6); // 0.6 emails × $0.0001
    expect(component('SNS')?.usdPerMillion).toBeCloseTo(0.2, 6);
    // 10 reads × 0.1 + sweeper queries: (8760 + 43800) runs × 4 RRU × $0.1/M over 1M items
    const sweepRuns = (365 / 12) * 24 * 60 * (1 / 5 + 1);
    expect(component('DynamoDB reads')?.usdPerMillion).toBeCloseTo(1 + sweepRuns * 4 * 0.1 / 1e6, 3);
  });

  it('Comprehend: the cascade share × calls of the mode in the template × units', () => {
    expect(component('Comprehend')?.usdPerMillion).toBeCloseTo(0.1 * 1 * 3 * 100, 6); // sentiment: 1 call → $30
    const all = structuredClone(template);
    (all.Resources!['ProcessFn']!.Properties!['Environment'] as { Variables: Record<string, string> }).Variables['OUVIDOR_CASCADE_ESCALATE'] = 'all';
    expect(component('Comprehend', {}, readTemplates([all]))?.usdPerMillion).toBeCloseTo(0.1 * 3.5 * 3 * 100, 6); // language, sentiment, phrases + PII for the English half
    (all.Resources!['ProcessFn']!.Properties!['Environment'] as { Variables: Record<string, string> }).Variables['OUVIDOR_ANALYZER'] = 'offline';
    expect(component('Comprehend', {}, readTemplates([all]))?.usdPerMillion).toBe(0);
  });

  it('Lambda: requests and GB-seconds per function, batches filled by the arrival rate', () => {
    // ingest-web: 1 invocation × ($0.2/M + 35 ms × 0.5 GB × $0.00001)
    expect(component('Lambda ingest-web')?.usdPerMillion).toBeCloseTo(0.2 + 0.035 * 0.5 * 0.00001 * 1e6, 6);
    // 10 million items a month fill the processor's batches of 10 within its 5 s window.
    const full = perItemFunctions(facts, { ...A, monthlyItems: 10_000_000 }).find((f) => f.fn.name === 'process-feedback')!;
    expect(full.recordsPerInvocation).toBe(10);
    expect(full.invocationsPerItem).toBeCloseTo(0.1, 9);
    // record-metrics gets `streamRecordsPerItem` records per item; run-workflows one event per item.
    const path = perItemFunctions(facts, A);
    expect(path.map((f) => f.fn.name).sort()).toEqual(['ingest-web', 'process-feedback', 'record-metrics', 'run-workflows']);
    expect(path.find((f) => f.fn.name === 'run-workflows')?.invocationsPerItem).toBe(1);
    expect(component('Lambda schedules (sweepers)')?.basis).toContain('sla-sweeper rate(1 minute)');
  });

  it('the email events queue carries bounces and complaints, a share of the emails sent, not one message per item', () => {
    const processor = facts.functions['process-feedback']!;
    const withEvents = {
      ...facts,
      functions: { ...facts.functions, 'email-events': { ...processor, name: 'email-events' } },
      batchTriggers: { ...facts.batchTriggers, 'email-events': { source: 'sqs' as const, batchSize: 10, windowS: 0 } },
    };
    const ee = perItemFunctions(withEvents, { ...A, emailsPerItem: 0.5, deliveryProblemShare: 0.02 }).find((f) => f.fn.name === 'email-events')!;
    expect(ee.invocationsPerItem * ee.recordsPerInvocation).toBeCloseTo(0.01, 9);
    // SQS: one send, one receive and one delete per bounce (no batching at this rate), not 3 per item;
    // plus the queue's idle long polls (5 pollers, 20 s each, a month of 365/12 days) spread over the items.
    const sqs = (f: typeof facts) => component('SQS', {}, f)!.usdPerMillion;
    const idlePolls = 5 * 3 * ((365 / 12) * 24 * 60);
    expect(sqs(withEvents) - sqs(facts)).toBeCloseTo(0.6 * 0.02 * 3 * 0.4 + (idlePolls * 0.4) / 1e6, 6);
    expect(perItemFunctions(withEvents, { ...A, deliveryProblemShare: 0 }).some((f) => f.fn.name === 'email-events')).toBe(false);
  });

  it('monthly charges are spread over the monthly volume', () => {
    const at1M = component('CloudWatch metrics (EMF), dashboard, alarms')!.usdPerMillion;
    const at10M = component('CloudWatch metrics (EMF), dashboard, alarms', { monthlyItems: 10_000_000 })!.usdPerMillion;
    // 36 series × $0.3 + 1 dashboard × $3 + 3 alarm metrics × $0.1
    expect(at1M).toBeCloseTo(36 * 0.3 + 3 + 0.3, 6);
    expect(at10M).toBeCloseTo(at1M / 10, 6);
  });

  it('storage: the table per month kept (PITR included), S3 originals for their lifecycle', () => {
    const gb = 12_288 / 1024 ** 3;
    expect(component('DynamoDB storage', { storageMonths: 1 })?.usdPerMillion).toBeCloseTo(gb * 0.45 * 1e6, 3);
    expect(component('DynamoDB storage', { storageMonths: 12 })?.usdPerMillion).toBeCloseTo(gb * 0.45 * 12e6, 2);
    const s3 = 0.005 / 1000 + (2048 / 1024 ** 3) * (90 / (365 / 12)) * 0.023;
    expect(component('S3')?.usdPerMillion).toBeCloseTo(s3 * 1e6, 3);
  });

  it('email items replace API requests with SES receiving and the ses-email path', () => {
    const c = cost({ emailChannelShare: 0.25 });
    expect(c.components.find((x) => x.component === 'API Gateway')?.usdPerMillion).toBeCloseTo(0.75, 6);
    expect(c.components.find((x) => x.component === 'SES')?.usdPerMillion).toBeCloseTo(60 + 0.25 * 190, 6);
  });

  it('the total is the sum of the components', () => {
    const c = cost();
    expect(c.usdPerMillion).toBeCloseTo(c.components.reduce((s, x) => s + x.usdPerMillion, 0), 2);
    expect(new Set(c.components.map((x) => x.service))).toEqual(
      new Set(['apiGateway', 'lambda', 'sqs', 'dynamodb', 'eventBridge', 'comprehend', 'ses', 'sns', 's3', 'cloudWatch', 'xray', 'secretsManager']),
    );
  });

  it('a service without a price in the region is priced in the fallback region, and says so', () => {
    const c = cost({ region: 'sa-east-1' });
    expect(c.components.find((x) => x.component === 'API Gateway')?.usdPerMillion).toBe(2);
    const fallback = c.assumptions.find((x) => x.key === 'pricingFallback');
    expect(fallback?.value).toEqual(expect.arrayContaining(['comprehend (priced in us-east-1)', 'lambda (priced in us-east-1)']));
  });

  it('helpers: batch fill and X-Ray sampling', () => {
    expect(batchFill(0.1, 5, 10)).toBe(1);
    expect(batchFill(1, 5, 10)).toBe(5);
    expect(batchFill(100, 5, 10)).toBe(10);
    expect(xraySampledShare(0.5)).toBe(1);
    expect(xraySampledShare(21)).toBeCloseTo(2 / 21, 9);
  });
});

describe('assumptions', () => {
  it('measured figures replace the defaults, options replace both, and each says where it came from', () => {
    const { assumptions, stated } = resolveAssumptions(
      { bench: { date: '2026-12-04', storeOpsPerItem: { reads: 6, writes: 7, writeUnits: 15 } }, analyzer: { date: '2026-12-04', items: 200, cascadeShare: 0.115, comprehendUnitsPerItem: 3 } },
      { writeUnits: 12 },
    );
    expect(assumptions).toMatchObject({ reads: 6, writes: 7, writeUnits: 12, cascadeShare: 0.115, comprehendUnitsPerItem: 3 });
    const byKey = Object.fromEntries(stated.map((s) => [s.key, s]));
    expect(byKey['reads']).toMatchObject({ basis: 'measured', note: expect.stringContaining('docs/benchmarks.json bench (2026-12-04)') });
    expect(byKey['writeUnits']).toMatchObject({ basis: 'option', value: 12 });
    expect(byKey['emailsPerItem']).toMatchObject({ basis: 'default' });
  });

  it('without a benchmarks file every value is a stated default', () => {
    const { assumptions, stated } = resolveAssumptions(undefined, {});
    expect(assumptions).toEqual(DEFAULT_ASSUMPTIONS);
    expect(stated.every((s) => s.basis === 'default' && s.note.length > 10)).toBe(true);
    expect(stated.find((s) => s.key === 'writeUnits')?.note).toContain('no bench in docs/benchmarks.json');
  });
});

describe('config/aws-pricing.json', () => {
  it('parses, dates and sources every service, and prices every component in us-east-1 and sa-east-1', () => {
    const pricing = loadPricing();
    for (const s of Object.values(pricing.services)) {
      expect(s.source).toMatch(/^https:\/\/aws\.amazon\.com\//);
      expect(s.asOf).toMatch(/^20\d\d-\d\d/);
      expect(s.prices['us-east-1']).toBeDefined();
    }
    expect(pricing.services.dynamodb.prices['us-east-1']).toMatchObject({ writeRequestUnitPerMillion: 0.625, readRequestUnitPerMillion: 0.125 });
    for (const region of ['us-east-1', 'sa-east-1']) {
      const report = computeCost(facts, pricing, { ...A, region }, []);
      expect(report.usdPerMillion).toBeGreaterThan(0);
      expect(report.assumptions.find((x) => x.key === 'prices')?.note).toMatch(/re-check/);
    }
  });
});
