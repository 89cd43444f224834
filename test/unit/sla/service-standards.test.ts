import { describe, expect, it } from 'vitest';
import {
  BRAZIL_NATIONAL_HOLIDAYS_2026_2027,
  DEFAULT_SERVICE_STANDARDS,
  ServiceStandardsSchema,
  targetsFor,
} from '../../../shared/domain/sla/service-standards.schema.js';
import { businessDayMinutes, durationInWords, serviceStatement } from '../../../shared/domain/sla/service-statement.js';

describe('ServiceStandardsSchema', () => {
  it('parses {} to the documented defaults, which are themselves valid', () => {
    const s = ServiceStandardsSchema.parse({});
    expect(s).toEqual(DEFAULT_SERVICE_STANDARDS);
    expect(ServiceStandardsSchema.parse(DEFAULT_SERVICE_STANDARDS)).toEqual(DEFAULT_SERVICE_STANDARDS);
    expect(s.timezone).toBe('America/Sao_Paulo');
    expect(s.businessHours.mon).toEqual([['09:00', '18:00']]);
    expect(s.businessHours.sat).toEqual([['09:00', '13:00']]);
    expect(s.businessHours.sun).toEqual([]);
    expect(s.warnBeforeMinutes).toBe(30);
    expect(s.clock).toEqual({});
    // Defaults are copies: changing a parsed value does not leak into the next parse.
    s.holidays.push('2030-01-01');
    expect(ServiceStandardsSchema.parse({}).holidays).toHaveLength(20);
  });

  it('lists the national holidays (Good Friday yes; Carnaval and Corpus Christi, pontos facultativos, no)', () => {
    const h = DEFAULT_SERVICE_STANDARDS.holidays;
    expect(h).toEqual([...BRAZIL_NATIONAL_HOLIDAYS_2026_2027]);
    for (const d of ['2026-04-03', '2027-03-26', '2026-11-20', '2027-11-20', '2026-12-25', '2026-10-12']) expect(h).toContain(d);
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-06-04', '2027-02-08', '2027-02-09', '2027-05-27']) expect(h).not.toContain(d);
  });

  it('rejects bad zones, times, overlapping intervals, all-closed weeks and inconsistent targets', () => {
    expect(ServiceStandardsSchema.safeParse({ timezone: 'Mars/Olympus' }).success).toBe(false);
    const hours = DEFAULT_SERVICE_STANDARDS.businessHours;
    expect(ServiceStandardsSchema.safeParse({ businessHours: { ...hours, mon: [['9:00', '18:00']] } }).success).toBe(false);
    expect(ServiceStandardsSchema.safeParse({ businessHours: { ...hours, mon: [['18:00', '09:00']] } }).success).toBe(false);
    expect(ServiceStandardsSchema.safeParse({ businessHours: { ...hours, mon: [['09:00', '13:00'], ['12:00', '18:00']] } }).success).toBe(false);
    expect(ServiceStandardsSchema.safeParse({ businessHours: { ...hours, mon: [['14:00', '18:00'], ['09:00', '12:00']] } }).success).toBe(true);
    expect(ServiceStandardsSchema.safeParse({ businessHours: { ...hours, sun: [['00:00', '24:00']] } }).success).toBe(true);
    const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    expect(ServiceStandardsSchema.safeParse({ businessHours: closed }).success).toBe(false);
    expect(ServiceStandardsSchema.safeParse({ holidays: ['2026-13-01'] }).success).toBe(false);
    const bad = ServiceStandardsSchema.safeParse({ targets: { byPriority: DEFAULT_SERVICE_STANDARDS.targets.byPriority, byChannel: { email: { urgent: { firstResponseMinutes: 999 } } } } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['targets', 'byChannel', 'email', 'urgent']);
  });

  it('targetsFor applies channel overrides and the channel clock', () => {
    expect(targetsFor(DEFAULT_SERVICE_STANDARDS, 'normal', 'email')).toEqual({ firstResponseMinutes: 240, resolutionMinutes: 1620, clock: 'business' });
    expect(targetsFor(DEFAULT_SERVICE_STANDARDS, 'normal', 'social')).toEqual({ firstResponseMinutes: 60, resolutionMinutes: 1620, clock: 'business' });
    expect(targetsFor(DEFAULT_SERVICE_STANDARDS, 'urgent', 'social').firstResponseMinutes).toBe(30);
    const s = ServiceStandardsSchema.parse({ clock: { social: 'calendar' } });
    expect(targetsFor(s, 'high', 'social').clock).toBe('calendar');
    expect(targetsFor(s, 'high', 'web').clock).toBe('business');
  });
});

describe('service statement', () => {
  it('a business day is a regular weekday: 540 minutes by default', () => {
    expect(businessDayMinutes(DEFAULT_SERVICE_STANDARDS.businessHours)).toBe(540);
    const split = { ...DEFAULT_SERVICE_STANDARDS.businessHours, mon: [['08:00', '12:00'], ['13:00', '17:00']] } as typeof DEFAULT_SERVICE_STANDARDS.businessHours;
    expect(businessDayMinutes(split)).toBe(540); // four weekdays of 540 beat one of 480
  });

  it('says durations in words in pt-BR and English', () => {
    expect(durationInWords(120, 'business', 'pt-BR', 540)).toBe('2 horas úteis');
    expect(durationInWords(120, 'business', 'en', 540)).toBe('2 business hours');
    expect(durationInWords(540, 'business', 'pt-BR', 540)).toBe('1 dia útil');
    expect(durationInWords(540, 'business', 'en', 540)).toBe('1 business day');
    expect(durationInWords(1620, 'business', 'pt-BR', 540)).toBe('3 dias úteis');
    expect(durationInWords(60, 'business', 'pt-BR', 540)).toBe('1 hora útil');
    expect(durationInWords(30, 'business', 'pt-BR', 540)).toBe('30 minutos úteis');
    expect(durationInWords(30, 'business', 'en', 540)).toBe('30 business minutes');
    expect(durationInWords(90, 'business', 'pt-BR', 540)).toBe('1 hora e 30 minutos úteis');
    expect(durationInWords(90, 'business', 'en', 540)).toBe('1 business hour and 30 minutes');
    expect(durationInWords(1440, 'calendar', 'pt-BR')).toBe('1 dia');
    expect(durationInWords(60, 'calendar', 'en')).toBe('1 hour');
    expect(durationInWords(600, 'business', 'pt-BR', 540)).toBe('10 horas úteis');
  });

  it('gives a row per channel and priority, with the hours and holidays', () => {
    const st = serviceStatement(DEFAULT_SERVICE_STANDARDS);
    expect(st.rows).toHaveLength(6 * 4);
    expect(st.timezone).toBe('America/Sao_Paulo');
    expect(st.businessHours['pt-BR']).toContain('sáb: 09:00–13:00');
    expect(st.businessHours.en).toContain('Sun: closed');
    const social = st.rows.find((r) => r.channel === 'social' && r.priority === 'normal');
    expect(social).toMatchObject({ firstResponse: { 'pt-BR': '1 hora útil', en: '1 business hour' }, resolution: { 'pt-BR': '3 dias úteis', en: '3 business days' } });
    const high = st.rows.find((r) => r.channel === 'email' && r.priority === 'high');
    expect(high).toMatchObject({ firstResponse: { en: '2 business hours' }, resolution: { 'pt-BR': '1 dia útil', en: '1 business day' } });
    const calendar = serviceStatement(ServiceStandardsSchema.parse({ clock: { social: 'calendar' } }), ['social']);
    expect(calendar.rows.find((r) => r.priority === 'normal')?.firstResponse).toEqual({ 'pt-BR': '1 hora', en: '1 hour' });
  });
});
