import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoCustomerStore } from '../../shared/adapters/dynamo-customer-store.adapter.js';
import { DynamoFeedbackStore } from '../../shared/adapters/dynamo-feedback-store.adapter.js';
import { DynamoMetricsSources } from '../../shared/adapters/dynamo-metrics-sources.adapter.js';
import { DynamoMetricsStore } from '../../shared/adapters/dynamo-metrics-store.adapter.js';
import { DynamoConfigStore, DynamoRecognitionStore } from '../../shared/adapters/dynamo-records.adapter.js';
import { DynamoSurveyStore } from '../../shared/adapters/dynamo-survey-store.adapter.js';
import { DynamoUserDirectory } from '../../shared/adapters/dynamo-user-directory.adapter.js';
import { OfflineAnalyzer } from '../../shared/adapters/offline-analyzer/offline-analyzer.adapter.js';
import { offlineRedactor } from '../../shared/adapters/offline-redactor.adapter.js';
import { S3ObjectStore } from '../../shared/adapters/s3-object-store.adapter.js';
import { scryptPasswords } from '../../shared/adapters/scrypt-password.adapter.js';
import { rebuildMetrics, type RebuildSummary } from '../../shared/app/rebuild-metrics.use-case.js';
import { seedData, type SeedSummary } from '../seed/seed-data.use-case.js';
import { isOuvidorError } from '../../shared/domain/errors.js';
import { systemClock } from '../../shared/ports/clock.port.js';
import { dataDir } from '../data-dir.js';
import { EMULATOR_CREDENTIALS, startEmulators } from '../emulators.js';
import { callRunningPlatform } from '../on-disk-table.js';
import { followJob, phaseBars } from '../follow-job.js';
import { ensureBucket, ensureTable } from '../provision.js';

const USAGE = `Usage:
  ouvidor seed [--items 2000] [--days 90] [--seed 1]
      writes a realistic demo data set (pt-BR and English) over the last <days> days; the same
      options again add nothing (the first run's period is kept); another --seed adds another set
`;

/** `ouvidor seed`: through the running platform (its metrics follow the writes), else on the data folder's files. */
export async function seedCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { items: { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    process.stderr.write(`ouvidor seed: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const body: Record<string, number> = {};
  for (const name of ['items', 'days', 'seed'] as const) {
    const raw = values[name];
    if (raw === undefined) continue;
    if (!/^\d+$/.test(raw)) {
      process.stderr.write(`ouvidor seed: --${name} must be a whole number\n`);
      return 2;
    }
    body[name] = Number(raw);
  }
  const dir = dataDir();
  try {
    const res = await followJob(dir, 'seed', callRunningPlatform(dir, 'POST', '/v1/local/seed', { body, timeoutMs: 10 * 60_000 }));
    if (res) {
      if (!res.ok) throw new Error(`the running platform answered ${res.status}: ${await res.text()}`);
      process.stdout.write(formatSummary((await res.json()) as SeedSummary, 'updated by the running platform as the items were written (up to date now)'));
      return 0;
    }
    const { summary, rebuilt } = await onDisk(dir, body);
    process.stdout.write(formatSummary(summary, `rebuilt: ${rebuilt.aggregates} aggregate items over ${rebuilt.days} days`));
    return 0;
  } catch (e) {
    if (!isOuvidorError(e) || e.status !== 400) throw e;
    process.stderr.write(`ouvidor seed: ${e.details.map((d) => `--${d.field}: ${d.message}`).join('; ') || e.message}\n`);
    return 2;
  }
}

/** No platform running: the emulators on the data folder's files, the same use case, then the aggregates rebuilt. */
async function onDisk(dir: string, body: object): Promise<{ summary: SeedSummary; rebuilt: RebuildSummary }> {
  const emulators = await startEmulators(dir);
  const credentials = { accessKeyId: EMULATOR_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: EMULATOR_CREDENTIALS.AWS_SECRET_ACCESS_KEY };
  const dynamodb = new DynamoDBClient({ region: 'us-east-1', endpoint: emulators.dynamodbEndpoint, credentials });
  const s3 = new S3Client({ region: 'us-east-1', endpoint: emulators.s3Endpoint, forcePathStyle: true, credentials });
  const bars = phaseBars('seed');
  try {
    const table = process.env.OUVIDOR_TABLE_NAME ?? 'ouvidor';
    const bucket = process.env.OUVIDOR_BUCKET_NAME ?? 'ouvidor-objects';
    await ensureTable(dynamodb, table);
    await ensureBucket(s3, bucket);
    const configs = new DynamoConfigStore(dynamodb, table);
    const summary = await seedData(
      {
        store: new DynamoFeedbackStore(dynamodb, table),
        surveys: new DynamoSurveyStore(dynamodb, table),
        recognition: new DynamoRecognitionStore(dynamodb, table),
        customers: new DynamoCustomerStore(dynamodb, table),
        objects: new S3ObjectStore(s3, bucket),
        users: new DynamoUserDirectory(dynamodb, table, scryptPasswords),
        configs,
        analyzer: new OfflineAnalyzer(),
        redactor: offlineRedactor,
        clock: systemClock,
      },
      body,
      bars.report,
    );
    const rebuilt = await rebuildMetrics({ metricSources: new DynamoMetricsSources(dynamodb, table), metrics: new DynamoMetricsStore(dynamodb, table), configs }, (phase, done, total) => bars.report(`metrics ${phase}`, done, total));
    return { summary, rebuilt };
  } finally {
    bars.finish();
    dynamodb.destroy();
    s3.destroy();
    await emulators.stop();
  }
}

const line = (label: string, counts: Record<string, number>): string =>
  `  ${label.padEnd(12)}${Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(' · ')}\n`;

export function formatSummary(s: SeedSummary, metrics: string): string {
  const total = s.written + s.existing;
  const rate = s.surveys > 0 ? ` (${Math.round((100 * s.surveysAnswered) / s.surveys)} %)` : '';
  return (
    `Seeded ${total} items over ${s.days} days up to ${s.anchor} (seed ${s.seed}): ${s.written} written, ${s.existing} already there.\n` +
    line('channels', s.byChannel) +
    line('languages', s.byLanguage) +
    line('categories', s.byCategory) +
    line('statuses', s.byStatus) +
    `  ${'surveys'.padEnd(12)}${s.surveys} sent, ${s.surveysAnswered} answered${rate} · kudos ${s.kudos} · agents created ${s.agentsCreated}\n` +
    `  ${'metrics'.padEnd(12)}${metrics}\n` +
    `Took ${(s.ms / 1000).toFixed(1)} s.\n`
  );
}
