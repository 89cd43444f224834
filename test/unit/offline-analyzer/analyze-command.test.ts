import { PassThrough, Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { analyzeCommand } from '../../../local/commands/analyze.command.js';
import { OfflineAnalyzer } from '../../../shared/adapters/offline-analyzer/offline-analyzer.adapter.js';
import type { AnalysisResult, AnalyzeInput } from '../../../shared/domain/analysis.schema.js';
import type { Analyzer } from '../../../shared/ports/analyzer.port.js';

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  return { stream, text: () => chunks.join('') };
}

async function run(input: string, argv: string[] = [], make?: (engine: string) => Analyzer) {
  const out = sink();
  const err = sink();
  const engines: string[] = [];
  const code = await analyzeCommand(argv, { stdin: Readable.from([input]), stdout: out.stream, stderr: err.stream }, (e) => {
    engines.push(e);
    return make ? make(e) : new OfflineAnalyzer();
  });
  const lines = out.text().split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, lines, stderr: err.text(), engines };
}

describe('analyzeCommand', () => {
  it('writes one JSON line per input with the offline engine by default', async () => {
    const input = [
      JSON.stringify({ id: 'a1', text: 'ótimo atendimento, resolveram tudo!', lang: 'pt', channel: 'social' }),
      JSON.stringify({ id: 2, text: 'How do I reset my password?' }),
    ].join('\n');
    const { code, lines, stderr, engines } = await run(input + '\n');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(engines).toEqual(['offline']);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ id: 'a1', language: 'pt', sentiment: { label: 'POSITIVE' }, category: 'praise', engine: 'offline' });
    expect(Object.keys(lines[0]!).sort()).toEqual(['category', 'confidence', 'engine', 'id', 'keyPhrases', 'language', 'sentiment']);
    expect(lines[1]).toMatchObject({ id: 2, language: 'en', category: 'question' });
    expect(Object.keys((lines[1]!.sentiment as { scores: object }).scores).sort()).toEqual(['Mixed', 'Negative', 'Neutral', 'Positive']);
  });

  it('reports bad lines by number on stderr, skips them and keeps going', async () => {
    const input = [
      '{"id":"ok1","text":"bom"}',
      '{not json',
      '{"id":"x"}',
      '',
      '{"id":"c","text":"hi","channel":"fax"}',
      '[1,2]',
      '{"id":"ok2","text":"ruim"}',
    ].join('\n');
    const { code, lines, stderr } = await run(input);
    expect(lines.map((l) => l.id)).toEqual(['ok1', 'ok2']);
    expect(stderr).toMatch(/^line 2: invalid JSON/m);
    expect(stderr).toMatch(/^line 3: 'text' must be a string/m);
    expect(stderr).toMatch(/^line 5: 'channel' must be one of/m);
    expect(stderr).toMatch(/^line 6: expected a JSON object/m);
    expect(stderr).not.toMatch(/line 4/);
    expect(code).toBe(1);
  });

  it('uses the engine named by --engine and survives a failing analyzer', async () => {
    const flaky: Analyzer = {
      name: 'comprehend',
      analyzeBatch: async () => {
        throw new Error('throttled');
      },
      analyze: async (input: AnalyzeInput): Promise<AnalysisResult> => {
        if (input.text === 'boom') throw new Error('unavailable');
        return new OfflineAnalyzer().analyzeSync(input);
      },
    };
    const input = ['{"id":1,"text":"great"}', '{"id":2,"text":"boom"}', '{"id":3,"text":"awful"}'].join('\n');
    const { code, lines, stderr, engines } = await run(input, ['--engine', 'comprehend'], () => flaky);
    expect(engines).toEqual(['comprehend']);
    expect(lines.map((l) => l.id)).toEqual([1, 3]);
    expect(stderr).toMatch(/^line 2: analysis failed: unavailable/m);
    expect(code).toBe(1);
  });

  it('rejects unknown options and engines with exit code 2', async () => {
    expect((await run('', ['--wat'])).code).toBe(2);
    const bad = await run('', ['--engine=nope'], () => {
      throw new Error('unknown engine');
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/nope/);
  });

  it('streams thousands of lines quickly and respects backpressure', async () => {
    const n = 5000;
    const texts = ['adorei, entrega rápida', 'never again, awful support', 'qual o prazo do estorno?', 'ok'];
    const input = Array.from({ length: n }, (_, i) => JSON.stringify({ id: i, text: texts[i % texts.length] })).join('\n');
    // A slow reader with a tiny buffer: the command must wait for 'drain' instead of buffering everything.
    let received = 0;
    const out = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, cb) {
        received += chunk.toString().split('\n').length - 1;
        setImmediate(cb);
      },
    });
    const err = new PassThrough();
    const started = performance.now();
    const code = await analyzeCommand(['--batch', '200'], { stdin: Readable.from([input]), stdout: out, stderr: err }, () => new OfflineAnalyzer());
    const seconds = (performance.now() - started) / 1000;
    expect(code).toBe(0);
    expect(received).toBe(n);
    expect(n / seconds).toBeGreaterThan(1000);
  });
});
