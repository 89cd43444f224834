import { describe, expect, it } from 'vitest';
import { compliance, csatOf, npsOf, percent, responseRate, tallyRatings } from '../../../shared/domain/metrics/kpi.js';
import type { Rating } from '../../../shared/domain/feedback.schema.js';

describe('npsOf', () => {
  it('has no score without responses', () => {
    expect(npsOf({ promoters: 0, passives: 0, detractors: 0 })).toEqual({ score: undefined, promoters: 0, passives: 0, detractors: 0, responses: 0 });
  });

  it('spans −100..100', () => {
    expect(npsOf({ promoters: 7, passives: 0, detractors: 0 })).toEqual({ score: 100, promoters: 7, passives: 0, detractors: 0, responses: 7 });
    expect(npsOf({ promoters: 0, passives: 0, detractors: 3 }).score).toBe(-100);
    expect(npsOf({ promoters: 0, passives: 4, detractors: 0 }).score).toBe(0);
  });

  it('is % promoters − % detractors', () => {
    expect(npsOf({ promoters: 50, passives: 30, detractors: 20 }).score).toBe(30);
    expect(npsOf({ promoters: 1, passives: 7, detractors: 0 }).score).toBe(12.5);
  });

  it('rounds to one decimal, half away from zero, never −0', () => {
    expect(npsOf({ promoters: 2, passives: 1, detractors: 0 }).score).toBe(66.7);
    expect(npsOf({ promoters: 1, passives: 2, detractors: 0 }).score).toBe(33.3);
    expect(npsOf({ promoters: 0, passives: 2, detractors: 1 }).score).toBe(-33.3);
    expect(npsOf({ promoters: 1, passives: 15, detractors: 0 }).score).toBe(6.3); // 6.25
    expect(npsOf({ promoters: 0, passives: 15, detractors: 1 }).score).toBe(-6.3); // −6.25
    expect(Object.is(npsOf({ promoters: 1, passives: 1, detractors: 1 }).score, 0)).toBe(true);
    expect(Object.is(npsOf({ promoters: 0, passives: 1000, detractors: 1 }).score, -0.1)).toBe(true);
    expect(Object.is(npsOf({ promoters: 0, passives: 5000, detractors: 1 }).score, 0)).toBe(true); // −0.02 → 0
  });

  it('rejects counts that are not non-negative integers', () => {
    expect(() => npsOf({ promoters: -1, passives: 0, detractors: 0 })).toThrow(RangeError);
    expect(() => npsOf({ promoters: 1.5, passives: 0, detractors: 0 })).toThrow(RangeError);
    expect(() => npsOf({ promoters: 0, passives: Number.NaN, detractors: 0 })).toThrow(RangeError);
  });
});

describe('csatOf', () => {
  it('has no score without responses', () => {
    expect(csatOf({})).toEqual({ score: undefined, satisfied: 0, responses: 0 });
  });

  it('is the % of 4-5 answers', () => {
    expect(csatOf({ 4: 1, 5: 3 })).toEqual({ score: 100, satisfied: 4, responses: 4 });
    expect(csatOf({ 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 })).toEqual({ score: 40, satisfied: 2, responses: 5 });
    expect(csatOf({ 5: 2, 1: 1 }).score).toBe(66.7);
    expect(csatOf({ 1: 2, 2: 5, 3: 1 }).score).toBe(0);
  });

  it('rejects bad counts', () => {
    expect(() => csatOf({ 3: -2 })).toThrow(RangeError);
  });
});

describe('responseRate and compliance', () => {
  it('responseRate is answered / sent', () => {
    expect(responseRate(0, 0)).toBeUndefined();
    expect(responseRate(3, 1)).toBe(33.3);
    expect(responseRate(8, 0)).toBe(0);
    expect(responseRate(10, 12)).toBe(120); // answers to earlier sends, not capped
  });

  it('compliance is met / (met + missed)', () => {
    expect(compliance(0, 0)).toBeUndefined();
    expect(compliance(19, 1)).toBe(95);
    expect(compliance(2, 1)).toBe(66.7);
    expect(compliance(0, 4)).toBe(0);
    expect(() => compliance(1, -1)).toThrow(RangeError);
  });

  it('percent rounds exact halves away from zero', () => {
    expect(percent(1, 8)).toBe(12.5);
    expect(percent(1, 16)).toBe(6.3);
    expect(percent(-1, 16)).toBe(-6.3);
    expect(percent(1, 0)).toBeUndefined();
  });
});

describe('tallyRatings', () => {
  it('counts NPS bands and CSAT scores', () => {
    const nps = [0, 6, 7, 8, 9, 10, 10].map((score): Rating => ({ type: 'nps', score }));
    const csat = [1, 3, 4, 5, 5].map((score): Rating => ({ type: 'csat', score }));
    const t = tallyRatings([...nps, ...csat]);
    expect(t.nps).toEqual({ promoters: 3, passives: 2, detractors: 2 });
    expect(t.csat).toEqual({ 1: 1, 2: 0, 3: 1, 4: 1, 5: 2 });
    expect(npsOf(t.nps).score).toBe(14.3);
    expect(csatOf(t.csat)).toEqual({ score: 60, satisfied: 3, responses: 5 });
  });
});
