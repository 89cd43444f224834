import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ServiceStandardsSchema, DEFAULT_SERVICE_STANDARDS } from '../../../shared/domain/sla/service-standards.schema.js';
import {
  compliance,
  dueEvents,
  markEscalated,
  nextDeadline,
  pause,
  recordFirstResponse,
  reprioritize,
  resolve,
  resume,
  SlaStateSchema,
  SlaTransitionError,
  startSla,
} from '../../../shared/domain/sla/sla-clock.js';

const S = DEFAULT_SERVICE_STANDARDS;
const sp = (local: string): string => DateTime.fromISO(local, { zone: 'America/Sao_Paulo' }).toUTC().toISO() ?? '';
const local = (iso: string | undefined): string => DateTime.fromISO(iso ?? '', { zone: 'America/Sao_Paulo' }).toFormat("yyyy-MM-dd'T'HH:mm");
// Monday 2026-03-09 10:00 in São Paulo (no holiday that week).
const MON_10 = sp('2026-03-09T10:00');
const start = (priority: 'low' | 'normal' | 'high' | 'urgent' = 'normal', channel: 'email' | 'social' = 'email') =>
  startSla(S, { at: MON_10, priority, channel });

describe('startSla', () => {
  it('schedules both clocks in business time with warnings 30 business minutes ahead', () => {
    const s = start();
    expect(SlaStateSchema.parse(s)).toEqual(s);
    expect(s.policy).toEqual({ priority: 'normal', channel: 'email', clock: 'business', firstResponseMinutes: 240, resolutionMinutes: 1620, warnBeforeMinutes: 30 });
    expect(local(s.firstResponseDueAt)).toBe('2026-03-09T14:00');
    expect(local(s.firstResponseWarnAt)).toBe('2026-03-09T13:30');
    expect(local(s.resolutionDueAt)).toBe('2026-03-12T10:00'); // 3 business days
    expect(local(s.resolutionWarnAt)).toBe('2026-03-12T09:30');
  });

  it('uses channel overrides and caps the warning lead at half the target', () => {
    expect(local(start('normal', 'social').firstResponseDueAt)).toBe('2026-03-09T11:00');
    const urgent = start('urgent');
    expect(local(urgent.firstResponseDueAt)).toBe('2026-03-09T10:30');
    expect(local(urgent.firstResponseWarnAt)).toBe('2026-03-09T10:15');
    expect(local(urgent.resolutionDueAt)).toBe('2026-03-09T14:00');
  });

  it('runs on calendar time for a channel configured so', () => {
    const standards = ServiceStandardsSchema.parse({ clock: { social: 'calendar' } });
    const s = startSla(standards, { at: sp('2026-03-14T22:00'), priority: 'normal', channel: 'social' });
    expect(s.policy.clock).toBe('calendar');
    expect(local(s.firstResponseDueAt)).toBe('2026-03-14T23:00');
    expect(local(s.resolutionDueAt)).toBe('2026-03-16T01:00'); // 27 hours later
  });
});

describe('transitions', () => {
  it('a first response stops the first-response clock, once', () => {
    const s = recordFirstResponse(start(), sp('2026-03-09T11:00'));
    expect(local(s.firstRespondedAt)).toBe('2026-03-09T11:00');
    expect(recordFirstResponse(s, sp('2026-03-09T12:00'))).toBe(s);
    expect(nextDeadline(s)).toEqual({ clock: 'resolution', kind: 'warning', dueAt: s.resolutionWarnAt });
    expect(compliance(s, S)).toMatchObject({ firstResponseMet: true, firstResponseBusinessMinutes: 60 });
    expect(compliance(s, S).resolutionMet).toBeUndefined();
  });

  it('pause stops only the resolution clock; resume extends the due date by the business time paused', () => {
    const paused = pause(start(), sp('2026-03-09T12:00'));
    expect(pause(paused, sp('2026-03-09T13:00'))).toBe(paused);
    expect(nextDeadline(paused)).toMatchObject({ clock: 'firstResponse', kind: 'warning' });
    const responded = recordFirstResponse(paused, sp('2026-03-09T12:30'));
    expect(nextDeadline(responded)).toBeUndefined();
    expect(dueEvents(responded, sp('2026-03-20T10:00'))).toEqual([]);
    // Paused Mon 12:00 to Tue 12:00: 540 business minutes, so resolution moves from Thu 10:00 to Fri 10:00.
    const resumed = resume(responded, sp('2026-03-10T12:00'), S);
    expect(resumed.pausedAt).toBeUndefined();
    expect(resumed.pausedBusinessMinutes).toBe(540);
    expect(local(resumed.resolutionDueAt)).toBe('2026-03-13T10:00');
    expect(local(resumed.resolutionWarnAt)).toBe('2026-03-13T09:30');
    expect(resumed.firstResponseDueAt).toBe(paused.firstResponseDueAt);
    expect(resume(resumed, sp('2026-03-10T13:00'), S)).toBe(resumed);
    // Paused Fri 09:00 (60 minutes left) to Mon 09:00: Friday's 540 and Saturday's 240 business minutes.
    const again = resume(pause(resumed, sp('2026-03-13T09:00')), sp('2026-03-16T09:00'), S);
    expect(again.pausedBusinessMinutes).toBe(540 + 780);
    expect(local(again.resolutionDueAt)).toBe('2026-03-16T10:00');
    expect(compliance(resolve(again, sp('2026-03-16T09:30')), S)).toMatchObject({ resolutionMet: true, resolutionBusinessMinutes: 1590 });
  });

  it('a pause that begins when already overdue does not move the deadline', () => {
    const s = resume(pause(start(), sp('2026-03-12T11:00')), sp('2026-03-13T11:00'), S);
    expect(local(s.resolutionDueAt)).toBe('2026-03-12T10:00');
    expect(s.pausedBusinessMinutes).toBe(540);
    expect(compliance(resolve(s, sp('2026-03-13T12:00')), S).resolutionMet).toBe(false);
  });

  it('resolving while paused keeps the resolution clock stopped at the pause', () => {
    const s = resolve(pause(recordFirstResponse(start(), sp('2026-03-09T11:00')), sp('2026-03-09T12:00')), sp('2026-03-30T12:00'));
    expect(compliance(s, S)).toMatchObject({ resolutionMet: true, resolutionBusinessMinutes: 120, firstResponseBusinessMinutes: 60 });
    expect(nextDeadline(s)).toBeUndefined();
  });

  it('reprioritize recomputes from startedAt and keeps a first response already given', () => {
    const up = reprioritize(start(), S, 'urgent', sp('2026-03-09T10:05'));
    expect(up.policy).toMatchObject({ priority: 'urgent', firstResponseMinutes: 30, resolutionMinutes: 240 });
    expect(local(up.firstResponseDueAt)).toBe('2026-03-09T10:30');
    expect(local(up.resolutionDueAt)).toBe('2026-03-09T14:00');
    expect(up.reprioritizedAt).toBe(sp('2026-03-09T10:05'));

    const answered = recordFirstResponse(start(), sp('2026-03-09T13:00'));
    const down = reprioritize(answered, S, 'low', sp('2026-03-09T13:10'));
    expect(down.firstResponseDueAt).toBe(answered.firstResponseDueAt);
    expect(down.policy.firstResponseMinutes).toBe(240);
    expect(local(down.resolutionDueAt)).toBe('2026-03-14T10:00'); // 2700 business minutes, ending Saturday morning
    expect(compliance(down, S).firstResponseMet).toBe(true);
  });

  it('reprioritizing to an exceeded target makes the breach due at once', () => {
    const late = reprioritize(start('low'), S, 'urgent', sp('2026-03-09T16:00'));
    expect(local(late.firstResponseDueAt)).toBe('2026-03-09T10:30');
    expect(local(late.resolutionDueAt)).toBe('2026-03-09T16:00');
    expect(dueEvents(late, sp('2026-03-09T16:00')).map((e) => `${e.clock}:${e.kind}`)).toEqual(['firstResponse:breach', 'resolution:breach']);
  });

  it('reprioritizing keeps the paused time', () => {
    const s = resume(pause(start(), sp('2026-03-09T11:00')), sp('2026-03-09T13:00'), S);
    const high = reprioritize(s, S, 'high', sp('2026-03-09T13:00'));
    expect(local(high.resolutionDueAt)).toBe('2026-03-10T12:00'); // 540 + 120 paused from Mon 10:00
  });

  it('compliance measures durations only with a calendar (or on a calendar clock)', () => {
    // Answered at 19:00 (after hours, 5 hours late), resolved the next morning.
    const done = resolve(recordFirstResponse(start(), sp('2026-03-09T19:00')), sp('2026-03-10T10:00'));
    expect(compliance(done)).toEqual({ clock: 'business', firstResponseMet: false, resolutionMet: true, pausedBusinessMinutes: 0 });
    expect(compliance(done, S)).toMatchObject({ firstResponseBusinessMinutes: 480, resolutionBusinessMinutes: 540 });
    const standards = ServiceStandardsSchema.parse({ clock: { social: 'calendar' } });
    const social = resolve(startSla(standards, { at: sp('2026-03-14T22:00'), priority: 'normal', channel: 'social' }), sp('2026-03-14T23:30'));
    expect(compliance(social)).toEqual({ clock: 'calendar', firstResponseMet: false, resolutionMet: true, firstResponseBusinessMinutes: 90, resolutionBusinessMinutes: 90, pausedBusinessMinutes: 0 });
  });

  it('rejects impossible transitions', () => {
    const resolved = resolve(start(), sp('2026-03-09T11:00'));
    expect(resolve(resolved, sp('2026-03-09T12:00'))).toBe(resolved);
    expect(() => pause(resolved, sp('2026-03-09T12:00'))).toThrow(SlaTransitionError);
    expect(() => reprioritize(resolved, S, 'high', sp('2026-03-09T12:00'))).toThrow(SlaTransitionError);
    expect(() => recordFirstResponse(start(), sp('2026-03-09T09:00'))).toThrow(SlaTransitionError);
    expect(() => resume(pause(start(), sp('2026-03-09T12:00')), sp('2026-03-09T11:00'), S)).toThrow(SlaTransitionError);
    try {
      pause(resolved, sp('2026-03-09T12:00'));
    } catch (e) {
      expect((e as SlaTransitionError).status).toBe(409);
    }
  });
});

describe('deadlines and escalation', () => {
  it('nextDeadline walks warning, breach, then the resolution clock', () => {
    let s = start();
    expect(nextDeadline(s)).toEqual({ clock: 'firstResponse', kind: 'warning', dueAt: s.firstResponseWarnAt });
    s = markEscalated(s, { clock: 'firstResponse', kind: 'warning' }, sp('2026-03-09T13:30'));
    expect(nextDeadline(s)).toEqual({ clock: 'firstResponse', kind: 'breach', dueAt: s.firstResponseDueAt });
    s = recordFirstResponse(s, sp('2026-03-09T13:45'));
    expect(nextDeadline(s)).toEqual({ clock: 'resolution', kind: 'warning', dueAt: s.resolutionWarnAt });
    s = resolve(s, sp('2026-03-10T10:00'));
    expect(nextDeadline(s)).toBeUndefined();
    expect(compliance(s, S)).toMatchObject({ firstResponseMet: true, resolutionMet: true, firstResponseBusinessMinutes: 225, resolutionBusinessMinutes: 540 });
  });

  it('orders by time across clocks (a reprioritized resolution can come first)', () => {
    const standards = ServiceStandardsSchema.parse({ targets: { byPriority: { ...S.targets.byPriority, normal: { firstResponseMinutes: 300, resolutionMinutes: 300 } } } });
    const s = startSla(standards, { at: MON_10, priority: 'normal', channel: 'email' });
    expect(nextDeadline(s)).toMatchObject({ clock: 'firstResponse', kind: 'warning' }); // same instant: first response first
    const answered = markEscalated(s, { clock: 'firstResponse', kind: 'warning' }, sp('2026-03-09T14:30'));
    expect(nextDeadline(answered)).toMatchObject({ clock: 'resolution', kind: 'warning' });
  });

  it('dueEvents yields each warning and breach once, and a late check only the breach', () => {
    let s = start();
    expect(dueEvents(s, sp('2026-03-09T13:29'))).toEqual([]);
    expect(dueEvents(s, sp('2026-03-09T13:30'))).toEqual([{ clock: 'firstResponse', kind: 'warning', dueAt: s.firstResponseWarnAt }]);
    const late = dueEvents(s, sp('2026-03-09T14:30'));
    expect(late).toEqual([{ clock: 'firstResponse', kind: 'breach', dueAt: s.firstResponseDueAt }]);
    const event = late[0]!;
    s = markEscalated(s, event, sp('2026-03-09T14:31'));
    expect(s.breaches.firstResponse).toBe(sp('2026-03-09T14:31'));
    expect(markEscalated(s, event, sp('2026-03-09T15:00'))).toBe(s);
    expect(dueEvents(s, sp('2026-03-09T14:32'))).toEqual([]);
    expect(nextDeadline(s)).toMatchObject({ clock: 'resolution', kind: 'warning' });
    const both = dueEvents(s, sp('2026-03-20T10:00'));
    expect(both).toEqual([{ clock: 'resolution', kind: 'breach', dueAt: s.resolutionDueAt }]);
    s = markEscalated(s, both[0]!, sp('2026-03-20T10:00'));
    expect(dueEvents(s, sp('2026-04-20T10:00'))).toEqual([]);
    expect(nextDeadline(s)).toBeUndefined();
    expect(compliance(recordFirstResponse(s, sp('2026-03-20T11:00')), S)).toMatchObject({ firstResponseMet: false, resolutionMet: false });
  });

  it('a warning is re-armed when a pause moves the deadline; a breach stays recorded', () => {
    let s = recordFirstResponse(start(), sp('2026-03-09T11:00'));
    s = markEscalated(s, { clock: 'resolution', kind: 'warning' }, sp('2026-03-12T09:30'));
    s = resume(pause(s, sp('2026-03-12T09:40')), sp('2026-03-13T09:40'), S);
    expect(local(s.resolutionDueAt)).toBe('2026-03-13T10:00');
    expect(s.warned.resolution).toBeUndefined();
    expect(nextDeadline(s)).toEqual({ clock: 'resolution', kind: 'warning', dueAt: sp('2026-03-13T09:40') });

    let b = markEscalated(start(), { clock: 'resolution', kind: 'breach' }, sp('2026-03-12T10:00'));
    b = reprioritize(b, S, 'low', sp('2026-03-12T10:30'));
    expect(b.breaches.resolution).toBe(sp('2026-03-12T10:00'));
    expect(dueEvents(b, sp('2026-03-30T10:00')).filter((e) => e.clock === 'resolution')).toEqual([]);
  });
});
