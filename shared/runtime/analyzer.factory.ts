import { ComprehendClient } from '@aws-sdk/client-comprehend';
import { BatchingAnalyzer } from '../adapters/batching-analyzer.adapter.js';
import { CascadeAnalyzer } from '../adapters/cascade-analyzer.adapter.js';
import { ComprehendAnalyzer } from '../adapters/comprehend-analyzer.adapter.js';
import { DEFAULT_CASCADE_THRESHOLD, OfflineAnalyzer } from '../adapters/offline-analyzer/offline-analyzer.adapter.js';
import type { Analyzer } from '../ports/analyzer.port.js';
import type { Config } from './config.js';
import { logger } from './logger.js';
import { traced } from './tracing.js';

/** The region Comprehend is called in: `OUVIDOR_COMPREHEND_REGION` (the deploy context's `analysisRegion`), else the function's own. */
export const comprehendRegion = (cfg: Pick<Config, 'AWS_REGION' | 'OUVIDOR_COMPREHEND_REGION'>): string => cfg.OUVIDOR_COMPREHEND_REGION ?? cfg.AWS_REGION;

/** The configured engine: `offline` (local default), `comprehend`, or `cascade` (AWS default). */
export function makeAnalyzer(cfg: Pick<Config, 'OUVIDOR_ANALYZER' | 'OUVIDOR_CASCADE_THRESHOLD'> & Partial<Pick<Config, 'OUVIDOR_CASCADE_ESCALATE'>>, opts: { comprehendRegion: string }): Analyzer {
  const offline = new OfflineAnalyzer();
  if (cfg.OUVIDOR_ANALYZER === 'offline') return offline;
  const comprehend = new ComprehendAnalyzer({
    // The adapter owns retries (backoff with jitter, then AnalyzerUnavailableError): no second layer in the SDK.
    client: traced(new ComprehendClient({ region: opts.comprehendRegion, maxAttempts: 1 })),
    offline,
    onNotice: (n) => logger.warn('comprehend fallback', { itemIndex: n.itemIndex, errorCode: n.errorCode, reason: n.message }),
    // The `comprehend` engine asks for everything; the cascade only for what is configured (sentiment by default).
    escalate: cfg.OUVIDOR_ANALYZER === 'comprehend' ? 'all' : (cfg.OUVIDOR_CASCADE_ESCALATE ?? 'sentiment'),
  });
  // The processor analyzes a batch's records concurrently: one Comprehend batch call for them all.
  if (cfg.OUVIDOR_ANALYZER === 'comprehend') return new BatchingAnalyzer(comprehend);
  return new BatchingAnalyzer(new CascadeAnalyzer({ offline, comprehend, threshold: cfg.OUVIDOR_CASCADE_THRESHOLD ?? DEFAULT_CASCADE_THRESHOLD }));
}
