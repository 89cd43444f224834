/**
 * Offline analyzer benchmark on a labeled JSON-lines file.
 *
 *   npm run bench:analyzer -- [file.jsonl] [--threshold 0.5] [--errors]
 *
 * File fields: {id, lang, channel, text, sentiment, category}. Default file:
 * ../shared/data/feedback-dev.jsonl, relative to the repo root.
 * Prints per language: sentiment accuracy, macro-F1 and confusion matrix, category
 * accuracy, documents/second on one core, and the cascade figures (share sent to
 * Comprehend, cost per million items, accuracy kept vs sent).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalysisResult, SentimentLabel } from '../shared/domain/analysis.schema.js';
import { DEFAULT_CASCADE_THRESHOLD, OfflineAnalyzer } from '../shared/adapters/offline-analyzer/offline-analyzer.adapter.js';

interface Item {
  id: string;
  lang: string;
  channel?: string;
  text: string;
  sentiment: SentimentLabel;
  category: string;
}

const LABELS: readonly SentimentLabel[] = ['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'];
/** Comprehend list price: $0.0001 per 100-character unit, 3 units minimum per request. */
const PRICE_PER_UNIT = 0.0001;
const MIN_UNITS = 3;
/** Calls made for an item sent to Comprehend: sentiment, key phrases, language detection. */
const CALLS_PER_ITEM = 3;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv: string[]): { file: string; threshold: number; showErrors: boolean } {
  let file = '../shared/data/feedback-dev.jsonl';
  let threshold = DEFAULT_CASCADE_THRESHOLD;
  let showErrors = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--threshold') threshold = Number(argv[++i]);
    else if (a.startsWith('--threshold=')) threshold = Number(a.slice('--threshold='.length));
    else if (a === '--errors') showErrors = true;
    else file = a;
  }
  if (!Number.isFinite(threshold)) throw new Error('--threshold must be a number');
  return { file: resolve(repoRoot, file), threshold, showErrors };
}

function load(file: string): Item[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as Item);
}

function macroF1(gold: SentimentLabel[], pred: SentimentLabel[]): number {
  const f1s: number[] = [];
  for (const label of LABELS) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (pred[i] === label && gold[i] === label) tp++;
      else if (pred[i] === label) fp++;
      else if (gold[i] === label) fn++;
    }
    if (tp + fp + fn === 0) continue;
    f1s.push(tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
  }
  return f1s.reduce((a, b) => a + b, 0) / Math.max(1, f1s.length);
}

function confusion(gold: SentimentLabel[], pred: SentimentLabel[]): string {
  const short = (l: string): string => l.slice(0, 3);
  const lines = ['    gold\\pred ' + LABELS.map((l) => short(l).padStart(5)).join('')];
  for (const g of LABELS) {
    const row = LABELS.map((p) => String(gold.filter((x, i) => x === g && pred[i] === p).length).padStart(5));
    lines.push(`    ${short(g).padEnd(10)}${row.join('')}`);
  }
  return lines.join('\n');
}

function comprehendCost(text: string): number {
  const units = Math.max(MIN_UNITS, Math.ceil(text.length / 100));
  return units * PRICE_PER_UNIT * CALLS_PER_ITEM;
}

function pct(x: number): string {
  return (100 * x).toFixed(1) + '%';
}

function accuracy(items: Item[], results: AnalysisResult[], field: 'sentiment' | 'category'): number {
  if (items.length === 0) return NaN;
  let ok = 0;
  items.forEach((it, i) => {
    const r = results[i] as AnalysisResult;
    if ((field === 'sentiment' ? r.sentiment.label : r.category) === it[field]) ok++;
  });
  return ok / items.length;
}

/**
 * Documents per second on one core: the set is repeated for at least ~1.2 s of wall
 * time; the rate is given per second of this process's CPU time (robust to a busy
 * machine; the analyzer is single-threaded) and per second of wall time.
 */
function throughput(analyzer: OfflineAnalyzer, items: Item[]): { cpu: number; wall: number } {
  for (const it of items) analyzer.analyzeSync({ text: it.text, language: it.lang });
  let docs = 0;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < 1.2) {
    for (const it of items) analyzer.analyzeSync({ text: it.text, language: it.lang });
    docs += items.length;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  const cpu = process.cpuUsage(cpu0);
  return { cpu: docs / ((cpu.user + cpu.system) / 1e6), wall: docs / elapsed };
}

function report(name: string, items: Item[], results: AnalysisResult[], threshold: number, analyzer: OfflineAnalyzer): void {
  const gold = items.map((i) => i.sentiment);
  const pred = results.map((r) => r.sentiment.label);
  const sent = items.filter((_, i) => (results[i] as AnalysisResult).confidence < threshold);
  const kept = items.filter((_, i) => (results[i] as AnalysisResult).confidence >= threshold);
  const resultsOf = (subset: Item[]): AnalysisResult[] => subset.map((it) => results[items.indexOf(it)] as AnalysisResult);
  const cost = sent.reduce((sum, it) => sum + comprehendCost(it.text), 0);
  const avgChars = items.reduce((s, it) => s + it.text.length, 0) / items.length;
  console.log(`\n== ${name}: ${items.length} items (avg ${avgChars.toFixed(0)} chars)`);
  console.log(`  sentiment accuracy ${pct(accuracy(items, results, 'sentiment'))}   macro-F1 ${macroF1(gold, pred).toFixed(3)}`);
  console.log(confusion(gold, pred));
  console.log(`  category accuracy  ${pct(accuracy(items, results, 'category'))}`);
  const speed = throughput(analyzer, items);
  const n = (x: number): string => Math.round(x).toLocaleString('en-US');
  console.log(`  throughput         ${n(speed.cpu)} docs/s per CPU-second on one core (${n(speed.wall)} docs/s wall clock)`);
  console.log(`  cascade @ ${threshold}: ${pct(sent.length / items.length)} sent to Comprehend (${sent.length}/${items.length})`);
  console.log(`    cost per million items: $${((cost / items.length) * 1e6).toFixed(2)}  (all to Comprehend: $${((items.reduce((s, it) => s + comprehendCost(it.text), 0) / items.length) * 1e6).toFixed(2)})`);
  const fmt = (subset: Item[]): string =>
    subset.length === 0
      ? 'n/a'
      : `sentiment ${pct(accuracy(subset, resultsOf(subset), 'sentiment'))}, category ${pct(accuracy(subset, resultsOf(subset), 'category'))}`;
  console.log(`    offline accuracy on kept items (${kept.length}): ${fmt(kept)}`);
  console.log(`    offline accuracy on sent items (${sent.length}): ${fmt(sent)}`);
}

function main(): void {
  const { file, threshold, showErrors } = parseArgs(process.argv.slice(2));
  const items = load(file);
  const analyzer = new OfflineAnalyzer();
  const results = items.map((it) => analyzer.analyzeSync({ text: it.text, language: it.lang }));
  console.log(`Offline analyzer bench: ${file}`);
  console.log(
    `Cost assumption: items below the threshold get Comprehend DetectSentiment + DetectKeyPhrases + DetectDominantLanguage,` +
      ` each $${PRICE_PER_UNIT} per 100-char unit, ${MIN_UNITS}-unit minimum; PII stays offline; offline pass costs $0.`,
  );
  const langs = [...new Set(items.map((i) => i.lang))].sort();
  for (const lang of langs) {
    const idx = items.map((it, i) => (it.lang === lang ? i : -1)).filter((i) => i >= 0);
    report(lang, idx.map((i) => items[i] as Item), idx.map((i) => results[i] as AnalysisResult), threshold, analyzer);
  }
  if (langs.length > 1) report('all', items, results, threshold, analyzer);
  if (showErrors) {
    console.log('\nErrors (id gold->pred sentiment | category, confidence):');
    items.forEach((it, i) => {
      const r = results[i] as AnalysisResult;
      if (r.sentiment.label === it.sentiment && r.category === it.category) return;
      console.log(
        `  ${it.id} ${it.sentiment}->${r.sentiment.label} | ${it.category}->${r.category} c=${r.confidence} :: ${JSON.stringify(it.text.slice(0, 160))}`,
      );
    });
  }
}

main();
