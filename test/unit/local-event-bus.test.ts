import { describe, expect, it } from 'vitest';
import { LocalEventBus } from '../../local/local-event-bus.adapter.js';

const event = { type: 'feedback.analyzed', id: 'e1', time: '2026-11-28T12:00:00.000Z', detail: {} };
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('LocalEventBus', () => {
  it('retries a failing subscriber with backoff, then succeeds', async () => {
    const bus = new LocalEventBus();
    const times: number[] = [];
    bus.subscribe(async () => {
      times.push(Date.now());
      if (times.length < 3) throw new Error('not yet');
    }, { attempts: 5, firstDelayMs: 20 });
    await bus.publish([event]);
    await until(() => times.length === 3);
    expect(times).toHaveLength(3);
  });

  it('reports an event whose subscriber keeps failing, without failing the publisher', async () => {
    const errors: string[] = [];
    const bus = new LocalEventBus((e, ev) => errors.push(`${ev.id}: ${(e as Error).message}`));
    let calls = 0;
    bus.subscribe(async () => {
      calls++;
      throw new Error('broken');
    }, { attempts: 3, firstDelayMs: 1 });
    await expect(bus.publish([event])).resolves.toBeUndefined();
    await until(() => errors.length === 1);
    expect(calls).toBe(3);
    expect(errors).toEqual(['e1: broken']);
  });
});
