import { OfflineAnalyzer } from '../../adapters/offline-analyzer/offline-analyzer.adapter.js';
import type { Analyzer } from '../../ports/analyzer.port.js';
import { config } from '../config.js';
import { capability } from './capability.js';

/**
 * The configured engine: `offline` (local default), or `comprehend` / `cascade` (AWS default), whose
 * Comprehend client and adapters are imported on the first analysis, not at init.
 */
export const analyzer = capability('analyzer', (): Analyzer => {
  const cfg = config();
  if (cfg.OUVIDOR_ANALYZER === 'offline') return new OfflineAnalyzer();
  let engine: Promise<Analyzer> | undefined;
  const load = (): Promise<Analyzer> => {
    engine ??= import('../analyzer.factory.js').then((m) => m.makeAnalyzer(cfg, { comprehendRegion: m.comprehendRegion(cfg) }));
    engine.catch(() => (engine = undefined));
    return engine;
  };
  return {
    name: cfg.OUVIDOR_ANALYZER,
    analyze: async (input) => (await load()).analyze(input),
    analyzeBatch: async (inputs) => (await load()).analyzeBatch(inputs),
  };
});
