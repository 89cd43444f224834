import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptFeedback } from '../../shared/app/accept-feedback.use-case.js';
import { processFeedback } from '../../shared/app/process-feedback.use-case.js';
import { runWorkflows, WorkflowRetryError } from '../../shared/app/run-workflows.use-case.js';
import { sweepSla } from '../../shared/app/sweep-sla.use-case.js';
import { feedbackAnalyzedEvent } from '../../shared/domain/feedback-events.schema.js';
import type { Feedback } from '../../shared/domain/feedback.schema.js';
import type { ActionRecord, OutboxRecord, TimelineEntry } from '../../shared/domain/workflow-records.schema.js';
import type { Container } from '../../local/container.js';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js';

// Response workflows in the running platform: the default rules, the outbox, the SLA sweeper.
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p?.stop());

type Item = Feedback & { messages: unknown[] };
const submit = async (body: object) => ((await (await p.post('/v1/feedback', body)).json()) as { id: string }).id;
const item = async (id: string) => (await (await p.get(`/v1/feedback/${id}`, 'agent')).json()) as Item;
const outbox = async (id: string) =>
  ((await (await p.get(`/v1/outbox?feedbackId=${id}`, 'agent')).json()) as { items: OutboxRecord[] }).items;
const settled = (id: string, check: (fb: Item, sent: OutboxRecord[]) => boolean) =>
  eventually(async () => {
    const [fb, sent] = await Promise.all([item(id), outbox(id)]);
    return check(fb, sent) ? { fb, sent } : undefined;
  }, 2000);

describe('default workflows', () => {
  it('gives a Portuguese complaint priority high, a Portuguese acknowledgement, a team notification and due times within 2 s', async () => {
    const id = await submit({ text: 'Comprei uma geladeira e a entrega atrasou duas semanas. Ninguém responde no SAC.', customer: { email: 'ana@example.com', name: 'Ana' } });
    const { fb, sent } = await settled(id, (f, s) => f.priority === 'high' && s.length >= 2 && f.sla !== undefined);
    expect(fb.sla!.firstResponseDueAt > fb.receivedAt).toBe(true);
    expect(fb.sla!.resolutionDueAt > fb.sla!.firstResponseDueAt).toBe(true);
    const ack = sent.find((m) => m.kind === 'customer')!;
    expect(ack).toMatchObject({ channel: 'email', to: 'ana@example.com', template: 'complaint-ack', status: 'outbox-only' });
    expect(ack.text).toMatch(/Olá, Ana/);
    expect(sent.find((m) => m.kind === 'team')).toMatchObject({ template: 'team-new-complaint' });
    // The acknowledgement is part of the conversation, and the timeline says what happened.
    expect(fb.messages).toEqual([expect.objectContaining({ direction: 'outbound' })]);
    // The timeline, read with the item, says what happened, in order.
    const expected = ['received', 'analyzed', 'rule-matched', 'action-done', 'message-sent', 'notification-sent'];
    const timeline = await eventually(async () => {
      const t = ((await item(id)) as Item & { timeline: TimelineEntry[] }).timeline;
      return expected.every((type) => t.some((e) => e.type === type)) ? t : undefined;
    });
    expect(timeline[0]).toMatchObject({ type: 'received' });
    expect(timeline.map((e) => e.at)).toEqual([...timeline.map((e) => e.at)].sort());
  });

  it('escalates a threat to go to Procon as urgent', async () => {
    const id = await submit({ text: 'Vou abrir reclamação no Procon se o reembolso não sair hoje.', customer: { email: 'bia@example.com' } });
    const { sent } = await settled(id, (f, s) => f.priority === 'urgent' && s.some((m) => m.template === 'team-urgent'));
    expect(sent.filter((m) => m.kind === 'customer')).toHaveLength(1);
  });

  it('records kudos for English praise, without a thank-you under the default acknowledgement policy (answer-expected)', async () => {
    const id = await submit({ text: 'Maria Oliveira was wonderful, she solved my problem in minutes. Thank you!', customer: { email: 'joe@example.com', name: 'Joe' } });
    const kudos = await eventually(async () => {
      const k = await p.container.recognition.listKudos('maria-oliveira', 10);
      return k.some((x) => x.feedbackId === id) ? k : undefined;
    });
    expect(kudos.filter((x) => x.feedbackId === id)).toHaveLength(1);
    // The run is over once every planned action is done: then nothing was sent to the customer.
    const actions = await eventually(async () => {
      const a = await p.container.actions.list(id);
      return a.length > 0 && a.every((x) => x.status === 'done') ? a : undefined;
    });
    expect(actions.map((a) => a.key).sort()).toEqual(['analyzed:collect:praise', 'analyzed:recordKudos']);
    expect((await item(id)).category).toBe('praise');
    expect((await outbox(id)).filter((m) => m.kind === 'customer')).toEqual([]);
  });

  it('changes nothing further when the same feedback.analyzed is replayed ten times', async () => {
    const id = await submit({ text: 'O produto veio quebrado, quero meu dinheiro de volta.', customer: { email: 'caio@example.com' } });
    await settled(id, (f, s) => f.sla !== undefined && s.length >= 2);
    // Wait until the platform's own run is over: no pending action, and nothing moves for a while.
    const snapshot = async () => {
      const [fb, sent, timeline, actions] = await Promise.all([item(id), outbox(id), p.container.timeline.list(id), p.container.actions.list(id)]);
      return { version: fb.version, sent: sent.length, timeline: timeline.length, pending: actions.filter((a) => a.status !== 'done').length };
    };
    const before = await eventually(async () => {
      const a = await snapshot();
      await new Promise((r) => setTimeout(r, 250));
      const b = await snapshot();
      return a.pending === 0 && JSON.stringify(a) === JSON.stringify(b) ? b : undefined;
    }, 10_000);
    const event = feedbackAnalyzedEvent((await p.container.store.get(id))!);
    for (let i = 0; i < 10; i++) await p.container.bus.publish([event]);
    for (let i = 0; i < 10; i++) await runWorkflows(p.container, { trigger: 'analyzed', feedbackId: id });
    await new Promise((r) => setTimeout(r, 300));
    expect(await snapshot()).toEqual(before);
  });

  it('escalates an item left unanswered past its first-response target, once', async () => {
    const id = await submit({ text: 'Cobrança indevida no meu cartão, resolvam isso.', customer: { email: 'dani@example.com' } });
    const { fb } = await settled(id, (f) => f.sla !== undefined && f.priority === 'high');
    const later = (iso: string, ms: number): Container => ({ ...p.container, clock: { now: () => new Date(Date.parse(iso) + ms) } });
    const past = later(fb.sla!.firstResponseDueAt, 60_000);
    const first = await sweepSla(past);
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    const escalated = await item(id);
    expect(escalated.priority).toBe('urgent');
    expect(escalated.labels).toContain('sla-breached');
    expect(escalated.sla!.breaches.firstResponse).toBeDefined();
    const breachNotices = () => outbox(id).then((s) => s.filter((m) => m.template === 'team-sla-breach'));
    expect(await breachNotices()).toHaveLength(1);
    await sweepSla(past);
    await sweepSla(later(fb.sla!.firstResponseDueAt, 120_000));
    expect(await breachNotices()).toHaveLength(1);
    expect((await item(id)).priority).toBe('urgent');
  });
});

describe('on resolution', () => {
  it('sends the customer a CSAT survey link, once', async () => {
    const id = await submit({ text: 'Minha dúvida: como troco o endereço de entrega?', customer: { email: 'gil@example.com', name: 'Gil' } });
    await settled(id, (f) => f.stage === 'analyzed' && f.sla !== undefined);
    // Resolve as an agent would (re-reading the version if the workflows were still at work).
    const resolved = await eventually(async () => {
      const res = await fetch(`${p.url}/v1/feedback/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'if-match': String((await item(id)).version), authorization: `Bearer ${await p.token('agent')}` },
        body: JSON.stringify({ status: 'resolved' }),
      });
      return res.status === 409 ? undefined : res;
    });
    expect(resolved.status).toBe(200);
    const { sent } = await settled(id, (_f, s) => s.some((m) => m.template === 'survey-invite'));
    const invite = sent.find((m) => m.template === 'survey-invite')!;
    const url = /https?:\/\/\S+\/v1\/surveys\/[\w.-]+/.exec(invite.text)?.[0];
    expect(url).toBeDefined();
    expect((await fetch(url!)).status).toBe(200);
    await runWorkflows(p.container, { trigger: 'resolved', feedbackId: id });
    expect((await outbox(id)).filter((m) => m.template === 'survey-invite')).toHaveLength(1);
  });
});

describe('a failing action', () => {
  /** An analyzed item the platform's own pipeline and workflows never saw. */
  async function quietItem(text: string): Promise<string> {
    // Neither queued (the platform's poller would process it) nor published (its workflows would run).
    const quiet: Container = { ...p.container, queue: { send: async () => {} }, bus: { publish: async () => {} } };
    const { id } = await acceptFeedback(quiet, { channel: 'api', customer: { email: 'edu@example.com' }, text, source: { provider: 'api' } });
    await processFeedback(quiet, id);
    return id;
  }
  const flaky = (failures: number): Container & { sent: number } => {
    const c = {
      ...p.container,
      sent: 0,
      messenger: {
        send: async () => {
          if (failures-- > 0) throw Object.assign(new Error('relay refused: 451 try later'), { retryable: true });
          c.sent++;
          return { provider: 'smtp', status: 'sent' as const };
        },
      },
      workflow: { ...p.container.workflow, retryBaseMs: 0, maxAttempts: 2 },
    };
    return c;
  };

  it('is recorded with its reason and retried, without blocking the others', async () => {
    const id = await quietItem('Atendimento péssimo, fiquei uma hora na fila de espera.');
    const c = flaky(1);
    await expect(runWorkflows(c, { trigger: 'analyzed', feedbackId: id })).rejects.toBeInstanceOf(WorkflowRetryError);
    const fb = (await c.store.get(id))!;
    expect(fb.priority).toBe('high');
    expect(fb.sla).toBeDefined();
    const records = ((await item(id)) as unknown as { actions: ActionRecord[] }).actions;
    expect(records.find((r) => r.type === 'sendMessage')).toMatchObject({ status: 'failed', attempts: 1, lastError: 'relay refused: 451 try later' });
    expect(records.filter((r) => r.status === 'done').map((r) => r.type)).toEqual(expect.arrayContaining(['setPriority', 'startSla', 'notifyTeam']));
    const run = await runWorkflows(c, { trigger: 'analyzed', feedbackId: id });
    expect(run.done).toEqual(['analyzed:sendMessage:complaint-ack']);
    expect(c.sent).toBe(1);
    expect((await c.actions.list(id)).find((r) => r.type === 'sendMessage')).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('is run again only after its lease when the run died before it ended, and recorded once', async () => {
    const id = await quietItem('Cobraram duas vezes no meu cartão, um absurdo.');
    const c = flaky(0);
    let dieOnce = true;
    const actions = c.actions;
    const dying: Container & { sent: number } = Object.assign(c, {
      actions: Object.assign(Object.create(Object.getPrototypeOf(actions)) as typeof actions, actions, {
        finishRun: async (...args: Parameters<typeof actions.finishRun>) => {
          if (dieOnce) {
            dieOnce = false;
            throw new Error('process killed');
          }
          return actions.finishRun(...args);
        },
      }),
    });
    await expect(runWorkflows(dying, { trigger: 'analyzed', feedbackId: id })).rejects.toThrow('process killed');
    expect(dying.sent).toBe(1);
    // Redelivered while the dead run's lease holds: nothing is run twice, the event comes back later.
    await expect(runWorkflows(dying, { trigger: 'analyzed', feedbackId: id })).rejects.toBeInstanceOf(WorkflowRetryError);
    expect(dying.sent).toBe(1);
    const later: Container & { sent: number } = Object.assign(dying, { clock: { now: () => new Date(Date.now() + p.container.workflow.leaseMs + 1000) } });
    const run = await runWorkflows(later, { trigger: 'analyzed', feedbackId: id });
    expect(run.done).toContain('analyzed:sendMessage:complaint-ack');
    // The send between the run's start and its end is the one that may repeat (at least once).
    expect(later.sent).toBe(2);
    expect((await runWorkflows(later, { trigger: 'analyzed', feedbackId: id })).done).toEqual([]);
    expect((await later.actions.list(id)).every((r) => r.status === 'done')).toBe(true);
    expect((await outbox(id)).filter((m) => m.template === 'complaint-ack')).toHaveLength(1);
  });

  it('shows on the item as failed, with the reason, once its attempts are spent', async () => {
    const id = await quietItem('Produto com defeito e ninguém me responde.');
    const c = flaky(99);
    await expect(runWorkflows(c, { trigger: 'analyzed', feedbackId: id })).rejects.toBeInstanceOf(WorkflowRetryError);
    const last = await runWorkflows(c, { trigger: 'analyzed', feedbackId: id });
    expect(last.failed).toEqual(['analyzed:sendMessage:complaint-ack']);
    expect((await c.actions.list(id)).find((r) => r.type === 'sendMessage')).toMatchObject({ status: 'failed', attempts: 2 });
    const timeline = await c.timeline.list(id);
    expect(timeline.filter((e) => e.type === 'action-failed').map((e) => e.summary)).toEqual([
      expect.stringContaining('will retry'),
      expect.stringContaining('gave up'),
    ]);
    expect((await runWorkflows(c, { trigger: 'analyzed', feedbackId: id })).done).toEqual([]);
    expect(c.sent).toBe(0);
  });
});
