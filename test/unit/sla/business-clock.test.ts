import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, BusinessCalendarError, businessMinutesBetween, isBusinessTime } from '../../../shared/domain/sla/business-clock.js';
import { calendarOf, DEFAULT_SERVICE_STANDARDS } from '../../../shared/domain/sla/service-standards.schema.js';
import type { BusinessCalendar } from '../../../shared/domain/sla/service-standards.schema.js';
import { rng } from '../../support/rng.js';

const SP = calendarOf(DEFAULT_SERVICE_STANDARDS);
const at = (local: string, zone = 'America/Sao_Paulo'): Date => DateTime.fromISO(local, { zone }).toJSDate();
const local = (d: Date, zone = 'America/Sao_Paulo'): string => DateTime.fromJSDate(d, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
const nineToFive = { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']], sat: [], sun: [] } as BusinessCalendar['businessHours'];
const NY: BusinessCalendar = { timezone: 'America/New_York', businessHours: nineToFive, holidays: [] };


describe('addBusinessMinutes (São Paulo defaults)', () => {
  it('carries Friday evening into Saturday morning, and into Monday when Saturday is closed', () => {
    expect(local(addBusinessMinutes(at('2026-03-13T17:00'), 120, SP))).toBe('2026-03-14T10:00');
    const noSaturday = { ...SP, businessHours: { ...SP.businessHours, sat: [] } };
    expect(local(addBusinessMinutes(at('2026-03-13T17:00'), 120, noSaturday))).toBe('2026-03-16T10:00');
  });

  it('ending exactly at closing time stays on that day', () => {
    expect(local(addBusinessMinutes(at('2026-03-13T17:00'), 60, SP))).toBe('2026-03-13T18:00');
  });

  it('skips holidays: Christmas 2026 (a Friday) and Good Friday 2026-04-03', () => {
    expect(local(addBusinessMinutes(at('2026-12-24T17:00'), 120, SP))).toBe('2026-12-26T10:00');
    expect(isBusinessTime(at('2026-12-25T10:00'), SP)).toBe(false);
    expect(isBusinessTime(at('2026-12-24T10:00'), SP)).toBe(true);
    expect(local(addBusinessMinutes(at('2026-04-02T17:30'), 60, SP))).toBe('2026-04-04T09:30');
  });

  it('starts counting at the next opening when started outside hours', () => {
    expect(local(addBusinessMinutes(at('2026-03-09T07:00'), 30, SP))).toBe('2026-03-09T09:30');
    expect(local(addBusinessMinutes(at('2026-03-09T22:00'), 30, SP))).toBe('2026-03-10T09:30');
    expect(local(addBusinessMinutes(at('2026-03-14T15:00'), 30, SP))).toBe('2026-03-16T09:30'); // Saturday afternoon
  });

  it('0 minutes gives the next business instant', () => {
    expect(local(addBusinessMinutes(at('2026-03-15T12:00'), 0, SP))).toBe('2026-03-16T09:00'); // Sunday
    expect(local(addBusinessMinutes(at('2026-03-13T18:00'), 0, SP))).toBe('2026-03-14T09:00'); // at closing
    expect(addBusinessMinutes(at('2026-03-10T10:17'), 0, SP).getTime()).toBe(at('2026-03-10T10:17').getTime());
  });

  it('handles multi-day durations: one business week is 5 x 540 + 240 minutes', () => {
    expect(local(addBusinessMinutes(at('2026-03-09T09:00'), 2940, SP))).toBe('2026-03-14T13:00');
    expect(local(addBusinessMinutes(at('2026-03-09T09:00'), 2941, SP))).toBe('2026-03-16T09:01');
    // Ten weeks crossing Good Friday (04-03), Tiradentes (Tue 04-21) and Labour Day (Fri 05-01): three weekdays
    // lost, so it ends at Saturday 05-16 13:00 + three weekdays.
    const tenWeeks = addBusinessMinutes(at('2026-03-09T09:00'), 10 * 2940, SP);
    expect(businessMinutesBetween(at('2026-03-09T09:00'), tenWeeks, SP)).toBe(10 * 2940);
    expect(local(tenWeeks)).toBe('2026-05-20T18:00');
  });

  it('keeps seconds and fractions exact', () => {
    const end = addBusinessMinutes(at('2026-03-10T10:00:30'), 1.5, SP);
    expect(end.toISOString()).toBe(at('2026-03-10T10:02:00').toISOString());
  });

  it('rejects negative durations and calendars that are never open', () => {
    expect(() => addBusinessMinutes(new Date(), -1, SP)).toThrow(BusinessCalendarError);
    const closed = { ...SP, businessHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } };
    expect(() => addBusinessMinutes(new Date(), 5, closed)).toThrow(BusinessCalendarError);
  });
});

describe('DST', () => {
  it('New York: Friday 16:00 EST + 120 business minutes is Monday 10:00 EDT', () => {
    const start = at('2026-03-06T16:00', NY.timezone);
    const end = addBusinessMinutes(start, 120, NY);
    expect(end.toISOString()).toBe('2026-03-09T14:00:00.000Z');
    expect(businessMinutesBetween(start, end, NY)).toBe(120);
    expect(local(addBusinessMinutes(at('2026-10-30T16:30', NY.timezone), 60, NY), NY.timezone)).toBe('2026-11-02T09:30');
  });

  it('a 24-hour business day lasts 23 h when clocks spring forward and 25 h when they fall back', () => {
    const allDay = { ...nineToFive, sun: [['00:00', '24:00']] } as BusinessCalendar['businessHours'];
    for (const [zone, spring, fall] of [['America/New_York', '2026-03-08', '2026-11-01'], ['Europe/Lisbon', '2026-03-29', '2026-10-25']] as const) {
      const cal: BusinessCalendar = { timezone: zone, businessHours: allDay, holidays: [] };
      const nextDay = (d: string): string => DateTime.fromISO(d).plus({ days: 1 }).toISODate() ?? '';
      expect(businessMinutesBetween(at(`${spring}T00:00`, zone), at(`${nextDay(spring)}T00:00`, zone), cal)).toBe(1380);
      expect(businessMinutesBetween(at(`${fall}T00:00`, zone), at(`${nextDay(fall)}T00:00`, zone), cal)).toBe(1500);
      expect(businessMinutesBetween(at('2026-01-01T00:00', zone), at('2027-01-01T00:00', zone), cal)).toBe(
        // 2026 has 52 Sundays (one of 23 h, one of 25 h: 52 x 24 h in all) and 261 weekdays of 8 h.
        52 * 1440 + 261 * 480,
      );
      expect(businessMinutesBetween(at(`${fall}T00:00`, zone), at(`${fall}T12:00`, zone), cal)).toBe(780);
      expect(local(addBusinessMinutes(at(`${spring}T00:00`, zone), 1380, cal), zone)).toBe(`${nextDay(spring)}T00:00`);
      expect(local(addBusinessMinutes(at(`${fall}T00:00`, zone), 1500, cal), zone)).toBe(`${nextDay(fall)}T00:00`);
    }
  });

  it('an interval across the New York spring gap holds only real time', () => {
    const cal: BusinessCalendar = { ...NY, businessHours: { ...nineToFive, sun: [['01:00', '04:00']] } };
    expect(businessMinutesBetween(at('2026-03-08T00:00', NY.timezone), at('2026-03-08T12:00', NY.timezone), cal)).toBe(120);
  });
});

describe('businessMinutesBetween', () => {
  it('is 0 when b <= a and counts only business time', () => {
    expect(businessMinutesBetween(at('2026-03-10T12:00'), at('2026-03-10T11:00'), SP)).toBe(0);
    expect(businessMinutesBetween(at('2026-03-10T12:00'), at('2026-03-10T12:00'), SP)).toBe(0);
    expect(businessMinutesBetween(at('2026-03-13T17:00'), at('2026-03-16T10:00'), SP)).toBe(60 + 240 + 60);
    expect(businessMinutesBetween(at('2026-12-24T17:00'), at('2026-12-26T08:00'), SP)).toBe(60);
  });

  it('agrees with a minute-by-minute count (reference), seeded', () => {
    const random = rng(7);
    for (let i = 0; i < 10; i += 1) {
      const a = new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 700) * 86_400_000 + Math.floor(random() * 1440) * 60_000);
      const b = new Date(a.getTime() + Math.floor(random() * 4000) * 60_000);
      let reference = 0;
      for (let t = a.getTime(); t < b.getTime(); t += 60_000) if (isBusinessTime(new Date(t), SP)) reference += 1;
      expect(businessMinutesBetween(a, b, SP)).toBe(reference);
    }
  });

  it('is the inverse of addBusinessMinutes over many random starts and durations (seeded)', () => {
    const random = rng(20260309);
    for (const cal of [SP, NY]) {
      for (let i = 0; i < 300; i += 1) {
        const start = new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 729 * 86_400_000));
        const minutes = random() < 0.1 ? 0 : Math.floor(random() * 6000);
        const end = addBusinessMinutes(start, minutes, cal);
        expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
        expect(businessMinutesBetween(start, end, cal)).toBe(minutes);
        if (minutes > 0) expect(isBusinessTime(new Date(end.getTime() - 1), cal)).toBe(true);
        else expect(isBusinessTime(end, cal)).toBe(true);
        const split = Math.floor(random() * minutes);
        // Additive: adding in two steps lands on the same instant (the second step is never 0 here).
        if (split > 0) expect(addBusinessMinutes(addBusinessMinutes(start, split, cal), minutes - split, cal).getTime()).toBe(end.getTime());
      }
    }
  });
});
