import { acceptFeedback } from '../../shared/app/accept-feedback.use-case.js';
import { processFeedback } from '../../shared/app/process-feedback.use-case.js';
import type { Feedback } from '../../shared/domain/feedback.schema.js';
import type { Container } from '../../local/container.js';

/**
 * Analyzed items the platform's own pipeline and workflows never see (not queued, not published),
 * received one minute apart from `base`, then changed with `edit` (status, priority, labels...).
 */
export async function quietItems(
  c: Container,
  specs: ReadonlyArray<{ text: string; customer?: Feedback['customer']; edit?: (fb: Feedback) => Feedback }>,
  base = Date.parse('2030-01-01T12:00:00.000Z'),
): Promise<Feedback[]> {
  const out: Feedback[] = [];
  for (const [i, spec] of specs.entries()) {
    const at = new Date(base + i * 60_000);
    const quiet: Container = { ...c, queue: { send: async () => {} }, bus: { publish: async () => {} }, clock: { now: () => at } };
    const { id } = await acceptFeedback(quiet, { channel: 'api', customer: spec.customer ?? { email: `c${i}@example.com` }, text: spec.text, source: { provider: 'api' } });
    await processFeedback(quiet, id);
    let fb = (await c.store.get(id))!;
    if (spec.edit) {
      const next = { ...spec.edit(fb), version: fb.version + 1 };
      if (!(await c.store.update(next, fb.version))) throw new Error('edit failed');
      fb = next;
    }
    out.push(fb);
  }
  return out;
}
