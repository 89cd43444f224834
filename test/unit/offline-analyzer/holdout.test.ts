import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CASCADE_THRESHOLD, OfflineAnalyzer } from '../../../shared/adapters/offline-analyzer/offline-analyzer.adapter.js';

interface Item {
  id: string;
  lang: string;
  channel: string;
  text: string;
  sentiment: string;
  category: string;
}

const file = fileURLToPath(new URL('../../fixtures/analyzer-holdout.jsonl', import.meta.url));
const items: Item[] = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim().length > 0)
  .map((l) => JSON.parse(l) as Item);
const analyzer = new OfflineAnalyzer();
const results = items.map((it) => ({ it, r: analyzer.analyzeSync({ text: it.text, language: it.lang }) }));

describe('held-out labeled set', () => {
  it('has at least 120 items, half pt-BR and half en, over every channel', () => {
    expect(items.length).toBeGreaterThanOrEqual(120);
    const pt = items.filter((i) => i.lang === 'pt').length;
    expect(Math.abs(pt - (items.length - pt))).toBeLessThanOrEqual(items.length * 0.1);
    expect(new Set(items.map((i) => i.channel))).toEqual(new Set(['web', 'api', 'email', 'social', 'phone', 'survey']));
  });
  for (const lang of ['pt', 'en']) {
    it(`scores sentiment and category accuracy >= 0.8 in ${lang}`, () => {
      const mine = results.filter((x) => x.it.lang === lang);
      const sentiment = mine.filter((x) => x.r.sentiment.label === x.it.sentiment).length / mine.length;
      const category = mine.filter((x) => x.r.category === x.it.category).length / mine.length;
      expect(sentiment).toBeGreaterThanOrEqual(0.8);
      expect(category).toBeGreaterThanOrEqual(0.8);
    });
  }
  it('keeps at most 25% of items below the cascade threshold, and those are less often right', () => {
    const below = results.filter((x) => x.r.confidence < DEFAULT_CASCADE_THRESHOLD);
    const above = results.filter((x) => x.r.confidence >= DEFAULT_CASCADE_THRESHOLD);
    expect(below.length / results.length).toBeLessThanOrEqual(0.25);
    const right = (xs: typeof results): number =>
      xs.filter((x) => x.r.sentiment.label === x.it.sentiment && x.r.category === x.it.category).length / xs.length;
    expect(right(above)).toBeGreaterThan(right(below));
    expect(right(above)).toBeGreaterThanOrEqual(0.9);
  });
  it('detects the language of every item', () => {
    const wrong = results.filter((x) => analyzer.analyzeSync({ text: x.it.text }).language.code !== x.it.lang);
    expect(wrong.map((x) => x.it.id)).toEqual([]);
  });
});
