import {
  BatchDetectDominantLanguageCommand,
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
  ComprehendClient,
  DetectDominantLanguageCommand,
  DetectKeyPhrasesCommand,
  DetectPiiEntitiesCommand,
  DetectSentimentCommand,
  InternalServerException,
  InvalidRequestException,
  TooManyRequestsException,
} from '@aws-sdk/client-comprehend';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { COMPREHEND_IAM_ACTIONS, ComprehendAnalyzer, type ComprehendNotice } from '../../shared/adapters/comprehend-analyzer.adapter.js';
import { combineSentimentParts } from '../../shared/adapters/comprehend/sentiment-combine.helper.js';
import { redactText } from '../../shared/adapters/comprehend/pii-redaction.helper.js';
import { MAX_DOCUMENT_BYTES, splitByUtf8Limit, utf8Length } from '../../shared/adapters/comprehend/utf8-chunker.helper.js';
import type { AnalysisResult, AnalyzeInput, Category, SentimentLabel, SentimentScores } from '../../shared/domain/analysis.schema.js';
import { AnalysisResultSchema } from '../../shared/domain/analysis.schema.js';
import { AnalyzerUnavailableError } from '../../shared/domain/analyzer.errors.js';
import type { Analyzer } from '../../shared/ports/analyzer.port.js';

const cm = mockClient(ComprehendClient);
const client = new ComprehendClient({ region: 'us-east-1' });

// ---------- fakes ----------
type OfflinePatch = (input: AnalyzeInput, index: number) => Partial<AnalysisResult>;
function fakeOffline(patch: OfflinePatch = () => ({})): Analyzer & { batches: AnalyzeInput[][] } {
  const batches: AnalyzeInput[][] = [];
  const one = (input: AnalyzeInput, i: number): AnalysisResult => ({
    language: { code: input.language ?? 'pt', confidence: 0.6 },
    sentiment: { label: 'NEUTRAL', scores: { Positive: 0.2, Negative: 0.2, Neutral: 0.5, Mixed: 0.1 } },
    category: 'other',
    keyPhrases: ['offline phrase'],
    pii: [],
    redactedText: input.text,
    engine: 'offline',
    confidence: 0.5,
    ...patch(input, i),
  });
  return {
    name: 'fake-offline',
    batches,
    analyze: async (input) => one(input, 0),
    analyzeBatch: async (inputs) => {
      batches.push([...inputs]);
      return inputs.map(one);
    },
  };
}

const SCORES: Record<SentimentLabel, SentimentScores> = {
  POSITIVE: { Positive: 0.91, Negative: 0.03, Neutral: 0.05, Mixed: 0.01 },
  NEGATIVE: { Positive: 0.02, Negative: 0.88, Neutral: 0.08, Mixed: 0.02 },
  NEUTRAL: { Positive: 0.1, Negative: 0.1, Neutral: 0.75, Mixed: 0.05 },
  MIXED: { Positive: 0.2, Negative: 0.2, Neutral: 0.1, Mixed: 0.5 },
};
/** The fake Comprehend's opinion: whichever of the positive/negative words occurs more. */
const labelFor = (text: string): SentimentLabel => {
  const pos = text.match(/good|great|ótim|Ótim|素晴らしい/g)?.length ?? 0;
  const neg = text.match(/bad|terrible|ruim|péssim|最悪/g)?.length ?? 0;
  return pos > neg ? 'POSITIVE' : neg > pos ? 'NEGATIVE' : pos > 0 ? 'MIXED' : 'NEUTRAL';
};
const languageFor = (text: string): string => (/Olá|ótimo|ruim|obrigad/.test(text) ? 'pt' : /Hallo|goed/.test(text) ? 'nl' : 'en');

function installDefaults(): void {
  cm.on(BatchDetectSentimentCommand).callsFake(async (input: { TextList: string[] }) => ({
    // Deliberately reversed: results must be matched by Index, not position.
    ResultList: input.TextList.map((t, i) => ({ Index: i, Sentiment: labelFor(t), SentimentScore: SCORES[labelFor(t)] })).reverse(),
    ErrorList: [],
  }));
  cm.on(BatchDetectKeyPhrasesCommand).callsFake(async (input: { TextList: string[] }) => ({
    ResultList: input.TextList.map((t, i) => ({ Index: i, KeyPhrases: [{ Text: `kp:${t.slice(0, 12)}`, Score: 0.9 }] })),
    ErrorList: [],
  }));
  cm.on(BatchDetectDominantLanguageCommand).callsFake(async (input: { TextList: string[] }) => ({
    ResultList: input.TextList.map((t, i) => ({ Index: i, Languages: [{ LanguageCode: 'es', Score: 0.1 }, { LanguageCode: languageFor(t), Score: 0.97 }] })),
    ErrorList: [],
  }));
  cm.on(DetectSentimentCommand).callsFake(async (input: { Text: string }) => ({ Sentiment: labelFor(input.Text), SentimentScore: SCORES[labelFor(input.Text)] }));
  cm.on(DetectKeyPhrasesCommand).callsFake(async (input: { Text: string }) => ({ KeyPhrases: [{ Text: 'single phrase', Score: 0.8 }] }));
  cm.on(DetectDominantLanguageCommand).resolves({ Languages: [{ LanguageCode: 'en', Score: 0.9 }] });
  cm.on(DetectPiiEntitiesCommand).resolves({ Entities: [] });
}

const sentCommands = new Set<string>();
beforeEach(() => {
  for (const call of cm.calls()) sentCommands.add((call.args[0] as object).constructor.name);
  cm.reset();
  installDefaults();
});

const notices: ComprehendNotice[] = [];
function analyzer(offline: Analyzer = fakeOffline(), extra: Partial<ConstructorParameters<typeof ComprehendAnalyzer>[0]> = {}): ComprehendAnalyzer {
  notices.length = 0;
  return new ComprehendAnalyzer({ client, offline, sleep: async () => {}, random: () => 0.5, onNotice: (n) => notices.push(n), ...extra });
}
const textsOf = <T extends { TextList?: string[] }>(calls: Array<{ args: [{ input: T }] }>): string[][] => calls.map((c) => c.args[0].input.TextList ?? []);

// ---------- batching ----------
describe('batching', () => {
  it('sends 60 known-language inputs as 25/25/10 for sentiment and key phrases, with no language detection', async () => {
    const inputs = Array.from({ length: 60 }, (_, i) => ({ text: `Item ${i} was ${i % 3 === 0 ? 'bad' : 'good'}.`, language: 'en' }));
    const results = await analyzer().analyzeBatch(inputs);

    const sentimentCalls = cm.commandCalls(BatchDetectSentimentCommand);
    expect(sentimentCalls.map((c) => c.args[0].input.TextList?.length)).toEqual([25, 25, 10]);
    expect(sentimentCalls.every((c) => c.args[0].input.LanguageCode === 'en')).toBe(true);
    expect(textsOf(sentimentCalls).flat()).toEqual(inputs.map((i) => i.text));
    expect(cm.commandCalls(BatchDetectKeyPhrasesCommand).map((c) => c.args[0].input.TextList?.length)).toEqual([25, 25, 10]);
    expect(cm.commandCalls(BatchDetectDominantLanguageCommand)).toHaveLength(0);
    expect(cm.commandCalls(DetectPiiEntitiesCommand)).toHaveLength(60);

    expect(results).toHaveLength(60);
    results.forEach((r, i) => {
      expect(AnalysisResultSchema.parse(r)).toEqual(r);
      expect(r.engine).toBe('comprehend');
      expect(r.sentiment.label).toBe(i % 3 === 0 ? 'NEGATIVE' : 'POSITIVE'); // matched by Index despite reversed ResultList
      expect(r.confidence).toBe(i % 3 === 0 ? 0.88 : 0.91);
      expect(r.language).toEqual({ code: 'en', confidence: 1 });
      expect(r.keyPhrases).toEqual([`kp:${inputs[i]?.text.slice(0, 12)}`.trim()]); // phrases are trimmed
    });
  });

  it('detects the language only for items without one, in groups of 25, and groups the other calls by language', async () => {
    const inputs: AnalyzeInput[] = Array.from({ length: 60 }, (_, i) => ({ text: i % 2 ? `Olá, atendimento ótimo ${i}.` : `Service was great ${i}.` }));
    inputs.push({ text: 'Known language text, good.', language: 'en-US' }, { text: 'Outro texto, ruim.', language: 'pt-BR' });
    const results = await analyzer().analyzeBatch(inputs);

    const detect = cm.commandCalls(BatchDetectDominantLanguageCommand);
    expect(detect.map((c) => c.args[0].input.TextList?.length)).toEqual([25, 25, 10]);
    expect(textsOf(detect).flat()).toEqual(inputs.slice(0, 60).map((i) => i.text)); // the two known ones are not sent
    const sizes = (lang: string): Array<number | undefined> =>
      cm.commandCalls(BatchDetectSentimentCommand).filter((c) => c.args[0].input.LanguageCode === lang).map((c) => c.args[0].input.TextList?.length);
    expect(sizes('en')).toEqual([25, 6]);
    expect(sizes('pt')).toEqual([25, 6]);
    expect(cm.commandCalls(BatchDetectSentimentCommand)).toHaveLength(4);
    expect(results[1]?.language).toEqual({ code: 'pt', confidence: 0.97 });
    expect(results[60]?.language).toEqual({ code: 'en', confidence: 1 });
    expect(results[61]?.language.code).toBe('pt');
    // PII through Comprehend only for the English ones.
    expect(cm.commandCalls(DetectPiiEntitiesCommand)).toHaveLength(31);
    expect(cm.commandCalls(DetectPiiEntitiesCommand).every((c) => c.args[0].input.LanguageCode === 'en')).toBe(true);
  });

  it('analyzeBatch runs the offline engine once first; enrich rejects mismatched lengths; blank texts make no call', async () => {
    const offline = fakeOffline();
    const a = analyzer(offline);
    const results = await a.analyzeBatch([{ text: '   ' }, { text: 'good', language: 'en' }]);
    expect(offline.batches).toEqual([[{ text: '   ' }, { text: 'good', language: 'en' }]]);
    expect(results[0]?.engine).toBe('offline');
    expect(textsOf(cm.commandCalls(BatchDetectSentimentCommand)).flat()).toEqual(['good']);
    await expect(a.enrich([{ text: 'x' }], [])).rejects.toThrow(RangeError);
    expect(await a.analyzeBatch([])).toEqual([]);
  });
});

// ---------- 5 KB cutting ----------
describe('cutting texts under 5,000 UTF-8 bytes', () => {
  it('cuts multi-byte text at sentence boundaries, never inside a character', () => {
    const sentence = 'この製品は本当に素晴らしいと思います、ありがとう。'; // 25 chars × 3 bytes
    const text = sentence.repeat(200); // 15,000 bytes
    const chunks = splitByUtf8Limit(text, MAX_DOCUMENT_BYTES, 'ja');
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    expect(chunks.map((c) => c.text).join('')).toBe(text);
    for (const c of chunks) {
      expect(utf8Length(c.text)).toBeLessThan(5000);
      expect(c.text.endsWith('。')).toBe(true);
      expect(Buffer.from(c.text, 'utf8').toString('utf8')).toBe(c.text);
      expect(text.slice(c.offset, c.offset + c.text.length)).toBe(c.text);
    }
  });

  it('falls back to word boundaries for a giant sentence, and to whole code points for a giant word', () => {
    const giantSentence = Array.from({ length: 1500 }, (_, i) => `palavra${i}ção`).join(' ');
    const chunks = splitByUtf8Limit(giantSentence, MAX_DOCUMENT_BYTES, 'pt');
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.map((c) => c.text).join('')).toBe(giantSentence);
    for (const c of chunks.slice(0, -1)) {
      expect(utf8Length(c.text)).toBeLessThan(5000);
      expect(giantSentence[c.offset + c.text.length]).toMatch(/[ p]/); // cut next to a space, never mid-word
    }
    const emojis = '😀'.repeat(3000); // 12,000 bytes, surrogate pairs, no break opportunity
    const pieces = splitByUtf8Limit(emojis, MAX_DOCUMENT_BYTES);
    expect(pieces.map((c) => c.text).join('')).toBe(emojis);
    for (const c of pieces) {
      expect(utf8Length(c.text)).toBeLessThan(5000);
      expect(c.text).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
  });

  it('sends each part as its own document and combines the parts weighted by length (MIXED when they disagree strongly)', async () => {
    const good = 'Ótimo atendimento, a equipe foi ótima comigo. '.repeat(90); // ~4.4 KB
    const bad = 'Mas a entrega foi ruim e demorada demais. '.repeat(60); // ~2.6 KB
    const text = good + bad;
    expect(utf8Length(text)).toBeGreaterThan(5000);
    const [result] = await analyzer(fakeOffline(() => ({ category: 'praise' }))).analyzeBatch([{ text, language: 'pt' }]);

    const docs = textsOf(cm.commandCalls(BatchDetectSentimentCommand)).flat();
    expect(docs.length).toBe(2);
    expect(docs.join('')).toBe(text);
    docs.forEach((d) => expect(utf8Length(d)).toBeLessThan(5000));
    expect(textsOf(cm.commandCalls(BatchDetectKeyPhrasesCommand)).flat()).toEqual(docs);

    const w0 = (docs[0]?.length ?? 0) / text.length;
    const labels = docs.map(labelFor);
    const expectedPositive = labels.reduce((s, l, i) => s + SCORES[l].Positive * ((docs[i]?.length ?? 0) / text.length), 0);
    expect(w0).toBeGreaterThan(0.2);
    expect(labels).toContain('NEGATIVE');
    expect(result?.sentiment.label).toBe('MIXED');
    expect(result?.sentiment.scores.Positive).toBeCloseTo(expectedPositive, 10);
    expect(result?.confidence).toBeCloseTo(Math.max(...Object.values(result?.sentiment.scores ?? {})), 10);
    expect(result?.category).toBe('praise'); // MIXED never flips the category
  });

  it('keeps the weighted-argmax label when a dissenting part is small', () => {
    const combined = combineSentimentParts([
      { sentiment: { label: 'POSITIVE', scores: SCORES.POSITIVE }, weight: 900 },
      { sentiment: { label: 'NEGATIVE', scores: SCORES.NEGATIVE }, weight: 100 },
    ]);
    expect(combined.label).toBe('POSITIVE');
    expect(combined.scores.Positive).toBeCloseTo(0.9 * 0.91 + 0.1 * 0.02, 10);
    expect(combined.scores.Negative).toBeCloseTo(0.9 * 0.03 + 0.1 * 0.88, 10);
  });
});

// ---------- per-document errors ----------
describe('per-document errors (ErrorList)', () => {
  const inputs = [{ text: 'good one', language: 'en' }, { text: 'bad two', language: 'en' }, { text: 'good three', language: 'en' }];

  it('retries a failed document alone with the single-document call and uses its answer', async () => {
    cm.on(BatchDetectSentimentCommand).resolves({
      ResultList: [{ Index: 0, Sentiment: 'POSITIVE', SentimentScore: SCORES.POSITIVE }, { Index: 2, Sentiment: 'POSITIVE', SentimentScore: SCORES.POSITIVE }],
      ErrorList: [{ Index: 1, ErrorCode: 'INTERNAL_SERVER_ERROR', ErrorMessage: 'oops' }],
    });
    const results = await analyzer().analyzeBatch(inputs);
    const singles = cm.commandCalls(DetectSentimentCommand);
    expect(singles.map((c) => c.args[0].input)).toEqual([{ Text: 'bad two', LanguageCode: 'en' }]);
    expect(results.map((r) => r.sentiment.label)).toEqual(['POSITIVE', 'NEGATIVE', 'POSITIVE']);
    expect(results.every((r) => r.engine === 'comprehend')).toBe(true);
    expect(notices).toEqual([]);
  });

  it('keeps the offline part for a document whose single retry fails too, and says so; the rest is unaffected', async () => {
    cm.on(BatchDetectSentimentCommand).resolves({
      ResultList: [{ Index: 0, Sentiment: 'POSITIVE', SentimentScore: SCORES.POSITIVE }],
      ErrorList: [{ Index: 1, ErrorCode: 'INTERNAL_SERVER_ERROR' }, { Index: 2, ErrorCode: 'INTERNAL_SERVER_ERROR' }],
    });
    cm.on(DetectSentimentCommand)
      .rejectsOnce(new InternalServerException({ message: 'still broken', $metadata: {} }))
      .resolves({ Sentiment: 'POSITIVE', SentimentScore: SCORES.POSITIVE });
    cm.on(BatchDetectKeyPhrasesCommand).resolves({
      ResultList: [{ Index: 0, KeyPhrases: [{ Text: 'one', Score: 1 }] }, { Index: 1, KeyPhrases: [{ Text: 'two', Score: 1 }] }],
      ErrorList: [{ Index: 2, ErrorCode: 'INTERNAL_SERVER_ERROR' }],
    });
    cm.on(DetectKeyPhrasesCommand).rejects(new InvalidRequestException({ message: 'nope', $metadata: {} }));
    const offline = fakeOffline();
    const results = await analyzer(offline).analyzeBatch(inputs);

    expect(cm.commandCalls(DetectSentimentCommand).map((c) => c.args[0].input.Text)).toEqual(['bad two', 'good three']);
    expect(cm.commandCalls(DetectKeyPhrasesCommand).map((c) => c.args[0].input.Text)).toEqual(['good three']);
    expect(results[1]?.engine).toBe('offline');
    expect(results[1]?.sentiment.label).toBe('NEUTRAL'); // the offline sentiment
    expect(results[1]?.confidence).toBe(0.5);
    expect(results[1]?.keyPhrases).toEqual(['two']); // key phrases still from Comprehend
    expect(results[2]?.engine).toBe('comprehend');
    expect(results[2]?.keyPhrases).toEqual(['offline phrase']);
    expect(notices.map((n) => [n.kind, n.operation, n.itemIndex, n.errorCode])).toEqual([
      ['fallback-to-offline', 'DetectSentiment', 1, 'InternalServerException'],
      ['fallback-to-offline', 'DetectKeyPhrases', 2, 'InvalidRequestException'],
    ]);
  });

  it('falls back to the offline language when language detection fails for one document', async () => {
    cm.on(BatchDetectDominantLanguageCommand).resolves({ ResultList: [], ErrorList: [{ Index: 0, ErrorCode: 'INTERNAL_SERVER_ERROR' }] });
    cm.on(DetectDominantLanguageCommand).rejects(new InternalServerException({ message: 'x', $metadata: {} }));
    const [r] = await analyzer(fakeOffline(() => ({ language: { code: 'en', confidence: 0.7 } }))).analyzeBatch([{ text: 'good stuff' }]);
    expect(cm.commandCalls(DetectDominantLanguageCommand).map((c) => c.args[0].input)).toEqual([{ Text: 'good stuff' }]);
    expect(r?.language).toEqual({ code: 'en', confidence: 0.7 });
    expect(r?.engine).toBe('comprehend');
    expect(notices[0]?.operation).toBe('DetectDominantLanguage');
  });
});

// ---------- throttling ----------
describe('throttling', () => {
  const throttle = (name: string, status = 400): Error => Object.assign(new Error('Rate exceeded'), { name, $metadata: { httpStatusCode: status } });

  it('retries with exponential backoff and full jitter, then succeeds', async () => {
    cm.on(BatchDetectSentimentCommand)
      .rejectsOnce(throttle('ThrottlingException'))
      .rejectsOnce(new TooManyRequestsException({ message: 'slow down', $metadata: { httpStatusCode: 400 } }))
      .rejectsOnce(throttle('SomethingElse', 429))
      .rejectsOnce(throttle('ServiceUnavailableException', 503))
      .resolves({ ResultList: [{ Index: 0, Sentiment: 'POSITIVE', SentimentScore: SCORES.POSITIVE }], ErrorList: [] });
    const delays: number[] = [];
    const randoms = [0.9, 0.3, 0.6, 0.99];
    const a = analyzer(fakeOffline(), { sleep: async (ms) => void delays.push(ms), random: () => randoms.shift() ?? 0, baseDelayMs: 100, maxDelayMs: 10_000 });
    const [r] = await a.analyzeBatch([{ text: 'good', language: 'en' }]);
    expect(r?.engine).toBe('comprehend');
    expect(cm.commandCalls(BatchDetectSentimentCommand)).toHaveLength(5);
    // ceiling 100·2^n, times the jitter draw
    expect(delays).toEqual([90, 60, 240, 792]);
  });

  it('gives up after maxRetries with AnalyzerUnavailableError (503, with cause); ceilings grow, draws are jittered', async () => {
    const cause = throttle('ThrottlingException');
    cm.on(BatchDetectSentimentCommand).rejects(cause);
    const delays: number[] = [];
    let draw = 0;
    const a = analyzer(fakeOffline(), { sleep: async (ms) => void delays.push(ms), random: () => [0.5, 0.8, 0.2][draw++ % 3] ?? 0, maxRetries: 5 });
    const error = await a.analyzeBatch([{ text: 'good', language: 'en' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnalyzerUnavailableError);
    expect((error as AnalyzerUnavailableError).status).toBe(503);
    expect((error as AnalyzerUnavailableError).cause).toBe(cause);
    expect(cm.commandCalls(BatchDetectSentimentCommand)).toHaveLength(6); // 1 + 5 retries
    // jitter draws [0.5, 0.8, 0.2, 0.5, 0.8] × exponential ceilings [100, 200, 400, 800, 1600]
    expect(delays).toEqual([50, 160, 80, 400, 1280]);
  });

  it('caps the backoff ceiling at maxDelayMs and also retries throttled single-document calls', async () => {
    cm.on(DetectPiiEntitiesCommand).rejects(throttle('ThrottlingException'));
    const delays: number[] = [];
    const a = analyzer(fakeOffline(), { sleep: async (ms) => void delays.push(ms), random: () => 0.5, maxRetries: 4, baseDelayMs: 1000, maxDelayMs: 3000 });
    await expect(a.analyzeBatch([{ text: 'good', language: 'en' }])).rejects.toBeInstanceOf(AnalyzerUnavailableError);
    expect(delays).toEqual([500, 1000, 1500, 1500]); // ceilings 1000, 2000, 3000 (capped), 3000
    expect(cm.commandCalls(DetectPiiEntitiesCommand)).toHaveLength(5);
  });

  it('does not retry other errors: the batch call error keeps the offline answer for its documents, recorded as a fallback', async () => {
    const invalid = new InvalidRequestException({ message: 'bad request', $metadata: { httpStatusCode: 400 } });
    cm.on(BatchDetectSentimentCommand).rejects(invalid);
    const sleep = vi.fn(async () => {});
    const [r] = await analyzer(fakeOffline(), { sleep }).analyzeBatch([{ text: 'good', language: 'en' }]);
    expect(sleep).not.toHaveBeenCalled();
    expect(cm.commandCalls(BatchDetectSentimentCommand)).toHaveLength(1);
    expect(cm.commandCalls(DetectSentimentCommand)).toHaveLength(0);
    expect(r).toMatchObject({ engine: 'offline', sentiment: { label: 'NEUTRAL' }, fallback: { reason: 'comprehend-error', errorCode: 'InvalidRequestException', operation: 'DetectSentiment' } });
    expect(AnalysisResultSchema.parse(r)).toEqual(r);
  });
});

// ---------- degradation: what fails is kept offline or retried alone, never the whole batch ----------
describe('degradation per record', () => {
  const throttle = (): Error => new TooManyRequestsException({ message: 'slow down', $metadata: { httpStatusCode: 400 } });
  const inputs = [{ text: 'good one', language: 'en' }, { text: 'ótimo dois', language: 'pt' }, { text: 'bad three', language: 'en' }];

  it('a batch call failing with a non-throttling error falls back for its records only; the other language group is Comprehend\'s', async () => {
    cm.on(BatchDetectSentimentCommand).callsFake(async (input: { TextList: string[]; LanguageCode: string }) => {
      if (input.LanguageCode === 'pt') throw new InternalServerException({ message: 'broken', $metadata: { httpStatusCode: 400 } });
      return { ResultList: input.TextList.map((t, i) => ({ Index: i, Sentiment: labelFor(t), SentimentScore: SCORES[labelFor(t)] })), ErrorList: [] };
    });
    const settled = await analyzer().analyzeBatchSettled(inputs);
    expect(settled.map((r) => (r instanceof Error ? 'error' : [r.engine, r.sentiment.label, r.fallback?.reason]))).toEqual([
      ['comprehend', 'POSITIVE', undefined],
      ['offline', 'NEUTRAL', 'comprehend-error'],
      ['comprehend', 'NEGATIVE', undefined],
    ]);
    expect(notices).toMatchObject([{ kind: 'fallback-to-offline', operation: 'DetectSentiment', itemIndex: 1, errorCode: 'InternalServerException' }]);
  });

  it('a document in ErrorList whose single retry fails too is marked as a fallback with the error code', async () => {
    cm.on(BatchDetectSentimentCommand).resolves({
      ResultList: [{ Index: 0, Sentiment: 'POSITIVE', SentimentScore: SCORES.POSITIVE }],
      ErrorList: [{ Index: 1, ErrorCode: 'TEXT_SIZE_LIMIT_EXCEEDED', ErrorMessage: 'too long' }],
    });
    cm.on(DetectSentimentCommand).rejects(new InvalidRequestException({ message: 'too long', $metadata: { httpStatusCode: 400 } }));
    const results = await analyzer().analyzeBatch([{ text: 'good', language: 'en' }, { text: 'bad', language: 'en' }]);
    expect(results[0]).toMatchObject({ engine: 'comprehend' });
    expect(results[0]?.fallback).toBeUndefined();
    expect(results[1]).toMatchObject({ engine: 'offline', fallback: { reason: 'comprehend-error', errorCode: 'InvalidRequestException', operation: 'DetectSentiment' } });
  });

  it('a single-document call (DetectPiiEntities) failing keeps the offline PII, marked, with Comprehend\'s sentiment', async () => {
    cm.on(DetectPiiEntitiesCommand).rejects(new InvalidRequestException({ message: 'nope', $metadata: { httpStatusCode: 400 } }));
    const [r] = await analyzer().analyzeBatch([{ text: 'good', language: 'en' }]);
    expect(r).toMatchObject({ engine: 'comprehend', fallback: { reason: 'comprehend-error', errorCode: 'InvalidRequestException', operation: 'DetectPiiEntities' } });
  });

  it('throttling past the retries fails only the records of the throttled call (settled), and analyzeBatch still throws', async () => {
    cm.on(BatchDetectSentimentCommand).callsFake(async (input: { TextList: string[]; LanguageCode: string }) => {
      if (input.LanguageCode === 'en') throw throttle();
      return { ResultList: input.TextList.map((t, i) => ({ Index: i, Sentiment: labelFor(t), SentimentScore: SCORES[labelFor(t)] })), ErrorList: [] };
    });
    const a = analyzer(fakeOffline(), { maxRetries: 2 });
    const settled = await a.analyzeBatchSettled(inputs);
    expect(settled[0]).toBeInstanceOf(AnalyzerUnavailableError);
    expect(settled[2]).toBeInstanceOf(AnalyzerUnavailableError);
    expect(settled[1]).toMatchObject({ engine: 'comprehend', sentiment: { label: 'POSITIVE' } });
    // en: 1 call + 2 retries (the same call for both English records); pt: 1 call.
    expect(cm.commandCalls(BatchDetectSentimentCommand)).toHaveLength(4);
    await expect(a.analyzeBatch(inputs)).rejects.toBeInstanceOf(AnalyzerUnavailableError);
  });

  it('a 5xx answer is transient like throttling: retried, then the record is retried by SQS', async () => {
    cm.on(BatchDetectSentimentCommand).rejects(new InternalServerException({ message: 'down', $metadata: { httpStatusCode: 500 } }));
    const settled = await analyzer(fakeOffline(), { maxRetries: 1 }).analyzeBatchSettled([{ text: 'good', language: 'en' }]);
    expect(settled[0]).toBeInstanceOf(AnalyzerUnavailableError);
    expect(cm.commandCalls(BatchDetectSentimentCommand)).toHaveLength(2);
  });

  it('a throttled single retry of one ErrorList document fails that record only', async () => {
    cm.on(BatchDetectSentimentCommand).resolves({
      ResultList: [{ Index: 0, Sentiment: 'POSITIVE', SentimentScore: SCORES.POSITIVE }],
      ErrorList: [{ Index: 1, ErrorCode: 'INTERNAL_SERVER_ERROR' }],
    });
    cm.on(DetectSentimentCommand).rejects(throttle());
    const settled = await analyzer(fakeOffline(), { maxRetries: 1 }).analyzeBatchSettled([{ text: 'good', language: 'en' }, { text: 'bad', language: 'en' }]);
    expect(settled[0]).toMatchObject({ engine: 'comprehend' });
    expect(settled[1]).toBeInstanceOf(AnalyzerUnavailableError);
  });
});

// ---------- PII, languages, category ----------
describe('PII', () => {
  it('uses Comprehend for English (code-point offsets → JS offsets) and merges the offline CPF', async () => {
    const text = 'Hi 😀 I am John Smith, mail john@example.com, CPF 123.456.789-09.';
    const cp = [...text];
    const cpIndex = (s: string): number => [...text.slice(0, text.indexOf(s))].length;
    cm.on(DetectPiiEntitiesCommand).resolves({
      Entities: [
        { Type: 'NAME', BeginOffset: cpIndex('John Smith'), EndOffset: cpIndex('John Smith') + 10, Score: 0.99 },
        { Type: 'EMAIL', BeginOffset: cpIndex('john@'), EndOffset: cpIndex('john@') + 16, Score: 0.98 },
        { Type: 'BANK_ACCOUNT_NUMBER', BeginOffset: cpIndex('123.'), EndOffset: cpIndex('123.') + 14, Score: 0.4 },
      ],
    });
    expect(cp.length).toBe(text.length - 1);
    const cpf = { type: 'CPF', beginOffset: text.indexOf('123.'), endOffset: text.indexOf('123.') + 14 };
    const [r] = await analyzer(fakeOffline(() => ({ pii: [cpf] }))).analyzeBatch([{ text, language: 'en' }]);
    expect(cm.commandCalls(DetectPiiEntitiesCommand).map((c) => c.args[0].input)).toEqual([{ Text: text, LanguageCode: 'en' }]);
    expect(r?.pii).toEqual([
      { type: 'NAME', beginOffset: text.indexOf('John Smith'), endOffset: text.indexOf('John Smith') + 10, score: 0.99 },
      { type: 'EMAIL', beginOffset: text.indexOf('john@'), endOffset: text.indexOf('john@') + 16, score: 0.98 },
      cpf,
    ]);
    expect(r?.redactedText).toBe('Hi 😀 I am [NAME], mail [EMAIL], CPF [CPF].');
  });

  it('keeps the offline PII for Portuguese and makes no DetectPiiEntities call', async () => {
    const text = 'Olá, meu CPF é 123.456.789-09 e o atendimento foi ótimo.';
    const pii = [{ type: 'CPF', beginOffset: 15, endOffset: 29 }];
    const [r] = await analyzer(fakeOffline(() => ({ pii, redactedText: 'Olá, meu CPF é [CPF] e o atendimento foi ótimo.' }))).analyzeBatch([{ text }]);
    expect(cm.commandCalls(DetectPiiEntitiesCommand)).toHaveLength(0);
    expect(r?.language.code).toBe('pt');
    expect(r?.engine).toBe('comprehend');
    expect(r?.pii).toEqual(pii);
    expect(r?.redactedText).toBe('Olá, meu CPF é [CPF] e o atendimento foi ótimo.');
  });

  it('keeps the offline PII when DetectPiiEntities fails for a non-throttling reason', async () => {
    cm.on(DetectPiiEntitiesCommand).rejects(new InternalServerException({ message: 'boom', $metadata: {} }));
    const [r] = await analyzer(fakeOffline(() => ({ pii: [{ type: 'EMAIL', beginOffset: 0, endOffset: 5 }], redactedText: '[EMAIL] good' }))).analyzeBatch([{ text: 'a@b.c good', language: 'en' }]);
    expect(r?.redactedText).toBe('[EMAIL] good');
    expect(notices.map((n) => n.operation)).toEqual(['DetectPiiEntities']);
  });

  it('redacts overlapping entities once', () => {
    expect(redactText('call 555-1234 now', [{ type: 'PHONE', beginOffset: 5, endOffset: 13 }, { type: 'PIN', beginOffset: 9, endOffset: 13 }])).toBe('call [PHONE] now');
  });
});

describe('languages and category', () => {
  it('keeps the offline result for a language Comprehend does not support (hinted or detected)', async () => {
    const offline = fakeOffline((input) => ({ keyPhrases: [`offline:${input.text}`] }));
    const offlineResults = await offline.analyzeBatch([{ text: 'Hallo, dit is goed.' }, { text: 'Hej, det är bra.', language: 'sv' }, { text: 'good', language: 'en' }]);
    const results = await analyzer(offline).analyzeBatch([{ text: 'Hallo, dit is goed.' }, { text: 'Hej, det är bra.', language: 'sv' }, { text: 'good', language: 'en' }]);
    const unsupported = { reason: 'unsupported-language', errorCode: 'UnsupportedLanguage', operation: 'DetectSentiment' };
    expect(results[0]).toEqual({ ...offlineResults[0], fallback: unsupported });
    expect(results[1]).toEqual({ ...offlineResults[1], fallback: unsupported });
    expect(results[2]?.engine).toBe('comprehend');
    expect(results[2]?.fallback).toBeUndefined();
    expect(textsOf(cm.commandCalls(BatchDetectDominantLanguageCommand)).flat()).toEqual(['Hallo, dit is goed.']);
    expect(textsOf(cm.commandCalls(BatchDetectSentimentCommand)).flat()).toEqual(['good']);
    expect(notices.map((n) => [n.kind, n.itemIndex])).toEqual([['unsupported-language', 0], ['unsupported-language', 1]]);
  });

  it.each<[Category, string, Category]>([
    ['praise', 'this was bad', 'complaint'],
    ['complaint', 'this was great', 'praise'],
    ['suggestion', 'this was bad', 'suggestion'],
    ['praise', 'this was okay', 'praise'],
  ])('offline %s + Comprehend on "%s" → %s', async (offlineCategory, text, expected) => {
    const [r] = await analyzer(fakeOffline(() => ({ category: offlineCategory }))).analyzeBatch([{ text, language: 'en' }]);
    expect(r?.category).toBe(expected);
  });
});

describe('IAM', () => {
  // Runs last: beforeEach has collected every command the earlier tests made the adapter send.
  it('COMPREHEND_IAM_ACTIONS is exactly the set of actions the adapter called', () => {
    const actions = [...sentCommands].map((name) => `comprehend:${name.replace(/Command$/, '')}`).sort();
    expect(actions).toEqual([...COMPREHEND_IAM_ACTIONS].sort());
  });
});
