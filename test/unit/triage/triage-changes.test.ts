import { describe, expect, it } from 'vitest';
import type { Feedback } from '../../../shared/domain/feedback.schema.js';
import { DEFAULT_SERVICE_STANDARDS } from '../../../shared/domain/sla/service-standards.schema.js';
import { startSla } from '../../../shared/domain/sla/sla-clock.js';
import { applyTriage } from '../../../shared/domain/triage/triage-changes.js';
import { TransitionNotAllowedError } from '../../../shared/domain/triage/triage.errors.js';
import { canTransition, TRANSITIONS } from '../../../shared/domain/triage/triage.schema.js';

const receivedAt = '2030-03-04T13:00:00.000Z';
const base: Feedback = {
  id: '01HZZZZZZZZZZZZZZZZZZZZZZZ', channel: 'email', receivedAt, customer: { email: 'a@example.com' }, text: 'x', keyPhrases: [],
  status: 'new', priority: 'normal', labels: ['a'], source: { provider: 'ses' }, stage: 'analyzed', sweeps: 0, version: 3,
  createdAt: receivedAt, updatedAt: receivedAt, sla: startSla(DEFAULT_SERVICE_STANDARDS, { at: receivedAt, priority: 'normal', channel: 'email' }),
};
const ctx = (iso: string) => ({ standards: DEFAULT_SERVICE_STANDARDS, at: new Date(iso), actor: 'agent:ana' });

describe('status transitions', () => {
  it.each([
    ['new', ['open', 'pending', 'resolved', 'closed']],
    ['open', ['pending', 'resolved', 'closed']],
    ['pending', ['open', 'resolved', 'closed']],
    ['resolved', ['open', 'closed']],
    ['closed', ['open']],
  ] as const)('%s → %j only', (from, to) => {
    expect(TRANSITIONS[from]).toEqual(to);
    for (const s of ['new', 'open', 'pending', 'resolved', 'closed'] as const) expect(canTransition(from, s)).toBe((to as readonly string[]).includes(s));
  });

  it('refuses a transition not allowed, naming status', () => {
    const e = (() => {
      try {
        applyTriage({ ...base, status: 'closed' }, { status: 'resolved' }, ctx('2030-03-04T14:00:00.000Z'));
      } catch (err) {
        return err;
      }
    })() as TransitionNotAllowedError;
    expect(e).toBeInstanceOf(TransitionNotAllowedError);
    expect(e.status).toBe(400);
    expect(e.details[0]!.field).toBe('status');
  });

  it('changes nothing (no version, no entries) when the values are already there', () => {
    expect(applyTriage(base, { status: 'new', priority: 'normal', labels: { add: ['a'], remove: ['b'] } }, ctx('2030-03-04T14:00:00.000Z'))).toEqual({ next: undefined, entries: [], resolved: false });
  });
});

describe('SLA effects', () => {
  it('pending pauses, leaving it resumes later, resolved stops the clocks and is flagged', () => {
    const paused = applyTriage(base, { status: 'pending' }, ctx('2030-03-04T14:00:00.000Z')).next!;
    expect(paused.sla!.pausedAt).toBe('2030-03-04T14:00:00.000Z');
    const resumed = applyTriage(paused, { status: 'open' }, ctx('2030-03-04T16:00:00.000Z')).next!;
    expect(resumed.sla!.pausedAt).toBeUndefined();
    expect(resumed.sla!.resolutionDueAt > base.sla!.resolutionDueAt).toBe(true);
    const done = applyTriage(resumed, { status: 'resolved' }, ctx('2030-03-04T17:00:00.000Z'));
    expect(done.resolved).toBe(true);
    expect(done.next!.sla!.resolvedAt).toBe('2030-03-04T17:00:00.000Z');
    // Reopened: the clocks stay stopped; closing is not a resolution event.
    const reopened = applyTriage(done.next!, { status: 'open' }, ctx('2030-03-05T10:00:00.000Z'));
    expect(reopened.next!.sla!.resolvedAt).toBeDefined();
    expect(applyTriage(reopened.next!, { status: 'closed' }, ctx('2030-03-05T11:00:00.000Z')).resolved).toBe(false);
  });

  it('a new priority re-targets the clocks, before the item is paused in the same change', () => {
    const r = applyTriage(base, { priority: 'urgent', status: 'pending' }, ctx('2030-03-04T13:30:00.000Z'));
    expect(r.next!.sla!.policy.priority).toBe('urgent');
    expect(r.next!.sla!.firstResponseDueAt < base.sla!.firstResponseDueAt).toBe(true);
    expect(r.next!.sla!.pausedAt).toBeDefined();
    expect(r.entries.map((e) => [e.type, e.key, e.actor])).toEqual([
      ['priority-changed', 'triage:v4:priority-changed', 'agent:ana'],
      ['status-changed', 'triage:v4:status-changed', 'agent:ana'],
    ]);
  });
});
