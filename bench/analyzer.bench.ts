/**
 * Offline analyzer benchmark on a labeled JSON-lines file.
 *
 *   npm run bench:analyzer -- [file.jsonl] [--threshold 0.5] [--escalate sentiment|all] [--errors] [--save]
 *
 * File fields: {id, lang, channel, text, sentiment, category}. Default file:
 * ../shared/data/feedback-dev.jsonl, relative to the repo root.
 * Prints per language: sentiment accuracy, macro-F1 and confusion matrix, category
 * accuracy, documents/second on one core, and the cascade figures (share sent to
 * Comprehend, the Comprehend units it bills under the escalation mode, cost per million items,
 * accuracy kept vs sent) and what the default workflow rules do with the items (the share the
 * acknowledgement policy answers by email, the share that notifies the team). `--save` writes
 * these figures under the `analyzer` key of docs/benchmarks.json (other keys kept), where
 * `ouvidor cost` reads them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalysisResult, SentimentLabel } from '../shared/domain/analysis.schema.js';
import { DEFAULT_CASCADE_THRESHOLD, OfflineAnalyzer } from '../shared/adapters/offline-analyzer/offline-analyzer.adapter.js';
import { planActions } from '../shared/domain/workflows/action-plan.js';
import { DEFAULT_RULES } from '../shared/domain/workflows/default-rules.js';
import { matchRules } from '../shared/domain/workflows/rule-matcher.js';
import type { Feedback } from '../shared/domain/feedback.schema.js';
import { COMPREHEND_ESCALATIONS, type ComprehendEscalation } from '../shared/adapters/comprehend-analyzer.adapter.js';
import { comprehendUnits } from './comprehend-units.js';

interface Item {
  id: string;
  lang: string;
  channel?: string;
  text: string;
  sentiment: SentimentLabel;
  category: string;
}

const LABELS: readonly SentimentLabel[] = ['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'];
/** Comprehend list price: $0.0001 per 100-character unit, 3 units minimum per document. */
const PRICE_PER_UNIT = 0.0001;
/**
 * Calls billed for an item sent to Comprehend: `sentiment` (the cascade's default) only
 * BatchDetectSentiment; `all` also the language (the web form gives none), key phrases and, for
 * English, PII (pt has no Comprehend PII).
 */
const callsPerItem = (mode: ComprehendEscalation, lang: string): number => (mode === 'sentiment' ? 1 : 3 + (lang.startsWith('en') ? 1 : 0));

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Args {
  file: string;
  threshold: number;
  escalate: ComprehendEscalation;
  showErrors: boolean;
  save: boolean;
}

function parseArgs(argv: string[]): Args {
  let file = '../shared/data/feedback-dev.jsonl';
  let threshold = DEFAULT_CASCADE_THRESHOLD;
  let escalate: string = 'sentiment';
  let showErrors = false;
  let save = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--threshold') threshold = Number(argv[++i]);
    else if (a.startsWith('--threshold=')) threshold = Number(a.slice('--threshold='.length));
    else if (a === '--escalate') escalate = String(argv[++i]);
    else if (a.startsWith('--escalate=')) escalate = a.slice('--escalate='.length);
    else if (a === '--errors') showErrors = true;
    else if (a === '--save') save = true;
    else file = a;
  }
  if (!Number.isFinite(threshold)) throw new Error('--threshold must be a number');
  const mode = COMPREHEND_ESCALATIONS.find((m) => m === escalate);
  if (!mode) throw new Error(`--escalate must be one of ${COMPREHEND_ESCALATIONS.join(', ')}`);
  return { file: resolve(repoRoot, file), threshold, escalate: mode, showErrors, save };
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

function comprehendCost(it: Item, mode: ComprehendEscalation): number {
  return comprehendUnits(it.text, it.lang) * PRICE_PER_UNIT * callsPerItem(mode, it.lang);
}

/** The item as the workflows see it once analyzed offline: a customer with an email, as from the web form. */
function asFeedback(it: Item, r: AnalysisResult): Feedback {
  return {
    id: it.id, channel: (it.channel ?? 'web') as Feedback['channel'], receivedAt: '2026-01-01T00:00:00.000Z', customer: { email: 'customer@example.com' },
    text: it.text, language: r.language.code, sentiment: r.sentiment, category: r.category, keyPhrases: r.keyPhrases,
    status: 'new', priority: 'normal', labels: [], source: { provider: 'web' }, stage: 'analyzed', sweeps: 0, version: 2,
    createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
  } as Feedback;
}

/** What the default rules (and their acknowledgement policy) plan for each item. */
function workflowShares(items: Item[], results: AnalysisResult[]): { acknowledgedShare: number; teamNotifiedShare: number } {
  let acknowledged = 0;
  let notified = 0;
  items.forEach((it, i) => {
    const plan = planActions(matchRules(DEFAULT_RULES, 'analyzed', asFeedback(it, results[i] as AnalysisResult)), DEFAULT_RULES.acknowledgements);
    if (plan.some((a) => a.type === 'sendMessage')) acknowledged++;
    if (plan.some((a) => a.type === 'notifyTeam')) notified++;
  });
  return { acknowledgedShare: acknowledged / items.length, teamNotifiedShare: notified / items.length };
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

function report(name: string, items: Item[], results: AnalysisResult[], threshold: number, analyzer: OfflineAnalyzer, mode: ComprehendEscalation): AnalyzerFigures {
  const gold = items.map((i) => i.sentiment);
  const pred = results.map((r) => r.sentiment.label);
  const sent = items.filter((_, i) => (results[i] as AnalysisResult).confidence < threshold);
  const kept = items.filter((_, i) => (results[i] as AnalysisResult).confidence >= threshold);
  const resultsOf = (subset: Item[]): AnalysisResult[] => subset.map((it) => results[items.indexOf(it)] as AnalysisResult);
  const cost = sent.reduce((sum, it) => sum + comprehendCost(it, mode), 0);
  const units = sent.reduce((sum, it) => sum + comprehendUnits(it.text, it.lang), 0);
  const avgChars = items.reduce((s, it) => s + it.text.length, 0) / items.length;
  console.log(`\n== ${name}: ${items.length} items (avg ${avgChars.toFixed(0)} chars)`);
  console.log(`  sentiment accuracy ${pct(accuracy(items, results, 'sentiment'))}   macro-F1 ${macroF1(gold, pred).toFixed(3)}`);
  console.log(confusion(gold, pred));
  console.log(`  category accuracy  ${pct(accuracy(items, results, 'category'))}`);
  const speed = throughput(analyzer, items);
  const n = (x: number): string => Math.round(x).toLocaleString('en-US');
  console.log(`  throughput         ${n(speed.cpu)} docs/s per CPU-second on one core (${n(speed.wall)} docs/s wall clock)`);
  console.log(`  cascade @ ${threshold}: ${pct(sent.length / items.length)} sent to Comprehend (${sent.length}/${items.length})`);
  console.log(`    Comprehend (${mode}): ${(units / Math.max(1, sent.length)).toFixed(2)} units per escalated item and call; cost per million items: $${((cost / items.length) * 1e6).toFixed(2)}  (all to Comprehend: $${((items.reduce((s, it) => s + comprehendCost(it, mode), 0) / items.length) * 1e6).toFixed(2)})`);
  const shares = workflowShares(items, results);
  console.log(`  workflows (default rules, acknowledgements: ${DEFAULT_RULES.acknowledgements}): ${pct(shares.acknowledgedShare)} acknowledged by email, ${pct(shares.teamNotifiedShare)} notify the team`);
  const fmt = (subset: Item[]): string =>
    subset.length === 0
      ? 'n/a'
      : `sentiment ${pct(accuracy(subset, resultsOf(subset), 'sentiment'))}, category ${pct(accuracy(subset, resultsOf(subset), 'category'))}`;
  console.log(`    offline accuracy on kept items (${kept.length}): ${fmt(kept)}`);
  console.log(`    offline accuracy on sent items (${sent.length}): ${fmt(sent)}`);
  const round = (x: number): number => Math.round(x * 10_000) / 10_000;
  return {
    items: items.length,
    threshold,
    escalate: mode,
    avgChars: round(avgChars),
    cascadeShare: round(sent.length / items.length),
    comprehendUnitsPerItem: round(units / Math.max(1, sent.length)),
    comprehendCallsPerEscalatedItem: round(sent.reduce((s, it) => s + callsPerItem(mode, it.lang), 0) / Math.max(1, sent.length)),
    comprehendUsdPerMillion: round((cost / items.length) * 1e6),
    sentimentAccuracy: round(accuracy(items, results, 'sentiment')),
    sentimentMacroF1: round(macroF1(gold, pred)),
    categoryAccuracy: round(accuracy(items, results, 'category')),
    docsPerSecondOneCore: Math.round(speed.cpu),
    acknowledgedShare: round(shares.acknowledgedShare),
    teamNotifiedShare: round(shares.teamNotifiedShare),
  };
}

interface AnalyzerFigures {
  items: number;
  threshold: number;
  escalate: ComprehendEscalation;
  avgChars: number;
  cascadeShare: number;
  comprehendUnitsPerItem: number;
  comprehendCallsPerEscalatedItem: number;
  comprehendUsdPerMillion: number;
  sentimentAccuracy: number;
  sentimentMacroF1: number;
  categoryAccuracy: number;
  docsPerSecondOneCore: number;
  acknowledgedShare: number;
  teamNotifiedShare: number;
}

/** Writes the `analyzer` key of docs/benchmarks.json, keeping every other key. */
function save(file: string, overall: AnalyzerFigures, byLanguage: Record<string, AnalyzerFigures>, items: Item[]): string {
  const target = resolve(repoRoot, 'docs/benchmarks.json');
  const existing = existsSync(target) ? (JSON.parse(readFileSync(target, 'utf8')) as Record<string, unknown>) : {};
  const englishShare = items.filter((i) => i.lang.startsWith('en')).length / items.length;
  const analyzer = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
    command: 'npm run bench:analyzer -- --save',
    file: file.startsWith(repoRoot) ? file.slice(repoRoot.length + 1) : `../${file.split('/').slice(-3).join('/')}`,
    ...overall,
    englishShare: Math.round(englishShare * 10_000) / 10_000,
    byLanguage,
  };
  writeFileSync(target, `${JSON.stringify({ ...existing, analyzer }, null, 2)}\n`);
  return target;
}

function main(): void {
  const { file, threshold, escalate, showErrors, save: saving } = parseArgs(process.argv.slice(2));
  const items = load(file);
  const analyzer = new OfflineAnalyzer();
  const results = items.map((it) => analyzer.analyzeSync({ text: it.text, language: it.lang }));
  console.log(`Offline analyzer bench: ${file}`);
  console.log(
    `Cost assumption: escalate '${escalate}': items below the threshold get ` +
      (escalate === 'sentiment' ? 'BatchDetectSentiment only' : 'DetectDominantLanguage + DetectSentiment + DetectKeyPhrases + DetectPiiEntities (en)') +
      `, each $${PRICE_PER_UNIT} per 100-char unit, 3-unit minimum per document; the offline pass costs $0.`,
  );
  const langs = [...new Set(items.map((i) => i.lang))].sort();
  const byLanguage: Record<string, AnalyzerFigures> = {};
  for (const lang of langs) {
    const idx = items.map((it, i) => (it.lang === lang ? i : -1)).filter((i) => i >= 0);
    byLanguage[lang] = report(lang, idx.map((i) => items[i] as Item), idx.map((i) => results[i] as AnalysisResult), threshold, analyzer, escalate);
  }
  const overall = langs.length > 1 ? report('all', items, results, threshold, analyzer, escalate) : (byLanguage[langs[0] as string] as AnalyzerFigures);
  if (saving) console.log(`\nSaved the analyzer figures to ${save(file, overall, byLanguage, items)}`);
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
