/**
 * The assumptions behind `ouvidor cost`: defaults, what `docs/benchmarks.json` measured, and the
 * command's overrides, each with where it came from. Pure.
 */

export type Basis = 'default' | 'measured' | 'template' | 'option' | 'derived';

export interface CostAssumptions {
  readonly region: string;
  /** Items a month: amortizes schedules and monthly charges, and sets how full batches are and what X-Ray samples. */
  readonly monthlyItems: number;
  readonly avgTextChars: number;
  /** Store operations per item, ingest to metrics. */
  readonly reads: number;
  readonly writes: number;
  readonly writeUnits: number;
  /** Read units per read (consistent GetItem of an item under 4 KB: 1). */
  readonly readUnitsPerRead: number;
  /** Table-stream records per item that pass the metrics function's filter (writes to the item's own record). */
  readonly streamRecordsPerItem: number;
  /** Share of items the cascade escalates to Comprehend. */
  readonly cascadeShare: number;
  /** Comprehend units per escalated item and call (100-character units, 3 minimum per document). */
  readonly comprehendUnitsPerItem: number;
  /** Share of items in English (Comprehend PII runs for en/es in `all` mode). */
  readonly englishShare: number;
  /** Acknowledgement emails per item (items the policy acknowledges × share reachable by email). */
  readonly emailsPerItem: number;
  /** Team notifications (SNS publishes) per item. */
  readonly teamNoticesPerItem: number;
  /** Share of items that arrive by email (SES inbound + the raw message in S3). */
  readonly emailChannelShare: number;
  /** SES bounces + complaints per email sent (each one message on the email events queue). */
  readonly deliveryProblemShare: number;
  /** Bytes of one original kept in S3 (JSON with the unredacted text). */
  readonly originalBytes: number;
  /** Bytes an item keeps in the table, index copies (ALL projections), action log, timeline and outbox included. */
  readonly itemStoredBytes: number;
  /** Months an item stays in the table (storage and PITR are billed for that long). */
  readonly storageMonths: number;
  readonly logBytesPerInvocation: number;
  /** EMF bytes per invocation of a function that records business metrics. */
  readonly emfBytesPerInvocation: number;
  readonly accessLogBytesPerRequest: number;
  /** Distinct EMF metric series (metric × dimension set) billed per month. */
  readonly emfMetricSeries: number;
  /** Share of invocations that start cold, and the billed INIT of one (ms). */
  readonly coldStartShare: number;
  readonly initMs: number;
  /** Warm billed duration: per invocation and per record of a batch (ms), by function; `*` for the others. */
  readonly durationMs: Readonly<Record<string, { readonly perInvocation: number; readonly perRecord: number }>>;
  /** Extra ms of a processor batch that waits for Comprehend (one batch call). */
  readonly comprehendCallMs: number;
}

export interface StatedAssumption {
  readonly key: string;
  readonly value: unknown;
  readonly basis: Basis;
  readonly note: string;
}

export const DEFAULT_ASSUMPTIONS: CostAssumptions = {
  region: 'us-east-1',
  monthlyItems: 1_000_000,
  avgTextChars: 280,
  reads: 18,
  writes: 29,
  writeUnits: 62,
  readUnitsPerRead: 1,
  streamRecordsPerItem: 4,
  cascadeShare: 0.3,
  comprehendUnitsPerItem: 3.5,
  englishShare: 0.4,
  emailsPerItem: 0.55,
  teamNoticesPerItem: 0.45,
  emailChannelShare: 0,
  deliveryProblemShare: 0.02,
  originalBytes: 2_048,
  itemStoredBytes: 12_288,
  storageMonths: 1,
  logBytesPerInvocation: 600,
  emfBytesPerInvocation: 500,
  accessLogBytesPerRequest: 350,
  emfMetricSeries: 36,
  coldStartShare: 0.01,
  initMs: 250,
  durationMs: {
    'ingest-web': { perInvocation: 35, perRecord: 0 },
    'process-feedback': { perInvocation: 40, perRecord: 30 },
    'run-workflows': { perInvocation: 150, perRecord: 0 },
    'record-metrics': { perInvocation: 30, perRecord: 15 },
    '*': { perInvocation: 100, perRecord: 0 },
  },
  comprehendCallMs: 150,
};

const NOTES: Record<keyof CostAssumptions, string> = {
  region: 'pricing region (config/aws-pricing.json)',
  monthlyItems: 'items per month: schedules and monthly charges are spread over them; sets batch fill and X-Ray sampling',
  avgTextChars: 'average text length of an item (characters)',
  reads: 'store reads per item, ingest to workflows and metrics',
  writes: 'store writes per item',
  writeUnits: 'DynamoDB write units per item, index writes included',
  readUnitsPerRead: 'read units per read (a consistent read of an item under 4 KB is 1; queries of small pages about 1)',
  streamRecordsPerItem: "table-stream records per item that pass record-metrics' filter (writes to the item's own record)",
  cascadeShare: 'share of items the cascade sends to Comprehend (offline confidence under the threshold)',
  comprehendUnitsPerItem: 'Comprehend units per escalated item and call: ceil(chars/100) per document, 3 minimum',
  englishShare: 'share of English items (pt-BR the rest); Comprehend PII runs for en/es only, in `all` mode',
  emailsPerItem: 'acknowledgement emails per item: items the acknowledgement policy answers (complaints, negative, questions), all assumed reachable by email',
  teamNoticesPerItem: 'team notifications per item (SNS publishes)',
  deliveryProblemShare: 'bounces and complaints per email sent, each one message for email-events (SES reviews an account above 5% bounces or 0.1% complaints)',
  emailChannelShare: 'share of items arriving by email instead of POST /v1/feedback (SES receiving, ses-email, the raw message in S3); the measured path is the API',
  originalBytes: 'bytes of one unredacted original in S3',
  itemStoredBytes: 'bytes an item keeps in DynamoDB: the record, its ALL-projection index copies, action log, timeline, outbox',
  storageMonths: 'months of table storage (and PITR) counted per item: the first month; each further month an item is kept adds the same DynamoDB storage figure again. S3 originals follow the lifecycle rule',
  logBytesPerInvocation: 'CloudWatch Logs bytes per invocation (JSON application logs at INFO; platform lines at WARN are off)',
  emfBytesPerInvocation: 'EMF bytes per invocation of a function that records business metrics',
  accessLogBytesPerRequest: 'API access log bytes per request',
  emfMetricSeries: 'custom metric series billed monthly: only series that receive data are billed; 10 metrics, overall and per channel for 3 channels in use (up to 54 with all 6)',
  coldStartShare: 'share of invocations that start cold',
  initMs: 'billed INIT duration of a cold start (ms)',
  durationMs: 'warm billed duration per invocation + per record of a batch (ms), AWS latencies assumed, not measured here',
  comprehendCallMs: 'extra duration of a processor batch that waits for one Comprehend call (ms)',
};

/** `docs/benchmarks.json`, as far as cost reads it. */
export interface BenchmarksFile {
  readonly bench?: {
    readonly storeOpsPerItem?: { readonly reads?: number; readonly writes?: number; readonly writeUnits?: number };
    readonly bundles?: Readonly<Record<string, { readonly initMs?: number }>>;
    readonly date?: string;
    readonly machine?: string;
  };
  readonly analyzer?: {
    readonly date?: string;
    readonly items?: number;
    readonly cascadeShare?: number;
    readonly comprehendUnitsPerItem?: number;
    readonly avgChars?: number;
    readonly englishShare?: number;
    readonly acknowledgedShare?: number;
    readonly teamNotifiedShare?: number;
  };
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Defaults, then what the benchmarks measured, then the options: the result and where each value came from. */
export function resolveAssumptions(
  bench: BenchmarksFile | undefined,
  options: Partial<CostAssumptions>,
): { assumptions: CostAssumptions; stated: StatedAssumption[] } {
  const values: Record<string, unknown> = { ...DEFAULT_ASSUMPTIONS };
  const basis: Record<string, { basis: Basis; from?: string }> = {};
  const set = (key: keyof CostAssumptions, value: unknown, b: Basis, from?: string): void => {
    values[key] = value;
    basis[key] = { basis: b, ...(from !== undefined && { from }) };
  };
  const ops = bench?.bench?.storeOpsPerItem;
  const benchFrom = `docs/benchmarks.json bench${bench?.bench?.date ? ` (${bench.bench.date})` : ''}`;
  if (finite(ops?.reads)) set('reads', ops.reads, 'measured', benchFrom);
  if (finite(ops?.writes)) set('writes', ops.writes, 'measured', benchFrom);
  if (finite(ops?.writeUnits)) set('writeUnits', ops.writeUnits, 'measured', benchFrom);
  const inits = Object.values(bench?.bench?.bundles ?? {}).map((b) => b.initMs).filter(finite);
  if (inits.length > 0) set('initMs', Math.max(...inits), 'measured', `${benchFrom}: the slowest bundle's module init`);
  const a = bench?.analyzer;
  const analyzerFrom = `docs/benchmarks.json analyzer${a?.date ? ` (${a.date}, ${a.items ?? '?'} items)` : ''}`;
  if (finite(a?.cascadeShare)) set('cascadeShare', a.cascadeShare, 'measured', analyzerFrom);
  if (finite(a?.comprehendUnitsPerItem)) set('comprehendUnitsPerItem', a.comprehendUnitsPerItem, 'measured', analyzerFrom);
  if (finite(a?.avgChars)) set('avgTextChars', a.avgChars, 'measured', analyzerFrom);
  if (finite(a?.englishShare)) set('englishShare', a.englishShare, 'measured', analyzerFrom);
  if (finite(a?.acknowledgedShare)) set('emailsPerItem', a.acknowledgedShare, 'measured', `${analyzerFrom}: default rules and acknowledgement policy on the offline analysis`);
  if (finite(a?.teamNotifiedShare)) set('teamNoticesPerItem', a.teamNotifiedShare, 'measured', `${analyzerFrom}: default rules`);
  for (const [key, value] of Object.entries(options)) if (value !== undefined) set(key as keyof CostAssumptions, value, 'option', 'command line');

  const stated: StatedAssumption[] = (Object.keys(NOTES) as Array<keyof CostAssumptions>).map((key) => {
    const b = basis[key];
    const measurable = key === 'reads' || key === 'writes' || key === 'writeUnits';
    const note = b?.from ? `${NOTES[key]} [${b.from}]` : measurable ? `${NOTES[key]} [no bench in docs/benchmarks.json: the figure measured before the store redesign]` : NOTES[key];
    return { key, value: values[key], basis: b?.basis ?? 'default', note };
  });
  return { assumptions: values as unknown as CostAssumptions, stated };
}
