import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { recordMetrics } from '../../shared/app/record-metrics.use-case.js';
import { sourceIdOf, sourceOfKeys } from '../../shared/domain/metrics/metrics-contribution.js';
import { feedbackStore } from '../../shared/runtime/compose/store.js';
import { surveyStore } from '../../shared/runtime/compose/surveys.js';
import { metricsStore, metricSources } from '../../shared/runtime/compose/metrics.js';
import { configStore } from '../../shared/runtime/compose/configs.js';
import { logger } from '../../shared/runtime/logger.js';
import { flushTelemetry } from '../../shared/runtime/telemetry.middleware.js';

const keyString = (record: DynamoDBRecord, name: string): string | undefined => record.dynamodb?.Keys?.[name]?.S;

/**
 * DynamoDB stream (KEYS_ONLY; filtered to feedback, survey and kudos keys) → reconcile each changed
 * source's contribution to the metrics aggregates. Not Powertools' BatchProcessor: a batch often
 * holds several changes of one item, and reconciling reads the item's latest state, so each source
 * is reconciled once per batch. A failure reports the earliest record of the failed sources (the
 * stream is retried from there; reconciling again is idempotent).
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(logger))
  .use(flushTelemetry())
  .handler(async (event) => {
    const firstRecordOf = new Map<string, string>();
    for (const record of event.Records) {
      const ref = sourceOfKeys({ pk: keyString(record, 'pk'), sk: keyString(record, 'sk') });
      const sequence = record.dynamodb?.SequenceNumber;
      if (ref && sequence && !firstRecordOf.has(sourceIdOf(ref))) firstRecordOf.set(sourceIdOf(ref), sequence);
    }
    const c = { store: feedbackStore(), surveys: surveyStore(), metrics: metricsStore(), metricSources: metricSources(), configs: configStore() };
    const { changed, failed } = await recordMetrics(c, [...firstRecordOf.keys()]);
    for (const f of failed) logger.error('metrics reconciliation failed', { sourceId: f.sourceId, error: String(f.error) });
    if (changed > 0) logger.debug('metrics reconciled', { changed, sources: firstRecordOf.size });
    const failedSequences = failed.map((f) => firstRecordOf.get(f.sourceId)!).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    return { batchItemFailures: failedSequences.slice(0, 1).map((itemIdentifier) => ({ itemIdentifier })) };
  });
