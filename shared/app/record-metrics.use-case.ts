import { createHash } from 'node:crypto';
import {
  deltasBetween,
  parseSourceId,
  relatedIdOf,
  sameContribution,
  sourceContribution,
  type MetricsContribution,
  type MetricsSource,
} from '../domain/metrics/metrics-contribution.js';
import { OuvidorError } from '../domain/errors.js';
import { cellKey } from '../domain/metrics/metrics-counters.js';
import type { ServiceStandards } from '../domain/sla/service-standards.schema.js';
import type { FeedbackStore } from '../ports/feedback-store.port.js';
import type { MetricsSourceScanner, MetricsStore, PendingRevision } from '../ports/metrics-store.port.js';
import type { SurveyStore } from '../ports/survey-store.port.js';
import type { ConfigStore } from '../ports/workflow-store.port.js';
import { loadStandards } from './workflows/load-standards.js';

export interface RecordMetricsDeps {
  readonly store: Pick<FeedbackStore, 'get'>;
  readonly surveys: Pick<SurveyStore, 'get'>;
  readonly metrics: MetricsStore;
  readonly metricSources: Pick<MetricsSourceScanner, 'getKudos'>;
  readonly configs: Pick<ConfigStore, 'get'>;
}

/** The ledger kept moving under us more often than a reconciliation should ever see: retried later. */
export class MetricsConflictError extends OuvidorError {
  constructor(sourceId: string, options?: { cause?: unknown }) {
    super(503, 'metrics_conflict', `metrics ledger of ${sourceId} changed concurrently; retry`, options);
  }
}

const MAX_ATTEMPTS = 6;
const RECONCILE_CONCURRENCY = 8;

/** The marker of one revision's deltas: short (it is kept in a string set on each aggregate item). */
export const markerOf = (sourceId: string, rev: number): string => createHash('sha256').update(`${sourceId}@${rev}`).digest('base64url').slice(0, 16);

/** The source as stored now (undefined: gone, or not a source id). */
async function loadSource(deps: RecordMetricsDeps, sourceId: string): Promise<MetricsSource | undefined> {
  const ref = parseSourceId(sourceId);
  if (!ref) return undefined;
  if (ref.kind === 'feedback') {
    const item = await deps.store.get(ref.id);
    return item && { kind: 'feedback', item };
  }
  if (ref.kind === 'survey') {
    const survey = await deps.surveys.get(ref.id);
    return survey && { kind: 'survey', survey };
  }
  return deps.metricSources.getKudos(ref.agent, ref.feedbackId).then((k) => k && { kind: 'kudos', ...k });
}

/** What the source adds now, from its stored state (undefined: nothing, e.g. not analyzed or gone), and the item it is credited through. */
async function currentContribution(deps: RecordMetricsDeps, sourceId: string, standards: ServiceStandards): Promise<{ contribution?: MetricsContribution; relatedId?: string }> {
  const source = await loadSource(deps, sourceId);
  if (!source) return {};
  const relatedId = relatedIdOf(source);
  const [, contribution] = sourceContribution(source, standards, relatedId === undefined ? undefined : await deps.store.get(relatedId));
  return { ...(contribution && { contribution }), ...(relatedId !== undefined && { relatedId }) };
}

/** Applies a pending revision's deltas (each at most once, by its marker) and commits it. */
async function finish(deps: RecordMetricsDeps, sourceId: string, from: MetricsContribution | undefined, pending: PendingRevision): Promise<void> {
  const marker = markerOf(sourceId, pending.rev);
  for (const delta of deltasBetween(sourceId, from, pending.contribution)) await deps.metrics.applyDelta(delta, marker);
  await deps.metrics.commitRevision(sourceId, pending);
}

export interface ReconcileOutcome {
  /** The aggregates changed. */
  readonly changed: boolean;
  /** The source moved to another cell (e.g. reassigned): what is credited through it must follow. */
  readonly moved: boolean;
}

/**
 * Brings the aggregates in line with one source's current state, exactly once per change and
 * without transactions: (1) the intended contribution is recorded as the ledger's `pending`
 * revision (conditional on the ledger's revision), (2) the difference is added to the aggregate
 * items, each update guarded by the revision's marker, (3) the revision is committed. A run that
 * dies after (1) or during (2) is finished by the next one with the same deltas and markers.
 */
export async function reconcileSource(deps: RecordMetricsDeps, sourceId: string, standards: ServiceStandards): Promise<ReconcileOutcome> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const ledger = await deps.metrics.getLedger(sourceId);
    if (ledger?.pending) {
      await finish(deps, sourceId, ledger.contribution, ledger.pending);
      continue;
    }
    // Read after the ledger, never before: a newer state committed by another run after this read
    // moves the ledger's revision, and `beginRevision` below then fails instead of writing a staler one.
    const { contribution: next, relatedId } = await currentContribution(deps, sourceId, standards);
    const before = ledger?.contribution;
    if (sameContribution(before, next)) return { changed: false, moved: false };
    // Credited through another item: remember it, so that a change of that item's team or agent moves this too.
    if (relatedId !== undefined && next) await deps.metrics.linkRelated([{ relatedId, sourceId }]);
    const rev = ledger?.rev ?? 0;
    const pending: PendingRevision = { rev: rev + 1, ...(next && { contribution: next }) };
    if (!(await deps.metrics.beginRevision(sourceId, rev, pending))) continue;
    await finish(deps, sourceId, before, pending);
    return { changed: true, moved: !before || !next || cellKey(before.cell) !== cellKey(next.cell) };
  }
  throw new MetricsConflictError(sourceId);
}

/** `reconcileSource`, true when the aggregates changed. */
export async function reconcileMetrics(deps: RecordMetricsDeps, sourceId: string, standards: ServiceStandards): Promise<boolean> {
  return (await reconcileSource(deps, sourceId, standards)).changed;
}

/** Reconciles each source (a stream batch's distinct ids); the ids that failed, for a partial batch failure. */
export async function recordMetrics(deps: RecordMetricsDeps, sourceIds: readonly string[]): Promise<{ changed: number; failed: { sourceId: string; error: unknown }[] }> {
  const standards = await loadStandards(deps);
  let changed = 0;
  const failed: { sourceId: string; error: unknown }[] = [];
  // Sources are independent (own ledger; aggregate updates are atomic and marker-guarded): a few at a time.
  const queue = [...new Set(sourceIds)];
  const worker = async () => {
    for (let sourceId = queue.shift(); sourceId !== undefined; sourceId = queue.shift()) {
      try {
        const outcome = await reconcileSource(deps, sourceId, standards);
        if (outcome.changed) changed += 1;
        // An item that moved cells takes along what is credited through it (survey answers, surveys, kudos).
        const ref = outcome.moved ? parseSourceId(sourceId) : undefined;
        if (ref?.kind === 'feedback') queue.push(...(await deps.metrics.relatedSources(ref.id)));
      } catch (error) {
        failed.push({ sourceId, error });
      }
    }
  };
  await Promise.all(Array.from({ length: RECONCILE_CONCURRENCY }, worker));
  return { changed, failed };
}
