import {
  BatchDetectDominantLanguageCommand,
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
  ComprehendClient,
  DetectPiiEntitiesCommand,
  DetectSentimentCommand,
  InternalServerException,
  TooManyRequestsException,
} from '@aws-sdk/client-comprehend';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { CascadeAnalyzer } from '../../shared/adapters/cascade-analyzer.adapter.js';
import {
  COMPREHEND_IAM_ACTIONS,
  COMPREHEND_SENTIMENT_IAM_ACTIONS,
  ComprehendAnalyzer,
  comprehendIamActions,
  type ComprehendEscalation,
  type ComprehendNotice,
} from '../../shared/adapters/comprehend-analyzer.adapter.js';
import type { AnalysisResult, AnalyzeInput } from '../../shared/domain/analysis.schema.js';
import { AnalyzerUnavailableError } from '../../shared/domain/analyzer.errors.js';
import type { Analyzer } from '../../shared/ports/analyzer.port.js';
import { comprehendRegion, makeAnalyzer } from '../../shared/runtime/analyzer.factory.js';
import { loadConfig } from '../../shared/runtime/config.js';

/** Offline fake: confidence read from the text ("c=0.42 …"), language pt unless the text says "lang=en". */
function fakeOffline(): Analyzer {
  const one = (input: AnalyzeInput): AnalysisResult => ({
    language: { code: /lang=en/.test(input.text) ? 'en' : 'pt', confidence: 0.9 },
    sentiment: { label: 'POSITIVE', scores: { Positive: 0.6, Negative: 0.1, Neutral: 0.2, Mixed: 0.1 } },
    category: 'praise',
    keyPhrases: [`offline:${input.text.slice(0, 10)}`],
    pii: [{ type: 'EMAIL', beginOffset: 0, endOffset: 1 }],
    redactedText: `redacted:${input.text}`,
    engine: 'offline',
    confidence: Number(/c=([\d.]+)/.exec(input.text)?.[1] ?? '0'),
  });
  return { name: 'fake-offline', analyze: async (i) => one(i), analyzeBatch: async (inputs) => inputs.map(one) };
}

const NEGATIVE = { Positive: 0.01, Negative: 0.97, Neutral: 0.01, Mixed: 0.01 };
const cm = mockClient(ComprehendClient);

function cascade(escalate: ComprehendEscalation, notices: ComprehendNotice[] = [], maxRetries = 5): CascadeAnalyzer {
  const offline = fakeOffline();
  const comprehend = new ComprehendAnalyzer({ client: new ComprehendClient({}), offline, escalate, sleep: async () => {}, maxRetries, onNotice: (n) => notices.push(n) });
  return new CascadeAnalyzer({ offline, comprehend, threshold: 0.7 });
}
const namesCalled = (): string[] => [...new Set(cm.calls().map((c) => (c.args[0] as object).constructor.name))].sort();

beforeEach(() => {
  cm.reset();
  cm.on(BatchDetectSentimentCommand).callsFake(async (input: { TextList: string[] }) => ({
    ResultList: input.TextList.map((_, i) => ({ Index: i, Sentiment: 'NEGATIVE', SentimentScore: NEGATIVE })),
    ErrorList: [],
  }));
  cm.on(DetectSentimentCommand).resolves({ Sentiment: 'NEGATIVE', SentimentScore: NEGATIVE });
  cm.on(BatchDetectKeyPhrasesCommand).callsFake(async (input: { TextList: string[] }) => ({
    ResultList: input.TextList.map((_, i) => ({ Index: i, KeyPhrases: [{ Text: 'comprehend phrase', Score: 0.9 }] })),
    ErrorList: [],
  }));
  cm.on(BatchDetectDominantLanguageCommand).callsFake(async (input: { TextList: string[] }) => ({
    ResultList: input.TextList.map((_, i) => ({ Index: i, Languages: [{ LanguageCode: 'en', Score: 0.99 }] })),
    ErrorList: [],
  }));
  cm.on(DetectPiiEntitiesCommand).resolves({ Entities: [] });
});

const ITEMS: AnalyzeInput[] = [
  { text: 'c=0.95 sure, kept offline' },
  { text: 'c=0.20 unsure pt text' },
  { text: 'c=0.30 lang=en unsure english text' },
];

describe("escalate 'sentiment' (the cascade's default)", () => {
  it('sends only BatchDetectSentiment, per offline language, for the unsure items; language, key phrases and PII stay offline', async () => {
    const results = await cascade('sentiment').analyzeBatch(ITEMS);

    expect(namesCalled()).toEqual(['BatchDetectSentimentCommand']);
    const calls = cm.commandCalls(BatchDetectSentimentCommand).map((c) => [c.args[0].input.LanguageCode, c.args[0].input.TextList]);
    expect(calls).toEqual([['pt', ['c=0.20 unsure pt text']], ['en', ['c=0.30 lang=en unsure english text']]]);
    expect(results.map((r) => r.engine)).toEqual(['offline', 'comprehend', 'comprehend']);
    const r = results[2]!;
    expect(r.sentiment.label).toBe('NEGATIVE');
    expect(r.category).toBe('complaint'); // offline praise, Comprehend NEGATIVE
    expect(r.language).toEqual({ code: 'en', confidence: 0.9 }); // the offline detection, not Comprehend's
    expect(r.keyPhrases).toEqual(['offline:c=0.30 lan']);
    expect(r.pii).toEqual([{ type: 'EMAIL', beginOffset: 0, endOffset: 1 }]);
    expect(r.redactedText).toBe('redacted:c=0.30 lang=en unsure english text');
  });

  it('uses the language the input gives, without detection', async () => {
    await cascade('sentiment').analyzeBatch([{ text: 'c=0.1 sem idioma detectado', language: 'pt-BR' }]);
    expect(cm.commandCalls(BatchDetectSentimentCommand).map((c) => c.args[0].input.LanguageCode)).toEqual(['pt']);
    expect(cm.commandCalls(BatchDetectDominantLanguageCommand)).toHaveLength(0);
  });

  it('a per-document error is retried alone with DetectSentiment; if that fails too the offline sentiment is kept and reported', async () => {
    cm.on(BatchDetectSentimentCommand).callsFake(async (input: { TextList: string[] }) => ({
      ResultList: input.TextList.flatMap((_, i) => (i === 0 ? [] : [{ Index: i, Sentiment: 'NEGATIVE', SentimentScore: NEGATIVE }])),
      ErrorList: [{ Index: 0, ErrorCode: 'INTERNAL_SERVER_ERROR', ErrorMessage: 'boom' }],
    }));
    cm.on(DetectSentimentCommand).rejects(new InternalServerException({ message: 'still down', $metadata: {} }));
    const notices: ComprehendNotice[] = [];
    const results = await cascade('sentiment', notices).analyzeBatch([{ text: 'c=0.1 primeiro' }, { text: 'c=0.1 segundo' }]);

    expect(cm.commandCalls(DetectSentimentCommand)).toHaveLength(1);
    expect(results.map((r) => [r.engine, r.sentiment.label])).toEqual([['offline', 'POSITIVE'], ['comprehend', 'NEGATIVE']]);
    expect(notices).toMatchObject([{ kind: 'fallback-to-offline', operation: 'DetectSentiment', itemIndex: 0 }]);
  });

  it('throttling past the retries is AnalyzerUnavailableError (the SQS record is retried)', async () => {
    cm.on(BatchDetectSentimentCommand).rejects(new TooManyRequestsException({ message: 'slow down', $metadata: {} }));
    await expect(cascade('sentiment', [], 2).analyzeBatch([{ text: 'c=0.1 texto' }])).rejects.toBeInstanceOf(AnalyzerUnavailableError);
    expect(cm.commandCalls(BatchDetectSentimentCommand)).toHaveLength(3);
  });

  it('an item in a language Comprehend does not support keeps its offline result, with no call', async () => {
    const notices: ComprehendNotice[] = [];
    const results = await cascade('sentiment', notices).analyzeBatch([{ text: 'c=0.1 tekst', language: 'nl' }]);
    expect(cm.calls()).toHaveLength(0);
    expect(results[0]?.engine).toBe('offline');
    expect(notices).toMatchObject([{ kind: 'unsupported-language', itemIndex: 0 }]);
  });
});

describe("escalate 'all'", () => {
  it('detects the language, sentiment, key phrases and (English) PII with Comprehend', async () => {
    const results = await cascade('all').analyzeBatch([{ text: 'c=0.3 lang=en please call me' }]);
    expect(namesCalled()).toEqual(['BatchDetectDominantLanguageCommand', 'BatchDetectKeyPhrasesCommand', 'BatchDetectSentimentCommand', 'DetectPiiEntitiesCommand']);
    expect(results[0]?.keyPhrases).toEqual(['comprehend phrase']);
    expect(results[0]?.language).toEqual({ code: 'en', confidence: 0.99 });
  });
});

describe('IAM per mode', () => {
  it('comprehendIamActions names the calls of each mode', () => {
    expect(comprehendIamActions('sentiment')).toEqual(COMPREHEND_SENTIMENT_IAM_ACTIONS);
    expect(comprehendIamActions('all')).toEqual(COMPREHEND_IAM_ACTIONS);
    expect(COMPREHEND_IAM_ACTIONS).toEqual(expect.arrayContaining([...COMPREHEND_SENTIMENT_IAM_ACTIONS]));
  });

  it("the 'sentiment' mode, per-document retries included, calls exactly what its grant names", async () => {
    cm.on(BatchDetectSentimentCommand).callsFake(async (input: { TextList: string[] }) => ({
      ResultList: [], ErrorList: input.TextList.map((_, i) => ({ Index: i, ErrorCode: 'X', ErrorMessage: 'x' })),
    }));
    cm.on(DetectSentimentCommand).resolves({ Sentiment: 'NEUTRAL', SentimentScore: { Positive: 0, Negative: 0, Neutral: 1, Mixed: 0 } });
    await cascade('sentiment').analyzeBatch([...ITEMS, { text: 'c=0.2 and pii@example.com', language: 'en' }]);
    const actions = namesCalled().map((n) => `comprehend:${n.replace(/Command$/, '')}`);
    expect(actions.sort()).toEqual([...COMPREHEND_SENTIMENT_IAM_ACTIONS].sort());
  });
});

describe('makeAnalyzer', () => {
  // Threshold 1: every item is unsure, so each goes to Comprehend in the configured mode.
  const analyze = (cfg: Parameters<typeof makeAnalyzer>[0]) =>
    makeAnalyzer(cfg, { comprehendRegion: 'us-east-1' }).analyze({ text: 'The delivery was late and nobody answered my emails.', language: 'en' });

  it("the cascade escalates only the sentiment by default, everything with OUVIDOR_CASCADE_ESCALATE=all", async () => {
    await analyze({ OUVIDOR_ANALYZER: 'cascade', OUVIDOR_CASCADE_THRESHOLD: 1 });
    expect(namesCalled()).toEqual(['BatchDetectSentimentCommand']);
    cm.resetHistory();
    await analyze({ OUVIDOR_ANALYZER: 'cascade', OUVIDOR_CASCADE_THRESHOLD: 1, OUVIDOR_CASCADE_ESCALATE: 'all' });
    expect(namesCalled()).toEqual(['BatchDetectKeyPhrasesCommand', 'BatchDetectSentimentCommand', 'DetectPiiEntitiesCommand']);
  });

  it('the comprehend engine always asks for everything', async () => {
    await analyze({ OUVIDOR_ANALYZER: 'comprehend', OUVIDOR_CASCADE_THRESHOLD: undefined, OUVIDOR_CASCADE_ESCALATE: 'sentiment' });
    expect(namesCalled()).toEqual(['BatchDetectKeyPhrasesCommand', 'BatchDetectSentimentCommand', 'DetectPiiEntitiesCommand']);
  });
});

describe('the analysis region (OUVIDOR_COMPREHEND_REGION)', () => {
  const regionCalled = async (env: Record<string, string>): Promise<string> => {
    const cfg = loadConfig({ OUVIDOR_ANALYZER: 'cascade', OUVIDOR_CASCADE_THRESHOLD: '1', ...env });
    await makeAnalyzer(cfg, { comprehendRegion: comprehendRegion(cfg) }).analyze({ text: 'A entrega atrasou.', language: 'pt' });
    const client = cm.call(0).thisValue as ComprehendClient;
    return client.config.region();
  };

  it('a São Paulo function calls Comprehend in the analysis region', async () => {
    expect(await regionCalled({ AWS_REGION: 'sa-east-1', OUVIDOR_COMPREHEND_REGION: 'us-east-1' })).toBe('us-east-1');
  });

  it('without it, Comprehend is called in the function\'s own region', async () => {
    expect(await regionCalled({ AWS_REGION: 'eu-west-1' })).toBe('eu-west-1');
  });
});
