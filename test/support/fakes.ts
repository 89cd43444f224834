import type { AnalysisResult, AnalyzeInput } from '../../shared/domain/analysis.schema.js';
import type { DomainEvent } from '../../shared/domain/feedback-events.schema.js';
import type { Analyzer } from '../../shared/ports/analyzer.port.js';
import type { Clock } from '../../shared/ports/clock.port.js';
import type { EventBus } from '../../shared/ports/event-bus.port.js';
import type { ObjectStore } from '../../shared/ports/object-store.port.js';
import type { FeedbackQueue, ProcessFeedbackMessage } from '../../shared/ports/queue.port.js';

export class RecordingQueue implements FeedbackQueue {
  readonly sent: ProcessFeedbackMessage[] = [];
  failures = 0;
  async send(m: ProcessFeedbackMessage) {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('queue down');
    }
    this.sent.push(m);
  }
}

export class RecordingBus implements EventBus {
  readonly events: DomainEvent[] = [];
  failures = 0;
  async publish(events: readonly DomainEvent[]) {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('bus down');
    }
    this.events.push(...events);
  }
}

export class MemoryObjects implements ObjectStore {
  readonly objects = new Map<string, Uint8Array>();
  async put(key: string, body: string | Uint8Array) {
    this.objects.set(key, typeof body === 'string' ? new TextEncoder().encode(body) : body);
  }
  async get(key: string) {
    return this.objects.get(key);
  }
}

export const fixedClock = (iso = '2026-11-28T12:00:00.000Z'): Clock & { advance(ms: number): void } => {
  let t = Date.parse(iso);
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
};

/** A deterministic analyzer: NEGATIVE complaint when the text says "ruim"/"bad", else POSITIVE praise. */
export class ScriptedAnalyzer implements Analyzer {
  readonly name = 'scripted';
  calls = 0;
  failures = 0;
  /** Texts matching this always fail. */
  failOn: RegExp | undefined;
  async analyze(input: AnalyzeInput): Promise<AnalysisResult> {
    this.calls++;
    if (this.failOn?.test(input.text)) throw new Error('analyzer cannot read this');
    if (this.failures > 0) {
      this.failures--;
      throw new Error('analyzer down');
    }
    const negative = /ruim|bad/i.test(input.text);
    const redactedText = input.text.replace(/\S+@\S+/g, '[EMAIL]');
    return {
      language: { code: input.language ?? 'pt', confidence: 0.9 },
      sentiment: { label: negative ? 'NEGATIVE' : 'POSITIVE', scores: { Positive: negative ? 0.1 : 0.9, Negative: negative ? 0.9 : 0.1, Neutral: 0, Mixed: 0 } },
      category: negative ? 'complaint' : 'praise',
      keyPhrases: ['entrega'],
      pii: redactedText === input.text ? [] : [{ type: 'EMAIL', beginOffset: input.text.search(/\S+@/), endOffset: input.text.search(/\S+@/) + 5 }],
      redactedText,
      engine: 'offline',
      confidence: 0.9,
    };
  }
  analyzeBatch(inputs: readonly AnalyzeInput[]) {
    return Promise.all(inputs.map((i) => this.analyze(i)));
  }
}
