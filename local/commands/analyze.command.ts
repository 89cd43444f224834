/**
 * `ouvidor analyze [--engine offline|comprehend|cascade] [--batch N]`
 *
 * Reads JSON lines `{id, text, lang?, channel?}` from stdin and writes one JSON line
 * per valid input: `{id, language, sentiment: {label, scores}, category, keyPhrases,
 * engine, confidence}`. A bad line gets `line N: reason` on stderr and is skipped.
 * Streams with readline, analyzes in batches, and honours stdout backpressure.
 *
 * Exit code: 0 when every line was analyzed, 1 when some lines were skipped or the
 * output closed early, 2 on usage errors (unknown option or engine).
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { ChannelSchema, type AnalysisResult, type AnalyzeInput } from '../../shared/domain/analysis.schema.js';
import type { Analyzer } from '../../shared/ports/analyzer.port.js';

export interface AnalyzeIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const DEFAULT_BATCH = 100;
const MAX_BATCH = 1000;

interface Options {
  engine: string;
  batch: number;
}

interface Pending {
  line: number;
  id: string | number;
  input: AnalyzeInput;
}

function parseOptions(argv: string[]): Options | string {
  const opts: Options = { engine: 'offline', batch: DEFAULT_BATCH };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split('=', 2) : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (name === '--engine') {
      const v = value();
      if (!v) return '--engine needs a value';
      opts.engine = v;
    } else if (name === '--batch') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1 || n > MAX_BATCH) return `--batch must be an integer from 1 to ${MAX_BATCH}`;
      opts.batch = n;
    } else {
      return `unknown option '${arg}'`;
    }
  }
  return opts;
}

/** Validates one input line; returns the pending item or the reason it is rejected. */
function parseLine(raw: string, line: number): Pending | string {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    return `invalid JSON (${e instanceof Error ? e.message : String(e)})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected a JSON object';
  const o = value as Record<string, unknown>;
  if (typeof o.id !== 'string' && typeof o.id !== 'number') return "'id' must be a string or a number";
  if (typeof o.text !== 'string') return "'text' must be a string";
  if (o.lang !== undefined && (typeof o.lang !== 'string' || !/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/.test(o.lang))) {
    return "'lang' must be a language code such as 'pt' or 'en'";
  }
  const input: { text: string; language?: string; channel?: AnalyzeInput['channel'] } = { text: o.text };
  if (typeof o.lang === 'string') input.language = o.lang.slice(0, 2).toLowerCase();
  if (o.channel !== undefined) {
    const channel = ChannelSchema.safeParse(o.channel);
    if (!channel.success) return `'channel' must be one of ${ChannelSchema.options.join(', ')}`;
    input.channel = channel.data;
  }
  return { line, id: o.id, input };
}

function toOutput(id: string | number, r: AnalysisResult): string {
  return (
    JSON.stringify({
      id,
      language: r.language.code,
      sentiment: { label: r.sentiment.label, scores: r.sentiment.scores },
      category: r.category,
      keyPhrases: r.keyPhrases,
      engine: r.engine,
      confidence: r.confidence,
    }) + '\n'
  );
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function analyzeCommand(
  argv: string[],
  io: AnalyzeIo,
  makeAnalyzer: (engine: string) => Analyzer,
): Promise<number> {
  const opts = parseOptions(argv);
  if (typeof opts === 'string') {
    io.stderr.write(`analyze: ${opts}\nUsage: ouvidor analyze [--engine offline|comprehend|cascade] [--batch N]\n`);
    return 2;
  }
  let analyzer: Analyzer;
  try {
    analyzer = makeAnalyzer(opts.engine);
  } catch (e) {
    io.stderr.write(`analyze: cannot use engine '${opts.engine}': ${message(e)}\n`);
    return 2;
  }

  let failures = 0;
  let outputClosed = false;
  const onOutputError = (): void => {
    outputClosed = true;
  };
  io.stdout.on('error', onOutputError);

  const write = async (chunk: string): Promise<void> => {
    if (outputClosed) return;
    if (!io.stdout.write(chunk)) {
      await Promise.race([once(io.stdout, 'drain'), once(io.stdout, 'close'), once(io.stdout, 'error')]);
    }
  };
  const fail = (line: number, reason: string): void => {
    failures++;
    io.stderr.write(`line ${line}: ${reason}\n`);
  };

  const flush = async (batch: Pending[]): Promise<void> => {
    if (batch.length === 0) return;
    let results: Array<AnalysisResult | Error>;
    try {
      results = await analyzer.analyzeBatch(batch.map((p) => p.input));
    } catch {
      // The batch failed as a whole: retry item by item so one bad item costs only itself.
      results = await Promise.all(batch.map((p) => analyzer.analyze(p.input).catch((e: unknown) => new Error(message(e)))));
    }
    let out = '';
    batch.forEach((p, i) => {
      const r = results[i];
      if (r === undefined) fail(p.line, 'no result from the analyzer');
      else if (r instanceof Error) fail(p.line, `analysis failed: ${r.message}`);
      else out += toOutput(p.id, r);
    });
    await write(out);
  };

  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  let batch: Pending[] = [];
  try {
    for await (const raw of rl) {
      lineNo++;
      if (outputClosed) break;
      if (raw.trim().length === 0) continue;
      const parsed = parseLine(raw, lineNo);
      if (typeof parsed === 'string') {
        fail(lineNo, parsed);
        continue;
      }
      batch.push(parsed);
      if (batch.length >= opts.batch) {
        const full = batch;
        batch = [];
        await flush(full);
      }
    }
    await flush(batch);
  } catch (e) {
    io.stderr.write(`analyze: stopped after line ${lineNo}: ${message(e)}\n`);
    failures++;
  } finally {
    rl.close();
    io.stdout.off('error', onOutputError);
  }
  if (outputClosed) io.stderr.write('analyze: output closed early\n');
  return failures > 0 || outputClosed ? 1 : 0;
}
