import { comprehendRegion, makeAnalyzer } from '../../shared/runtime/analyzer.factory.js';
import { loadConfig } from '../../shared/runtime/config.js';
import { analyzeCommand } from './analyze.command.js';

/** `ouvidor analyze [--engine offline|comprehend|cascade]` over stdin/stdout. */
export function analyzeCliCommand(argv: string[]): Promise<number> {
  return analyzeCommand(argv, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }, (engine) => {
    const cfg = loadConfig({ ...process.env, OUVIDOR_ANALYZER: engine });
    return makeAnalyzer(cfg, { comprehendRegion: comprehendRegion(cfg) });
  });
}
