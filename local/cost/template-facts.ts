/**
 * What the cost model needs from the synthesized CloudFormation templates: each function's
 * memory, architecture, timeout, tracing and log retention; how it is triggered (SQS or stream
 * batch sizes and windows, schedules, event-bus rules); the API type; the originals' lifecycle;
 * the alarms, dashboards and secrets billed per month. Pure: templates in, facts out.
 */

export interface CfnTemplate {
  readonly Resources?: Record<string, { readonly Type: string; readonly Properties?: Record<string, unknown> }>;
}

export interface FunctionFacts {
  /** The handler's folder name (`ouvidor <name>` in the description), else the logical id. */
  readonly name: string;
  readonly logicalId: string;
  readonly memoryMb: number;
  readonly architecture: 'arm64' | 'x86_64';
  readonly timeoutS: number;
  readonly tracing: boolean;
  readonly logRetentionDays?: number;
  readonly environment: Readonly<Record<string, string>>;
}

export interface BatchTrigger {
  readonly source: 'sqs' | 'dynamodb-stream';
  readonly batchSize: number;
  readonly windowS: number;
}

export interface ScheduleFacts {
  readonly function: string;
  readonly expression: string;
  readonly perMonth: number;
  readonly via: 'events-rule' | 'scheduler';
}

export interface TemplateFacts {
  readonly functions: Readonly<Record<string, FunctionFacts>>;
  /** By function name: the event source mapping that invokes it. */
  readonly batchTriggers: Readonly<Record<string, BatchTrigger>>;
  readonly schedules: readonly ScheduleFacts[];
  /** Functions an event-bus rule (not a schedule) invokes directly, with the detail-types it matches. */
  readonly busTargets: Readonly<Record<string, readonly string[]>>;
  readonly api: { readonly type: 'http' | 'rest' | 'none'; readonly accessLogs: boolean; readonly routes: Readonly<Record<string, string>> };
  /** Days until `originals/` expire (bucket lifecycle rule), if any. */
  readonly originalsRetentionDays?: number;
  readonly alarmMetrics: number;
  readonly dashboards: number;
  readonly secrets: number;
  readonly table?: { readonly pitr: boolean; readonly stream: boolean; readonly allProjectionIndexes: number; readonly indexes: number };
}

const MONTH_MINUTES = (365 / 12) * 24 * 60;
const str = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v ?? ''));
const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** Invocations per month of `rate(...)` and simple `cron(...)` expressions (cron: minutes × hours fields). */
export function schedulePerMonth(expression: string): number {
  const rate = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (rate) {
    const n = Number(rate[1]);
    const unit = rate[2]!.startsWith('minute') ? 1 : rate[2]!.startsWith('hour') ? 60 : 24 * 60;
    return MONTH_MINUTES / (n * unit);
  }
  const cron = /^cron\((\S+)\s+(\S+)\s+/.exec(expression.trim());
  if (cron) {
    const count = (field: string, size: number): number => {
      if (field === '*') return size;
      const step = /^(?:\*|\d+)\/(\d+)$/.exec(field);
      if (step) return Math.ceil(size / Number(step[1]));
      return field.split(',').length;
    };
    return count(cron[1]!, 60) * count(cron[2]!, 24) * (365 / 12);
  }
  throw new Error(`unsupported schedule expression: ${expression}`);
}

/** The logical id a `{Fn::GetAtt: [id, 'Arn']}` or `{Ref: id}` points to. */
function refId(value: unknown): string | undefined {
  if (value && typeof value === 'object') {
    const v = value as { 'Fn::GetAtt'?: unknown[]; Ref?: string };
    if (Array.isArray(v['Fn::GetAtt'])) return str(v['Fn::GetAtt'][0]);
    if (typeof v.Ref === 'string') return v.Ref;
  }
  return undefined;
}

export function readTemplates(templates: readonly CfnTemplate[]): TemplateFacts {
  const resources = templates.flatMap((t) => Object.entries(t.Resources ?? {}));
  const byId = new Map(resources);
  const ofType = (type: string) => resources.filter(([, r]) => r.Type === type);

  const functions: Record<string, FunctionFacts> = {};
  const nameOf = new Map<string, string>();
  for (const [id, r] of ofType('AWS::Lambda::Function')) {
    const p = r.Properties ?? {};
    const description = str(p['Description']);
    const match = /^ouvidor ([a-z0-9-]+)$/.exec(description);
    if (!match) continue; // CDK's own helpers (bucket notifications...) run at deploy time only
    const logging = (p['LoggingConfig'] ?? {}) as { LogGroup?: unknown };
    const group = refId(logging.LogGroup);
    const retention = group ? (byId.get(group)?.Properties?.['RetentionInDays'] as number | undefined) : undefined;
    const env = ((p['Environment'] as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<string, unknown>;
    const name = match[1]!;
    nameOf.set(id, name);
    functions[name] = {
      name,
      logicalId: id,
      memoryMb: num(p['MemorySize'], 128),
      architecture: (p['Architectures'] as string[] | undefined)?.[0] === 'arm64' ? 'arm64' : 'x86_64',
      timeoutS: num(p['Timeout'], 3),
      tracing: (p['TracingConfig'] as { Mode?: string } | undefined)?.Mode === 'Active',
      ...(retention !== undefined && { logRetentionDays: retention }),
      environment: Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string')) as Record<string, string>,
    };
  }
  const fnName = (value: unknown): string | undefined => {
    const id = refId(value);
    return id ? nameOf.get(id) : undefined;
  };

  const batchTriggers: Record<string, BatchTrigger> = {};
  for (const [, r] of ofType('AWS::Lambda::EventSourceMapping')) {
    const p = r.Properties ?? {};
    const name = fnName(p['FunctionName']);
    if (!name) continue;
    const source = /StreamArn|stream/i.test(JSON.stringify(p['EventSourceArn'])) || p['StartingPosition'] !== undefined ? 'dynamodb-stream' : 'sqs';
    batchTriggers[name] = { source, batchSize: num(p['BatchSize'], source === 'sqs' ? 10 : 100), windowS: num(p['MaximumBatchingWindowInSeconds'], 0) };
  }

  const schedules: ScheduleFacts[] = [];
  const busTargets: Record<string, string[]> = {};
  for (const [, r] of ofType('AWS::Events::Rule')) {
    const p = r.Properties ?? {};
    const targets = ((p['Targets'] as Array<{ Arn?: unknown }> | undefined) ?? []).flatMap((t) => fnName(t.Arn) ?? []);
    if (typeof p['ScheduleExpression'] === 'string') {
      for (const f of targets) schedules.push({ function: f, expression: p['ScheduleExpression'], perMonth: schedulePerMonth(p['ScheduleExpression']), via: 'events-rule' });
    } else {
      const types = ((p['EventPattern'] as { 'detail-type'?: string[] } | undefined)?.['detail-type'] ?? []).map(String);
      for (const f of targets) busTargets[f] = [...(busTargets[f] ?? []), ...types];
    }
  }
  for (const [, r] of ofType('AWS::Scheduler::Schedule')) {
    const p = r.Properties ?? {};
    const f = fnName((p['Target'] as { Arn?: unknown } | undefined)?.Arn);
    if (f && typeof p['ScheduleExpression'] === 'string')
      schedules.push({ function: f, expression: p['ScheduleExpression'], perMonth: schedulePerMonth(p['ScheduleExpression']), via: 'scheduler' });
  }

  const routes: Record<string, string> = {};
  const integrations = new Map(ofType('AWS::ApiGatewayV2::Integration').map(([id, r]) => [id, fnName(r.Properties?.['IntegrationUri'])]));
  for (const [, r] of ofType('AWS::ApiGatewayV2::Route')) {
    const key = str(r.Properties?.['RouteKey']);
    const integration = /integrations\/.*?"Ref":"([^"]+)"/.exec(JSON.stringify(r.Properties?.['Target']))?.[1];
    routes[key] = (integration && integrations.get(integration)) ?? '';
  }
  const httpApi = ofType('AWS::ApiGatewayV2::Api').some(([, r]) => r.Properties?.['ProtocolType'] === 'HTTP');
  const restApi = ofType('AWS::ApiGateway::RestApi').length > 0;
  const accessLogs = ofType('AWS::ApiGatewayV2::Stage').some(([, r]) => r.Properties?.['AccessLogSettings'] !== undefined);

  let originalsRetentionDays: number | undefined;
  for (const [, r] of ofType('AWS::S3::Bucket')) {
    const rules = ((r.Properties?.['LifecycleConfiguration'] as { Rules?: Array<{ Prefix?: string; ExpirationInDays?: number }> } | undefined)?.Rules ?? []);
    const rule = rules.find((x) => x.Prefix === 'originals/' && x.ExpirationInDays !== undefined);
    if (rule) originalsRetentionDays = rule.ExpirationInDays;
  }

  const alarmMetrics = ofType('AWS::CloudWatch::Alarm').reduce((n, [, r]) => {
    const metrics = r.Properties?.['Metrics'] as Array<{ MetricStat?: unknown }> | undefined;
    return n + (metrics ? Math.max(1, metrics.filter((m) => m.MetricStat !== undefined).length) : 1);
  }, 0);

  const tableResource = ofType('AWS::DynamoDB::Table')[0]?.[1].Properties;
  const gsis = (tableResource?.['GlobalSecondaryIndexes'] as Array<{ Projection?: { ProjectionType?: string } }> | undefined) ?? [];
  const table = tableResource && {
    pitr: (tableResource['PointInTimeRecoverySpecification'] as { PointInTimeRecoveryEnabled?: boolean } | undefined)?.PointInTimeRecoveryEnabled === true,
    stream: tableResource['StreamSpecification'] !== undefined,
    indexes: gsis.length,
    allProjectionIndexes: gsis.filter((g) => g.Projection?.ProjectionType === 'ALL').length,
  };

  return {
    functions,
    batchTriggers,
    schedules,
    busTargets,
    api: { type: httpApi ? 'http' : restApi ? 'rest' : 'none', accessLogs, routes },
    ...(originalsRetentionDays !== undefined && { originalsRetentionDays }),
    alarmMetrics,
    dashboards: ofType('AWS::CloudWatch::Dashboard').length,
    secrets: ofType('AWS::SecretsManager::Secret').length,
    ...(table && { table }),
  };
}
