import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoMetricsSources } from '../../shared/adapters/dynamo-metrics-sources.adapter.js';
import { DynamoMetricsStore } from '../../shared/adapters/dynamo-metrics-store.adapter.js';
import { DynamoConfigStore } from '../../shared/adapters/dynamo-records.adapter.js';
import { rebuildMetrics, type RebuildSummary } from '../../shared/app/rebuild-metrics.use-case.js';
import { dataDir } from '../data-dir.js';
import { callRunningPlatform, withOnDiskTable } from '../on-disk-table.js';
import { followJob, phaseBars } from '../follow-job.js';

const USAGE = `Usage:
  ouvidor metrics rebuild                         recompute the metrics aggregates of the local platform
  ouvidor metrics rebuild --table <name> [--region <r>]
                                                  ... of a deployed table (AWS credentials from the environment)
`;

/** `ouvidor metrics rebuild`: recompute every aggregate from the items (run it on a quiet system). */
export async function metricsCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'rebuild') {
    process.stderr.write(sub ? `ouvidor metrics: unknown subcommand '${sub}'\n\n${USAGE}` : USAGE);
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { table: { type: 'string' }, region: { type: 'string' } } });
  const started = Date.now();
  const summary = values.table ? await onAws(values.table, values.region) : await locally(dataDir());
  process.stdout.write(
    `Rebuilt ${summary.aggregates} aggregate items over ${summary.days} days from ${summary.sources} sources ` +
      `(${summary.contributing} contributing) in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
  );
  return 0;
}

async function run(client: DynamoDBClient, table: string): Promise<RebuildSummary> {
  const bars = phaseBars('metrics-rebuild');
  try {
    return await rebuildMetrics({ metricSources: new DynamoMetricsSources(client, table), metrics: new DynamoMetricsStore(client, table), configs: new DynamoConfigStore(client, table) }, bars.report);
  } finally {
    bars.finish();
  }
}

async function onAws(table: string, region: string | undefined): Promise<RebuildSummary> {
  const client = new DynamoDBClient(region ? { region } : {});
  try {
    return await run(client, table);
  } finally {
    client.destroy();
  }
}

async function locally(dir: string): Promise<RebuildSummary> {
  const res = await followJob(dir, 'metrics-rebuild', callRunningPlatform(dir, 'POST', '/v1/local/metrics/rebuild', { timeoutMs: 10 * 60_000 }));
  if (res) {
    if (!res.ok) throw new Error(`the running platform answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as RebuildSummary;
  }
  return withOnDiskTable(dir, run);
}
