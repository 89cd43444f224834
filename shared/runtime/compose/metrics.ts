import { DynamoBacklogReader } from '../../adapters/dynamo-backlog-reader.adapter.js';
import { DynamoMetricsSources } from '../../adapters/dynamo-metrics-sources.adapter.js';
import { DynamoMetricsStore } from '../../adapters/dynamo-metrics-store.adapter.js';
import { capability } from './capability.js';
import { dynamodbClient, tableName } from './dynamodb.js';

/** Metrics aggregates and ledgers. */
export const metricsStore = /* @__PURE__ */ capability('metrics', () => new DynamoMetricsStore(dynamodbClient(), tableName()));
/** Every metrics source (a rebuild) and kudos lookups. */
export const metricSources = /* @__PURE__ */ capability('metricSources', () => new DynamoMetricsSources(dynamodbClient(), tableName()));
/** Open work for the metrics report, from the status index. */
export const backlogReader = /* @__PURE__ */ capability('backlog', () => new DynamoBacklogReader(dynamodbClient(), tableName()));
