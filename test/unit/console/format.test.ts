import { describe, expect, it } from 'vitest';
import { formatMinutes, formatNps, formatNumber, formatPercent, NO_VALUE } from '../../../console/src/format.js';

describe('formatMinutes', () => {
  it.each([
    [0, '0 min'],
    [0.5, '0,5 min'],
    [1, '1 min'],
    [45, '45 min'],
    [45.4, '45 min'],
    [59.6, '1 h'],
    [60, '1 h'],
    [80, '1 h 20 min'],
    [1439, '23 h 59 min'],
    [1439.6, '1 d'],
    [1440 + 3 * 60, '1 d 3 h'],
    [2 * 1440 + 3 * 60 + 29, '2 d 3 h'],
    [2 * 1440 + 3 * 60 + 31, '2 d 4 h'],
    [2 * 1440 + 23 * 60 + 40, '3 d'],
    [1234 * 1440, '1.234 d'],
  ])('%s minutes in pt-BR: %s', (minutes, text) => {
    expect(formatMinutes(minutes, 'pt-BR')).toBe(text);
  });

  it('uses the locale for decimals and thousands', () => {
    expect(formatMinutes(0.5, 'en')).toBe('0.5 min');
    expect(formatMinutes(1234 * 1440, 'en')).toBe('1,234 d');
    expect(formatMinutes(80, 'en')).toBe('1 h 20 min');
  });

  it('shows no data as a dash, never as 0', () => {
    expect(formatMinutes(null, 'pt-BR')).toBe(NO_VALUE);
    expect(formatMinutes(undefined, 'en')).toBe(NO_VALUE);
    expect(formatMinutes(-1, 'en')).toBe(NO_VALUE);
  });
});

describe('numbers and percentages per locale', () => {
  it('pt-BR has a decimal comma and a thousands dot; English the other way round', () => {
    expect(formatNumber(1234.5, 'pt-BR')).toBe('1.234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(7, 'pt-BR', 0)).toBe('7');
    expect(formatNumber(null, 'pt-BR')).toBe(NO_VALUE);
  });

  it('percentages keep one decimal and the locale spacing', () => {
    expect(formatPercent(72.5, 'pt-BR')).toBe('72,5 %');
    expect(formatPercent(72.5, 'en')).toBe('72.5%');
    expect(formatPercent(100, 'pt-BR')).toBe('100 %');
    expect(formatPercent(0, 'en')).toBe('0%');
    expect(formatPercent(null, 'en')).toBe(NO_VALUE);
  });

  it('NPS is a signed score, not a percentage', () => {
    expect(formatNps(33.3, 'pt-BR')).toBe('+33,3');
    expect(formatNps(-100, 'en')).toBe('-100');
    expect(formatNps(0, 'en')).toBe('0');
    expect(formatNps(null, 'en')).toBe(NO_VALUE);
  });
});
