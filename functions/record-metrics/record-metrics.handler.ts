import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { fromItem as feedbackFromItem } from '../../shared/adapters/dynamo-feedback-store.adapter.js';
import { recordMetrics, type ItemChange } from '../../shared/app/record-metrics.use-case.js';
import { sourceIdOf, sourceOfKeys } from '../../shared/domain/metrics/metrics-contribution.js';
import { feedbackStore } from '../../shared/runtime/compose/store.js';
import { surveyStore } from '../../shared/runtime/compose/surveys.js';
import { metricsStore, metricSources } from '../../shared/runtime/compose/metrics.js';
import { configStore } from '../../shared/runtime/compose/configs.js';
import { logger } from '../../shared/runtime/logger.js';
import { flushTelemetry } from '../../shared/runtime/telemetry.middleware.js';
import { traceHandler } from '../../shared/runtime/tracing.js';

const keyString = (record: DynamoDBRecord, name: string): string | undefined => record.dynamodb?.Keys?.[name]?.S;
const image = (img: Record<string, unknown> | undefined) => (img ? feedbackFromItem(unmarshall(img as Record<string, AttributeValue>)) : undefined);

/**
 * DynamoDB stream (NEW_AND_OLD_IMAGES; filtered to feedback items that are not `received` on both
 * sides, surveys and kudos) → the metrics aggregates. A feedback item's change is applied from its
 * images (no read); surveys, kudos and survey answers, which depend on another item, are reconciled
 * once per batch through their ledgers. Not Powertools' BatchProcessor: a batch often holds several
 * changes of one item, applied as one net change. A failure reports the earliest record of the failed
 * sources (the stream is retried from there; applying again is idempotent).
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(logger))
  .use(traceHandler())
  .use(flushTelemetry())
  .handler(async (event) => {
    const firstRecordOf = new Map<string, string>();
    const items: ItemChange[] = [];
    const sourceIds: string[] = [];
    for (const record of event.Records) {
      const ref = sourceOfKeys({ pk: keyString(record, 'pk'), sk: keyString(record, 'sk') });
      const sequence = record.dynamodb?.SequenceNumber;
      if (!ref || !sequence) continue;
      const sourceId = sourceIdOf(ref);
      if (!firstRecordOf.has(sourceId)) firstRecordOf.set(sourceId, sequence);
      if (ref.kind !== 'feedback') {
        sourceIds.push(sourceId);
        continue;
      }
      if (!record.dynamodb?.OldImage && !record.dynamodb?.NewImage) {
        // Never re-read instead: the aggregates hold each item's changes by its versions, from images.
        logger.error('metrics: a feedback stream record without images (the stream must be NEW_AND_OLD_IMAGES); skipped', { sourceId });
        continue;
      }
      const before = image(record.dynamodb?.OldImage);
      const after = image(record.dynamodb?.NewImage);
      items.push({ id: ref.id, ...(before && { before }), ...(after && { after }) });
    }
    const c = { store: feedbackStore(), surveys: surveyStore(), metrics: metricsStore(), metricSources: metricSources(), configs: configStore() };
    const { changed, failed } = await recordMetrics(c, { items, sourceIds });
    for (const f of failed) logger.error('metrics reconciliation failed', { sourceId: f.sourceId, error: String(f.error) });
    if (changed > 0) logger.debug('metrics recorded', { changed, sources: firstRecordOf.size });
    // A source moved along with its item has no record of its own here: retry from the batch's first.
    const first = [...firstRecordOf.values()].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))[0];
    const failedSequences = failed.map((f) => firstRecordOf.get(f.sourceId) ?? first!).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    return { batchItemFailures: failedSequences.slice(0, 1).map((itemIdentifier) => ({ itemIdentifier })) };
  });
