import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feedback } from '../../shared/domain/feedback.schema.js';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ pauseProcessing: true });
});
afterAll(async () => {
  await p?.stop();
});

describe('DynamoFeedbackStore.update and the published mark', () => {
  it('does not let a copy read before markEventPublished erase the mark', async () => {
    const { id } = (await (await p.post('/v1/feedback', { text: 'Entrega atrasada' })).json()) as { id: string };
    const received = await eventually(async () => p.container.store.get(id));
    const analyzed: Feedback = { ...received, stage: 'analyzed', language: 'pt', analysis: { engine: 'offline', confidence: 0.9, languageConfidence: 0.9, pii: [], analyzedAt: received.receivedAt, version: received.version + 1 }, version: received.version + 1 };
    expect(await p.container.store.saveAnalyzed(analyzed, received.version)).toBe(true);

    const stale = (await p.container.store.get(id))!; // a workflow reads the item…
    await p.container.store.markEventPublished(id, analyzed.version, new Date().toISOString()); // …the processor marks it…
    // …and the workflow's write from its copy is refused instead of dropping the mark.
    expect(await p.container.store.update({ ...stale, labels: ['x'], version: stale.version + 1 }, stale.version)).toBe(false);
    const fresh = (await p.container.store.get(id))!;
    expect(fresh.eventPublishedAt).toBeDefined();
    expect(await p.container.store.update({ ...fresh, labels: ['x'], version: fresh.version + 1 }, fresh.version)).toBe(true);
    expect(await p.container.store.get(id)).toMatchObject({ labels: ['x'], eventPublishedAt: fresh.eventPublishedAt });
  });
});
