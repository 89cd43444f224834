/**
 * Cost per million items: template facts × assumptions × list prices. Pure arithmetic; every
 * component says how it was computed (`basis`).
 */
import type { CostAssumptions, StatedAssumption } from './cost-assumptions.js';
import { price, pricesIn, type Pricing, type ServiceName } from './pricing.schema.js';
import type { FunctionFacts, TemplateFacts } from './template-facts.js';

export interface CostComponent {
  readonly component: string;
  readonly service: ServiceName;
  readonly usdPerMillion: number;
  readonly basis: string;
}

export interface CostReport {
  readonly usdPerMillion: number;
  readonly region: string;
  readonly components: CostComponent[];
  readonly assumptions: StatedAssumption[];
}

/** How often a function runs per item, and how many items (records) each invocation carries. */
export interface PerItemFunction {
  readonly fn: FunctionFacts;
  readonly trigger: string;
  readonly invocationsPerItem: number;
  readonly recordsPerInvocation: number;
}

const M = 1_000_000;
const MONTH_S = (365 / 12) * 24 * 3600;
const GB = 1024 ** 3;
const round = (x: number, d = 4): number => Math.round(x * 10 ** d) / 10 ** d;
const fmt = (x: number): string => String(round(x, 3));

/** Items (records) in one batch at a steady rate: what arrives within the window, at least 1, at most the batch size. */
export function batchFill(recordsPerSecond: number, windowS: number, batchSize: number): number {
  return Math.min(batchSize, Math.max(1, recordsPerSecond * windowS));
}

/** Share of traces the default X-Ray rule records at `tracesPerSecond`: 1 a second, then 5% of the rest. */
export function xraySampledShare(tracesPerSecond: number): number {
  if (tracesPerSecond <= 1) return 1;
  return (1 + 0.05 * (tracesPerSecond - 1)) / tracesPerSecond;
}

/** The functions one item runs through: its ingest route, every queue/stream consumer, the event-bus targets of `feedback.analyzed`. */
export function perItemFunctions(facts: TemplateFacts, a: CostAssumptions): PerItemFunction[] {
  const itemsPerSecond = a.monthlyItems / MONTH_S;
  const out: PerItemFunction[] = [];
  const ingest = facts.api.routes['POST /v1/feedback'];
  const ingestFn = ingest ? facts.functions[ingest] : undefined;
  if (ingestFn) out.push({ fn: ingestFn, trigger: 'POST /v1/feedback', invocationsPerItem: 1 - a.emailChannelShare, recordsPerInvocation: 1 });
  // Email items: SES receipt rule → the ses-email function (one message each).
  const emailFn = facts.functions['ses-email'];
  if (emailFn && a.emailChannelShare > 0) out.push({ fn: emailFn, trigger: 'SES receipt rule', invocationsPerItem: a.emailChannelShare, recordsPerInvocation: 1 });
  for (const [name, t] of Object.entries(facts.batchTriggers)) {
    const fn = facts.functions[name];
    if (!fn) continue;
    // The email events queue carries SES bounces and complaints, not items: a share of the emails sent.
    const perItem = name === 'email-events' ? a.emailsPerItem * a.deliveryProblemShare : t.source === 'sqs' ? 1 : a.streamRecordsPerItem;
    if (perItem <= 0) continue;
    // A stream shard is polled about 4 times a second: records that arrive within 0.25 s share a batch.
    const window = t.source === 'sqs' ? t.windowS : Math.max(t.windowS, 0.25);
    const fill = batchFill(itemsPerSecond * perItem, window, t.batchSize);
    out.push({ fn, trigger: `${t.source} batch ${t.batchSize}, window ${t.windowS} s`, invocationsPerItem: perItem / fill, recordsPerInvocation: fill });
  }
  for (const [name, types] of Object.entries(facts.busTargets)) {
    const fn = facts.functions[name];
    if (fn && types.includes('feedback.analyzed')) out.push({ fn, trigger: 'event bus: feedback.analyzed', invocationsPerItem: 1, recordsPerInvocation: 1 });
  }
  return out;
}

export function computeCost(facts: TemplateFacts, pricing: Pricing, a: CostAssumptions, stated: StatedAssumption[]): CostReport {
  const components: CostComponent[] = [];
  const notes: StatedAssumption[] = [...stated];
  const fallbacks = new Set<string>();
  const p = (service: ServiceName, name: string): number => {
    const found = pricesIn(pricing, service, a.region);
    if (found.fallback) fallbacks.add(`${service} (priced in ${found.region})`);
    return price(found.prices, name, service);
  };
  const add = (component: string, service: ServiceName, usdPerItem: number, basis: string): void => {
    components.push({ component, service, usdPerMillion: round(usdPerItem * M), basis });
  };
  const fixedPerItem = (usdPerMonth: number): number => usdPerMonth / a.monthlyItems;

  // --- API Gateway
  const webShare = 1 - a.emailChannelShare;
  add('API Gateway', 'apiGateway', webShare * (p('apiGateway', 'httpRequestPerMillion') / M),
    `${fmt(webShare)} requests per item (POST /v1/feedback; ${facts.api.type === 'http' ? 'HTTP API' : `a ${facts.api.type} API, priced as HTTP: not modelled`})`);

  // --- Lambda, per function on the item's path, then the schedules
  const gbs = (fn: FunctionFacts): number => p('lambda', fn.architecture === 'arm64' ? 'gbSecondArm' : 'gbSecondX86');
  const duration = (name: string) => a.durationMs[name] ?? a.durationMs['*'] ?? { perInvocation: 100, perRecord: 0 };
  const path = perItemFunctions(facts, a);
  const analyzer = facts.functions['process-feedback']?.environment ?? {};
  const escalate = analyzer['OUVIDOR_ANALYZER'] === 'offline' ? 'none' : analyzer['OUVIDOR_ANALYZER'] === 'comprehend' ? 'all' : (analyzer['OUVIDOR_CASCADE_ESCALATE'] ?? 'all');
  const escalatedShare = analyzer['OUVIDOR_ANALYZER'] === 'comprehend' ? 1 : escalate === 'none' ? 0 : a.cascadeShare;
  let invocationsPerItem = 0;
  let emfInvocationsPerItem = 0;
  let tracesPerItem = 0;
  for (const f of path) {
    const d = duration(f.fn.name);
    let ms = d.perInvocation + d.perRecord * f.recordsPerInvocation + a.coldStartShare * a.initMs;
    if (f.fn.name === 'process-feedback' && escalatedShare > 0) ms += a.comprehendCallMs * Math.min(1, escalatedShare * f.recordsPerInvocation);
    const gbSeconds = (ms / 1000) * (f.fn.memoryMb / 1024);
    const usd = f.invocationsPerItem * (p('lambda', 'requestPerMillion') / M + gbSeconds * gbs(f.fn));
    add(`Lambda ${f.fn.name}`, 'lambda', usd, `${fmt(f.invocationsPerItem)} invocations/item (${f.trigger}, ${fmt(f.recordsPerInvocation)} records each) × ${fmt(ms)} ms × ${f.fn.memoryMb} MB ${f.fn.architecture}`);
    invocationsPerItem += f.invocationsPerItem;
    if (f.fn.name !== 'record-metrics') emfInvocationsPerItem += f.invocationsPerItem;
    if (f.fn.tracing) tracesPerItem += f.invocationsPerItem;
  }
  let scheduledPerMonth = 0;
  const scheduleUsd = facts.schedules.reduce((sum, s) => {
    const fn = facts.functions[s.function];
    if (!fn) return sum;
    scheduledPerMonth += s.perMonth;
    const ms = duration(s.function).perInvocation + a.coldStartShare * a.initMs;
    const scheduler = s.via === 'scheduler' ? p('eventBridge', 'schedulerInvocationPerMillion') / M : 0;
    return sum + s.perMonth * (p('lambda', 'requestPerMillion') / M + (ms / 1000) * (fn.memoryMb / 1024) * gbs(fn) + scheduler);
  }, 0);
  add('Lambda schedules (sweepers)', 'lambda', fixedPerItem(scheduleUsd),
    `${facts.schedules.map((s) => `${s.function} ${s.expression}`).join(', ')}: ${Math.round(scheduledPerMonth)} runs/month over ${a.monthlyItems} items/month`);

  // --- SQS: a send per queued item, a receive and a batch delete per batch, and the pollers' empty long polls.
  const sqsPerItem = path.filter((f) => facts.batchTriggers[f.fn.name]?.source === 'sqs').reduce((n, f) => n + f.invocationsPerItem * f.recordsPerInvocation + 2 * f.invocationsPerItem, 0);
  const sqsQueues = Object.values(facts.batchTriggers).filter((t) => t.source === 'sqs').length;
  const idlePolls = sqsQueues * 5 * 3 * (MONTH_S / 60); // 5 pollers, 20 s long polls
  add('SQS', 'sqs', sqsPerItem * (p('sqs', 'requestPerMillion') / M) + fixedPerItem(idlePolls * (p('sqs', 'requestPerMillion') / M)),
    `${fmt(sqsPerItem)} requests/item + ${Math.round(idlePolls)} empty long polls/month (5 pollers per queue)`);

  // --- DynamoDB
  add('DynamoDB writes', 'dynamodb', a.writeUnits * (p('dynamodb', 'writeRequestUnitPerMillion') / M), `${fmt(a.writeUnits)} write units/item (${fmt(a.writes)} writes)`);
  const sweeperReads = scheduledPerMonth * 4;
  add('DynamoDB reads', 'dynamodb', (a.reads * a.readUnitsPerRead) * (p('dynamodb', 'readRequestUnitPerMillion') / M) + fixedPerItem(sweeperReads * p('dynamodb', 'readRequestUnitPerMillion') / M),
    `${fmt(a.reads)} reads/item × ${a.readUnitsPerRead} RRU + sweeper queries (~4 RRU a run)`);
  const tableGbMonths = (a.itemStoredBytes / GB) * a.storageMonths;
  const pitr = facts.table?.pitr ? p('dynamodb', 'pitrGbMonth') : 0;
  add('DynamoDB storage', 'dynamodb', tableGbMonths * (p('dynamodb', 'storageGbMonth') + pitr),
    `${a.itemStoredBytes} B/item × ${a.storageMonths} months${facts.table?.pitr ? ' + PITR' : ''} (${facts.table?.allProjectionIndexes ?? 0} ALL-projection indexes)`);

  // --- EventBridge: one feedback.analyzed per item.
  add('EventBridge', 'eventBridge', p('eventBridge', 'customEventPerMillion') / M, '1 custom event per item (feedback.analyzed)');

  // --- Comprehend
  const calls = escalate === 'all' ? 3 + a.englishShare : escalate === 'sentiment' ? 1 : 0;
  add('Comprehend', 'comprehend', escalatedShare * calls * a.comprehendUnitsPerItem * p('comprehend', 'unit'),
    `${analyzer['OUVIDOR_ANALYZER'] ?? '?'} engine, escalate ${escalate}: ${fmt(escalatedShare)} of items × ${fmt(calls)} calls × ${fmt(a.comprehendUnitsPerItem)} units`);

  // --- SES, SNS
  add('SES', 'ses', a.emailsPerItem * (p('ses', 'outboundPerThousand') / 1000) + a.emailChannelShare * ((p('ses', 'inboundPerThousand') + p('ses', 'inboundChunkPerThousand')) / 1000),
    `${fmt(a.emailsPerItem)} acknowledgement emails/item + ${fmt(a.emailChannelShare)} inbound emails/item`);
  add('SNS', 'sns', a.teamNoticesPerItem * (p('sns', 'publishPerMillion') / M), `${fmt(a.teamNoticesPerItem)} team notifications/item`);

  // --- S3: the original (and an email's raw message), kept until the lifecycle rule expires it.
  const originalMonths = (facts.originalsRetentionDays ?? 365) / (365 / 12);
  const puts = 1 + 2 * a.emailChannelShare;
  add('S3', 's3', puts * (p('s3', 'putPerThousand') / 1000) + a.emailChannelShare * (p('s3', 'getPerThousand') / 1000) + (a.originalBytes / GB) * originalMonths * p('s3', 'storageGbMonth'),
    `${fmt(puts)} PUTs/item, ${a.originalBytes} B original kept ${fmt(originalMonths)} months (lifecycle ${facts.originalsRetentionDays ?? 'none'} days)`);

  // --- CloudWatch: logs (functions, EMF, API access logs) and the monthly metrics, dashboard and alarms.
  const logBytes = invocationsPerItem * a.logBytesPerInvocation + emfInvocationsPerItem * a.emfBytesPerInvocation + (facts.api.accessLogs ? a.accessLogBytesPerRequest : 0);
  const retentionMonths = (facts.functions['process-feedback']?.logRetentionDays ?? 30) / (365 / 12);
  add('CloudWatch Logs', 'cloudWatch', (logBytes / GB) * (p('cloudWatch', 'logIngestGb') + retentionMonths * p('cloudWatch', 'logStorageGbMonth')),
    `${Math.round(logBytes)} B/item ingested (logs, EMF, access log), kept ${fmt(retentionMonths)} months`);
  const monthly = a.emfMetricSeries * p('cloudWatch', 'metricMonth') + facts.dashboards * p('cloudWatch', 'dashboardMonth') + facts.alarmMetrics * p('cloudWatch', 'alarmMetricMonth');
  add('CloudWatch metrics (EMF), dashboard, alarms', 'cloudWatch', fixedPerItem(monthly),
    `$${fmt(monthly)}/month (${a.emfMetricSeries} metric series, ${facts.dashboards} dashboard, ${facts.alarmMetrics} alarm metrics) over ${a.monthlyItems} items/month`);

  // --- X-Ray: each traced invocation on the path starts a trace (batched and async sources do not join the API's).
  const share = xraySampledShare((a.monthlyItems / MONTH_S) * tracesPerItem);
  add('X-Ray', 'xray', tracesPerItem * share * (p('xray', 'traceRecordedPerMillion') / M),
    `${fmt(tracesPerItem)} traces/item × ${fmt(share)} sampled (default rule: 1/s + 5%)`);

  add('Secrets Manager', 'secretsManager', fixedPerItem(facts.secrets * p('secretsManager', 'secretMonth')), `${facts.secrets} secret(s) a month`);

  if (fallbacks.size > 0) notes.push({ key: 'pricingFallback', value: [...fallbacks], basis: 'derived', note: `no ${a.region} list price in config/aws-pricing.json (service not offered there or price unknown): priced in ${pricing.fallbackRegion}` });
  notes.push({
    key: 'prices',
    value: { writtenOn: pricing.writtenOn, verified: pricing.verified },
    basis: 'default',
    note: 'list prices from config/aws-pricing.json, written without network access from remembered prices (each with its date and source page); re-check them before quoting',
  });
  notes.push({ key: 'excluded', value: ['free tiers', 'agent work (triage, replies, resolution surveys)', 'console (CloudFront, S3)', 'Cognito', 'data transfer'], basis: 'default', note: 'not counted per item' });
  const usdPerMillion = round(components.reduce((s, c) => s + c.usdPerMillion, 0), 2);
  return { usdPerMillion, region: a.region, components, assumptions: notes };
}
