import { BatchDetectKeyPhrasesCommand, BatchDetectSentimentCommand, ComprehendClient, DetectPiiEntitiesCommand, InvalidRequestException, TooManyRequestsException } from '@aws-sdk/client-comprehend';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchingAnalyzer } from '../../shared/adapters/batching-analyzer.adapter.js';
import { CascadeAnalyzer } from '../../shared/adapters/cascade-analyzer.adapter.js';
import { ComprehendAnalyzer } from '../../shared/adapters/comprehend-analyzer.adapter.js';
import type { AnalysisResult, AnalyzeInput } from '../../shared/domain/analysis.schema.js';
import { AnalyzerUnavailableError } from '../../shared/domain/analyzer.errors.js';
import type { Analyzer } from '../../shared/ports/analyzer.port.js';

/** Offline fake whose confidence is read from the text: "c=0.42 …". */
function fakeOffline(): Analyzer & { batches: AnalyzeInput[][] } {
  const batches: AnalyzeInput[][] = [];
  const one = (input: AnalyzeInput): AnalysisResult => ({
    language: { code: input.language ?? 'en', confidence: 0.8 },
    sentiment: { label: 'POSITIVE', scores: { Positive: 0.6, Negative: 0.1, Neutral: 0.2, Mixed: 0.1 } },
    category: 'praise',
    keyPhrases: [`offline:${input.text}`],
    pii: [],
    redactedText: input.text,
    engine: 'offline',
    confidence: Number(/c=([\d.]+)/.exec(input.text)?.[1] ?? '0'),
  });
  return {
    name: 'fake-offline',
    batches,
    analyze: async (input) => one(input),
    analyzeBatch: async (inputs) => {
      batches.push([...inputs]);
      return inputs.map(one);
    },
  };
}

/** Comprehend fake: records each enrich call and marks what it touched. */
function fakeComprehend(behaviour?: () => Promise<never>) {
  const calls: Array<{ inputs: AnalyzeInput[]; offline: AnalysisResult[] }> = [];
  return {
    calls,
    enrich: async (inputs: readonly AnalyzeInput[], offline: readonly AnalysisResult[]): Promise<AnalysisResult[]> => {
      calls.push({ inputs: [...inputs], offline: [...offline] });
      if (behaviour) return behaviour();
      return offline.map((r, i) => ({ ...r, engine: 'comprehend', confidence: 0.99, keyPhrases: [`comprehend:${inputs[i]?.text}`] }));
    },
  };
}

const inputs: AnalyzeInput[] = [
  { text: 'c=0.90 first' },
  { text: 'c=0.20 second' },
  { text: 'c=0.70 third' }, // exactly the threshold: stays offline
  { text: 'c=0.69 fourth' },
  { text: 'c=0.95 fifth' },
];

describe('CascadeAnalyzer routing', () => {
  it('keeps confident offline results, sends the rest to Comprehend in one call, and preserves input order', async () => {
    const offline = fakeOffline();
    const comprehend = fakeComprehend();
    const cascade = new CascadeAnalyzer({ offline, comprehend, threshold: 0.7 });
    const results = await cascade.analyzeBatch(inputs);

    expect(cascade.name).toBe('cascade');
    expect(offline.batches).toEqual([inputs]);
    expect(comprehend.calls).toHaveLength(1);
    expect(comprehend.calls[0]?.inputs.map((i) => i.text)).toEqual(['c=0.20 second', 'c=0.69 fourth']);
    expect(comprehend.calls[0]?.offline.map((r) => r.confidence)).toEqual([0.2, 0.69]);
    expect(results.map((r) => r.engine)).toEqual(['offline', 'comprehend', 'offline', 'comprehend', 'offline']);
    expect(results.map((r) => r.keyPhrases[0])).toEqual([
      'offline:c=0.90 first',
      'comprehend:c=0.20 second',
      'offline:c=0.70 third',
      'comprehend:c=0.69 fourth',
      'offline:c=0.95 fifth',
    ]);
  });

  it('does not call Comprehend when every item is confident, nor for an empty batch', async () => {
    const comprehend = fakeComprehend();
    const cascade = new CascadeAnalyzer({ offline: fakeOffline(), comprehend, threshold: 0.5 });
    const results = await cascade.analyzeBatch([{ text: 'c=0.9 a' }, { text: 'c=0.5 b' }]);
    expect(results.map((r) => r.engine)).toEqual(['offline', 'offline']);
    expect(await cascade.analyzeBatch([])).toEqual([]);
    expect(comprehend.calls).toHaveLength(0);
  });

  it('analyze() routes a single input the same way', async () => {
    const comprehend = fakeComprehend();
    const cascade = new CascadeAnalyzer({ offline: fakeOffline(), comprehend, threshold: 0.5 });
    expect((await cascade.analyze({ text: 'c=0.1 lonely' })).engine).toBe('comprehend');
    expect((await cascade.analyze({ text: 'c=0.9 sure' })).engine).toBe('offline');
    expect(comprehend.calls.map((c) => c.inputs)).toEqual([[{ text: 'c=0.1 lonely' }]]);
  });

  it('rejects a threshold outside 0..1', () => {
    expect(() => new CascadeAnalyzer({ offline: fakeOffline(), comprehend: fakeComprehend(), threshold: 1.5 })).toThrow(RangeError);
    expect(() => new CascadeAnalyzer({ offline: fakeOffline(), comprehend: fakeComprehend(), threshold: Number.NaN })).toThrow(RangeError);
  });
});

describe('CascadeAnalyzer when Comprehend is unavailable', () => {
  const unavailable = () => Promise.reject(new AnalyzerUnavailableError('throttled', { cause: new Error('ThrottlingException') }));

  it("'fail' (the default) rethrows so the SQS message is retried", async () => {
    const cascade = new CascadeAnalyzer({ offline: fakeOffline(), comprehend: fakeComprehend(unavailable), threshold: 0.7 });
    const error = await cascade.analyzeBatch(inputs).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnalyzerUnavailableError);
    expect((error as AnalyzerUnavailableError).status).toBe(503);
  });

  it("'offline' keeps the offline results and reports the degradation", async () => {
    const onDegraded = vi.fn();
    const cascade = new CascadeAnalyzer({
      offline: fakeOffline(),
      comprehend: fakeComprehend(unavailable),
      threshold: 0.7,
      onComprehendUnavailable: 'offline',
      onDegraded,
    });
    const results = await cascade.analyzeBatch(inputs);
    expect(results.map((r) => r.engine)).toEqual(['offline', 'offline', 'offline', 'offline', 'offline']);
    expect(results.map((r) => r.confidence)).toEqual([0.9, 0.2, 0.7, 0.69, 0.95]);
    expect(onDegraded).toHaveBeenCalledTimes(1);
    expect(onDegraded.mock.calls[0]?.[0]).toMatchObject({ items: 2 });
    expect(onDegraded.mock.calls[0]?.[0].error).toBeInstanceOf(AnalyzerUnavailableError);
  });

  it("'offline' still propagates any other error", async () => {
    const boom = new TypeError('bug');
    const cascade = new CascadeAnalyzer({
      offline: fakeOffline(),
      comprehend: fakeComprehend(() => Promise.reject(boom)),
      threshold: 0.7,
      onComprehendUnavailable: 'offline',
      onDegraded: () => {},
    });
    await expect(cascade.analyzeBatch(inputs)).rejects.toBe(boom);
  });
});

describe('CascadeAnalyzer with the real ComprehendAnalyzer (mocked client)', () => {
  const cm = mockClient(ComprehendClient);
  beforeEach(() => {
    cm.reset();
    cm.on(BatchDetectSentimentCommand).callsFake(async (input: { TextList: string[] }) => ({
      ResultList: input.TextList.map((_, i) => ({ Index: i, Sentiment: 'NEGATIVE', SentimentScore: { Positive: 0.01, Negative: 0.97, Neutral: 0.01, Mixed: 0.01 } })),
      ErrorList: [],
    }));
    cm.on(BatchDetectKeyPhrasesCommand).callsFake(async (input: { TextList: string[] }) => ({
      ResultList: input.TextList.map((_, i) => ({ Index: i, KeyPhrases: [] })),
      ErrorList: [],
    }));
    cm.on(DetectPiiEntitiesCommand).resolves({ Entities: [] });
  });

  it('sends only the unsure items to Comprehend and returns them as engine comprehend', async () => {
    const offline = fakeOffline();
    const comprehend = new ComprehendAnalyzer({ client: new ComprehendClient({}), offline, sleep: async () => {}, onNotice: () => {} });
    const cascade = new CascadeAnalyzer({ offline, comprehend, threshold: 0.7 });
    const results = await cascade.analyzeBatch(inputs.map((i) => ({ ...i, language: 'en' })));

    expect(offline.batches).toHaveLength(1); // enrich does not re-run the offline engine
    expect(cm.commandCalls(BatchDetectSentimentCommand).map((c) => c.args[0].input.TextList)).toEqual([['c=0.20 second', 'c=0.69 fourth']]);
    expect(results.map((r) => r.engine)).toEqual(['offline', 'comprehend', 'offline', 'comprehend', 'offline']);
    expect(results[1]?.sentiment.label).toBe('NEGATIVE');
    expect(results[1]?.category).toBe('complaint'); // offline praise flipped by Comprehend's NEGATIVE
    expect(results[1]?.confidence).toBe(0.97);
    expect(results[0]?.category).toBe('praise');
  });
});

describe('CascadeAnalyzer per record, with the real ComprehendAnalyzer (mocked client)', () => {
  const cm = mockClient(ComprehendClient);
  const throttled = () => new TooManyRequestsException({ message: 'slow down', $metadata: { httpStatusCode: 400 } });
  // Two unsure items in Portuguese (one call), one unsure in English (another call), one confident.
  const mixed: AnalyzeInput[] = [{ text: 'c=0.1 um', language: 'pt' }, { text: 'c=0.1 two', language: 'en' }, { text: 'c=0.9 three', language: 'en' }, { text: 'c=0.1 quatro', language: 'pt' }];
  beforeEach(() => {
    cm.reset();
    cm.on(BatchDetectSentimentCommand).callsFake(async (input: { TextList: string[]; LanguageCode: string }) => {
      if (input.LanguageCode === 'pt') throw throttled();
      return { ResultList: input.TextList.map((_, i) => ({ Index: i, Sentiment: 'NEGATIVE', SentimentScore: { Positive: 0.01, Negative: 0.97, Neutral: 0.01, Mixed: 0.01 } })), ErrorList: [] };
    });
  });
  const comprehend = (offline: Analyzer) =>
    new ComprehendAnalyzer({ client: new ComprehendClient({}), offline, sleep: async () => {}, maxRetries: 1, onNotice: () => {}, escalate: 'sentiment' });

  it("'fail': only the records of the throttled call are errors (their SQS records are retried); the others are analyzed", async () => {
    const offline = fakeOffline();
    const settled = await new CascadeAnalyzer({ offline, comprehend: comprehend(offline), threshold: 0.7 }).analyzeBatchSettled(mixed);
    expect(settled.map((r) => (r instanceof Error ? r.name : r.engine))).toEqual(['AnalyzerUnavailableError', 'comprehend', 'offline', 'AnalyzerUnavailableError']);
  });

  it("'offline': the throttled records keep their offline result, marked comprehend-unavailable", async () => {
    const offline = fakeOffline();
    const onDegraded = vi.fn();
    const cascade = new CascadeAnalyzer({ offline, comprehend: comprehend(offline), threshold: 0.7, onComprehendUnavailable: 'offline', onDegraded });
    const results = await cascade.analyzeBatch(mixed);
    expect(results.map((r) => [r.engine, r.fallback?.reason])).toEqual([
      ['offline', 'comprehend-unavailable'], ['comprehend', undefined], ['offline', undefined], ['offline', 'comprehend-unavailable'],
    ]);
    expect(results[0]?.fallback?.errorCode).toBe('TooManyRequestsException');
    expect(onDegraded.mock.calls[0]?.[0]).toMatchObject({ items: 2 });
  });

  it('a non-throttling batch error keeps the offline result for its records only, marked comprehend-error, never an error', async () => {
    cm.on(BatchDetectSentimentCommand).callsFake(async (input: { TextList: string[]; LanguageCode: string }) => {
      if (input.LanguageCode === 'pt') throw new InvalidRequestException({ message: 'unsupported', $metadata: { httpStatusCode: 400 } });
      return { ResultList: input.TextList.map((_, i) => ({ Index: i, Sentiment: 'NEGATIVE', SentimentScore: { Positive: 0.01, Negative: 0.97, Neutral: 0.01, Mixed: 0.01 } })), ErrorList: [] };
    });
    const offline = fakeOffline();
    const results = await new CascadeAnalyzer({ offline, comprehend: comprehend(offline), threshold: 0.7 }).analyzeBatch(mixed);
    expect(results.map((r) => [r.engine, r.fallback?.reason, r.fallback?.errorCode])).toEqual([
      ['offline', 'comprehend-error', 'InvalidRequestException'], ['comprehend', undefined, undefined], ['offline', undefined, undefined], ['offline', 'comprehend-error', 'InvalidRequestException'],
    ]);
  });

  it('through the BatchingAnalyzer, concurrent analyze() calls settle one by one (as the processor\'s records do)', async () => {
    const offline = fakeOffline();
    const batching = new BatchingAnalyzer(new CascadeAnalyzer({ offline, comprehend: comprehend(offline), threshold: 0.7 }));
    const outcome = await Promise.allSettled(mixed.map((input) => batching.analyze(input)));
    expect(outcome.map((o) => o.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'rejected']);
    expect(cm.commandCalls(BatchDetectSentimentCommand).map((c) => c.args[0].input.LanguageCode).sort()).toEqual(['en', 'pt', 'pt']); // one batch: pt tried and retried once, en once
  });
});
