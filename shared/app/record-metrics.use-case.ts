import {
  deltasBetween,
  parseSourceId,
  relatedIdOf,
  sameContribution,
  feedbackContribution,
  sourceContribution,
  sourceIdOf,
  type MetricsContribution,
  type MetricsSource,
} from '../domain/metrics/metrics-contribution.js';
import { OuvidorError } from '../domain/errors.js';
import { cellKey } from '../domain/metrics/metrics-counters.js';
import { creditedMayMove, isCreditedThroughAnotherItem } from '../domain/metrics/metrics-changes.js';
import type { Feedback } from '../domain/feedback.schema.js';
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

/** Applies a pending revision's deltas (each at most once, by the source's slot) and commits it. */
async function finish(deps: RecordMetricsDeps, sourceId: string, from: MetricsContribution | undefined, pending: PendingRevision): Promise<void> {
  for (const delta of deltasBetween(sourceId, from, pending.contribution)) await deps.metrics.applyDelta(delta, { sourceId, rev: pending.rev });
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
    // Credited through another item: remember it, so that a change of that item's team or agent moves
    // this too. Once is enough (a source's item never changes; the first contributing revision linked it).
    if (relatedId !== undefined && next && !before) await deps.metrics.linkRelated([{ relatedId, sourceId }]);
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

/** One write of a feedback item, as the table's stream shows it: the item before and after (absent: none). */
export interface ItemChange {
  readonly id: string;
  readonly before?: Feedback;
  readonly after?: Feedback;
}

/** A stream batch's changes: feedback items' images, and the ids of sources reconciled through their ledgers. */
export interface MetricsChanges {
  readonly items?: readonly ItemChange[];
  readonly sourceIds?: readonly string[];
}

type Task = { readonly kind: 'item'; readonly id: string; readonly before?: Feedback; readonly after?: Feedback } | { readonly kind: 'ledger'; readonly sourceId: string };

/**
 * An item's change, from its images alone: the difference of its contributions before and after,
 * added to each aggregate item touched under the item's `version` (the slot guard makes a
 * redelivery, a retried batch or a bisected one add nothing twice). No read, no ledger: one update
 * per (day, cell) touched, none when the change cannot move a counter.
 */
async function applyItemChange(deps: RecordMetricsDeps, task: Extract<Task, { kind: 'item' }>, standards: ServiceStandards): Promise<boolean> {
  const sourceId = sourceIdOf({ kind: 'feedback', id: task.id });
  // A removal is the revision after the last one seen (an item's version only grows while it exists).
  const rev = task.after?.version ?? task.before!.version + 1;
  const before = task.before && feedbackContribution(task.before, standards);
  const after = task.after && feedbackContribution(task.after, standards);
  const deltas = deltasBetween(sourceId, before, after);
  for (const delta of deltas) await deps.metrics.applyDelta(delta, { sourceId, rev });
  return deltas.length > 0;
}

/**
 * Applies a stream batch's changes: each feedback item's net change over the batch (its first image
 * before, its last after) from the images; sources whose contribution depends on another item
 * (surveys, kudos, survey answers) through their ledgers (`reconcileSource`). An item whose team,
 * agent, channel or language changed takes along what is credited through it. Returns how many
 * sources changed the aggregates and those that failed (for a partial batch failure).
 */
export async function recordMetrics(deps: RecordMetricsDeps, changes: MetricsChanges): Promise<{ changed: number; failed: { sourceId: string; error: unknown }[] }> {
  const standards = await loadStandards(deps);
  let changed = 0;
  const failed: { sourceId: string; error: unknown }[] = [];
  const queue: Task[] = [];
  const queued = new Set<string>();
  const enqueueLedger = (sourceId: string) => {
    if (queued.has(sourceId)) return;
    queued.add(sourceId);
    queue.push({ kind: 'ledger', sourceId });
  };
  const net = new Map<string, { before?: Feedback; after?: Feedback }>();
  for (const c of changes.items ?? []) {
    const seen = net.get(c.id);
    if (seen) seen.after = c.after;
    else net.set(c.id, { ...(c.before && { before: c.before }), ...(c.after && { after: c.after }) });
  }
  for (const [id, { before, after }] of net) {
    const credited = (before && isCreditedThroughAnotherItem(before)) || (after && isCreditedThroughAnotherItem(after));
    if (credited) enqueueLedger(sourceIdOf({ kind: 'feedback', id }));
    else queue.push({ kind: 'item', id, ...(before && { before }), ...(after && { after }) });
  }
  for (const sourceId of changes.sourceIds ?? []) enqueueLedger(sourceId);
  // Sources are independent (own slots and ledger; aggregate updates are atomic and guarded): a few at a time.
  const worker = async () => {
    for (let task = queue.shift(); task !== undefined; task = queue.shift()) {
      const sourceId = task.kind === 'item' ? sourceIdOf({ kind: 'feedback', id: task.id }) : task.sourceId;
      try {
        if (task.kind === 'item') {
          if (await applyItemChange(deps, task, standards)) changed += 1;
          if (creditedMayMove(task.before, task.after)) for (const s of await deps.metrics.relatedSources(task.id)) enqueueLedger(s);
          continue;
        }
        const outcome = await reconcileSource(deps, sourceId, standards);
        if (outcome.changed) changed += 1;
        // A survey answer that moved cells takes along what is credited through it (kudos).
        const ref = outcome.moved ? parseSourceId(sourceId) : undefined;
        if (ref?.kind === 'feedback') for (const s of await deps.metrics.relatedSources(ref.id)) enqueueLedger(s);
      } catch (error) {
        failed.push({ sourceId, error });
      }
    }
  };
  await Promise.all(Array.from({ length: RECONCILE_CONCURRENCY }, worker));
  return { changed, failed };
}
