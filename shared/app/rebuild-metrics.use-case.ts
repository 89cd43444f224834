import type { Feedback } from '../domain/feedback.schema.js';
import { deltasBetween, relatedIdOf, sourceContribution, type MetricsDelta } from '../domain/metrics/metrics-contribution.js';
import { cellKey } from '../domain/metrics/metrics-counters.js';
import type { MetricsLedger, MetricsSource, MetricsSourceScanner, MetricsStore } from '../ports/metrics-store.port.js';
import type { ConfigStore } from '../ports/workflow-store.port.js';
import { loadStandards } from './workflows/load-standards.js';

export interface RebuildMetricsDeps {
  readonly metricSources: Pick<MetricsSourceScanner, 'scanSources'>;
  readonly metrics: Pick<MetricsStore, 'replaceAll' | 'linkRelated'>;
  readonly configs: Pick<ConfigStore, 'get'>;
}

export interface RebuildSummary {
  readonly sources: number;
  readonly contributing: number;
  readonly aggregates: number;
  readonly days: number;
}

/**
 * Recomputes every aggregate from the sources (`npx ouvidor metrics rebuild`): the same pure
 * contributions the incremental path applies, summed per (day, cell, shard), written in place of
 * the old aggregates, each holding the revision slot of every source summed into it, and the ledgers
 * of the sources credited through another item reset to what they now contribute. Run it on a quiet
 * system: a reconciliation running meanwhile could be counted on top of the rebuilt figures.
 */
export async function rebuildMetrics(deps: RebuildMetricsDeps, onProgress: (phase: string, done: number, total?: number) => void = () => {}): Promise<RebuildSummary> {
  const standards = await loadStandards(deps);
  const sources: MetricsSource[] = [];
  const items = new Map<string, Feedback>();
  for await (const source of deps.metricSources.scanSources()) {
    sources.push(source);
    if (sources.length % 100 === 0) onProgress('read sources', sources.length);
    if (source.kind === 'feedback') items.set(source.item.id, source.item);
  }
  const totals = new Map<string, MetricsDelta & { counters: Record<string, number>; slots: Record<string, number> }>();
  const ledgers: MetricsLedger[] = [];
  const links: { relatedId: string; sourceId: string }[] = [];
  let contributing = 0;
  for (const source of sources) {
    const about = relatedIdOf(source);
    const [sourceId, contribution] = sourceContribution(source, standards, about === undefined ? undefined : items.get(about));
    if (!contribution) continue;
    contributing += 1;
    // A plain item's slot holds its version (a stream record of that version or an older one is in the
    // sums already); a source credited through another item restarts its ledger at revision 1.
    const plain = source.kind === 'feedback' && about === undefined;
    if (!plain) ledgers.push({ sourceId, rev: 1, contribution });
    if (about !== undefined) links.push({ relatedId: about, sourceId });
    for (const delta of deltasBetween(sourceId, undefined, contribution)) {
      const key = `${delta.day}|${cellKey(delta.cell)}|${delta.shard}`;
      const total = totals.get(key) ?? { ...delta, counters: {}, slots: {} };
      total.slots[sourceId] = plain ? source.item.version : 1;
      for (const [name, value] of Object.entries(delta.counters)) total.counters[name] = (total.counters[name] ?? 0) + value;
      totals.set(key, total);
    }
  }
  const rows = [...totals.values()];
  onProgress('write aggregates and ledgers', 0, rows.length + ledgers.length);
  await deps.metrics.replaceAll(rows, ledgers);
  onProgress('write aggregates and ledgers', rows.length + ledgers.length, rows.length + ledgers.length);
  await deps.metrics.linkRelated(links);
  return { sources: sources.length, contributing, aggregates: rows.length, days: new Set(rows.map((r) => r.day)).size };
}
