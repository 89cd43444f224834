import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptFeedback } from '../../shared/app/accept-feedback.use-case.js';
import { processFeedback } from '../../shared/app/process-feedback.use-case.js';
import { replyToFeedback } from '../../shared/app/reply-feedback.use-case.js';
import { runWorkflows, WorkflowRetryError } from '../../shared/app/run-workflows.use-case.js';
import { sweepSla } from '../../shared/app/sweep-sla.use-case.js';
import { METRIC } from '../../shared/ports/telemetry.port.js';
import type { Container } from '../../local/container.js';
import { RecordingTelemetry } from '../support/recording-telemetry.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

// Business metrics of the replies, the SLA sweeper and the workflows, against the real stores.
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p?.stop());

const at = (iso: string, plusMs: number) => ({ now: () => new Date(Date.parse(iso) + plusMs) });

/** An analyzed complaint the platform's own pipeline and workflows never saw. */
async function quietItem(text: string, email: string): Promise<string> {
  const quiet: Container = { ...p.container, queue: { send: async () => {} }, bus: { publish: async () => {} } };
  const { id } = await acceptFeedback(quiet, { channel: 'email', customer: { email }, text, source: { provider: 'api' } });
  await processFeedback(quiet, id);
  return id;
}

describe('business metrics', () => {
  it("records the first reply's response time in minutes, once per item", async () => {
    const id = await quietItem('Entrega atrasada, ninguém responde.', 'ana@example.com');
    const receivedAt = (await p.container.store.get(id))!.receivedAt;
    const telemetry = new RecordingTelemetry();
    await replyToFeedback({ ...p.container, telemetry, clock: at(receivedAt, 90 * 60_000 + 30_000) }, id, { text: 'Olá, vamos verificar.' }, 'agent:ana');
    await replyToFeedback({ ...p.container, telemetry, clock: at(receivedAt, 200 * 60_000) }, id, { text: 'Resolvido?' }, 'agent:ana');
    expect(telemetry.samples).toEqual([{ kind: 'duration', name: METRIC.firstResponseMinutes, value: 90.5, dims: { channel: 'email' } }]);
  });

  it('counts an SLA breach by clock once, however often the sweeper passes', async () => {
    const id = await quietItem('Cobrança indevida no cartão, resolvam isso.', 'bia@example.com');
    await runWorkflows(p.container, { trigger: 'analyzed', feedbackId: id });
    const due = (await p.container.store.get(id))!.sla!.firstResponseDueAt;
    const telemetry = new RecordingTelemetry();
    const result = await sweepSla({ ...p.container, telemetry, clock: at(due, 60_000) });
    expect(result.escalated).toBeGreaterThanOrEqual(1);
    expect(telemetry.of(METRIC.slaBreached)).toHaveLength(result.escalated);
    expect(telemetry.of(METRIC.slaBreached, { clock: 'firstResponse' })).toHaveLength(1);
    await sweepSla({ ...p.container, telemetry, clock: at(due, 120_000) });
    expect(telemetry.of(METRIC.slaBreached, { clock: 'firstResponse' })).toHaveLength(1);
  });

  it('counts each failed workflow action attempt', async () => {
    const id = await quietItem('Produto com defeito e ninguém me responde.', 'edu@example.com');
    const telemetry = new RecordingTelemetry();
    const c: Container = {
      ...p.container,
      telemetry,
      messenger: { send: async () => { throw Object.assign(new Error('relay refused: 451'), { retryable: true }); } },
      workflow: { ...p.container.workflow, retryBaseMs: 0, maxAttempts: 2 },
    };
    await expect(runWorkflows(c, { trigger: 'analyzed', feedbackId: id })).rejects.toBeInstanceOf(WorkflowRetryError);
    expect(telemetry.total(METRIC.workflowActionFailed)).toBe(1);
    await runWorkflows(c, { trigger: 'analyzed', feedbackId: id }); // second and last attempt
    await runWorkflows(c, { trigger: 'analyzed', feedbackId: id }); // given up: nothing runs
    expect(telemetry.total(METRIC.workflowActionFailed)).toBe(2);
  });
});
