import { cellKey, type Counters } from '../../../shared/domain/metrics/metrics-counters.js';
import type { MetricsDelta } from '../../../shared/domain/metrics/metrics-contribution.js';
import type { MetricsLedger, MetricsStore, PendingRevision, RevisionGuard } from '../../../shared/ports/metrics-store.port.js';

/** An in-memory MetricsStore with the adapter's conditions, and a switch to "crash" a given call. */
export class MemoryMetrics implements MetricsStore {
  readonly ledgers = new Map<string, MetricsLedger>();
  readonly aggregates = new Map<string, { counters: Counters; slots: Map<string, number> }>();
  /** Aggregate updates sent (refused ones included), as the store would count them. */
  updates = 0;
  crashOn: { method: 'applyDelta' | 'commitRevision'; after: number } | undefined;
  private calls = 0;

  private maybeCrash(method: 'applyDelta' | 'commitRevision'): void {
    if (this.crashOn?.method === method && this.calls++ === this.crashOn.after) {
      this.crashOn = undefined;
      throw new Error(`crash in ${method}`);
    }
  }
  async readDays(): Promise<{ rows: never[]; reads: number }> {
    return { rows: [], reads: 0 };
  }
  async getLedger(sourceId: string) {
    return this.ledgers.get(sourceId);
  }
  async beginRevision(sourceId: string, rev: number, pending: PendingRevision) {
    const l = this.ledgers.get(sourceId);
    if (rev === 0 ? l !== undefined : l?.rev !== rev || l.pending !== undefined) return false;
    this.ledgers.set(sourceId, { sourceId, rev: l?.rev ?? 0, ...(l?.contribution && { contribution: l.contribution }), pending });
    return true;
  }
  async applyDelta(delta: MetricsDelta, guard: RevisionGuard) {
    this.maybeCrash('applyDelta');
    this.updates += 1;
    const key = `${delta.day}|${cellKey(delta.cell)}|${delta.shard}`;
    const agg = this.aggregates.get(key) ?? { counters: {}, slots: new Map<string, number>() };
    if ((agg.slots.get(guard.sourceId) ?? -Infinity) >= guard.rev) return false;
    for (const [k, v] of Object.entries(delta.counters)) agg.counters[k] = (agg.counters[k] ?? 0) + v;
    agg.slots.set(guard.sourceId, guard.rev);
    this.aggregates.set(key, agg);
    return true;
  }
  async commitRevision(sourceId: string, pending: PendingRevision) {
    this.maybeCrash('commitRevision');
    const l = this.ledgers.get(sourceId);
    if (l?.pending?.rev !== pending.rev) return false;
    this.ledgers.set(sourceId, { sourceId, rev: pending.rev, ...(pending.contribution && { contribution: pending.contribution }) });
    return true;
  }
  async replaceAll() {}
  readonly links = new Map<string, Set<string>>();
  async linkRelated(links: readonly { relatedId: string; sourceId: string }[]) {
    for (const l of links) this.links.set(l.relatedId, (this.links.get(l.relatedId) ?? new Set()).add(l.sourceId));
  }
  async relatedSources(relatedId: string) {
    return [...(this.links.get(relatedId) ?? [])];
  }
  /** Every counter summed over days, cells and shards (what a report adds up). */
  totals(): Counters {
    const t: Counters = {};
    for (const { counters } of this.aggregates.values()) for (const [k, v] of Object.entries(counters)) if (v !== 0) t[k] = (t[k] ?? 0) + v;
    return t;
  }
}

