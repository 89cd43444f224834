import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionRecord, TimelineEntry } from '../../shared/domain/workflow-records.schema.js';
import { WORKFLOW_MAX_RECEIVES } from '../../shared/runtime/processing.settings.js';
import { awsClients, setContainer } from '../../local/container.js';
import { config } from '../../shared/runtime/config.js';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js';

// A workflow action that keeps failing, through the same path as on AWS: the bus puts the event in
// the workflow queue, run-workflows reports the record failed, the queue delivers it again after its
// visibility timeout (1 s here, 360 s on AWS) and, after its last receive, moves it to the DLQ.
let p: TestPlatform;
let sends = 0;
let working = false;
beforeAll(async () => {
  p = await startTestPlatform({ workflowVisibilityTimeoutSeconds: 1 });
  setContainer({
    ...p.container,
    dynamodb: p.dynamodb,
    messenger: {
      send: async () => {
        sends++;
        if (working) return { provider: 'smtp', status: 'sent' as const };
        throw Object.assign(new Error('relay refused: 451 try later'), { retryable: true });
      },
    },
  });
});
afterAll(async () => {
  setContainer(undefined);
  await p?.stop();
});

describe('a workflow action that keeps failing', () => {
  it('is retried once per delivery of its queue message, shows on the item, ends in the workflow DLQ, and runs again when it is redriven', async () => {
    const res = await p.post('/v1/feedback', { text: 'Produto com defeito e ninguém me responde há uma semana.', customer: { email: 'dlq@example.com', name: 'Dani' } });
    const { id } = (await res.json()) as { id: string };
    const sqs = awsClients(config()).sqs;
    const dead = await eventually(async () => {
      const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: p.workflowQueue.dlqUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      return out.Messages?.find((m) => (JSON.parse(m.Body ?? '{}') as { detail?: { id?: string } }).detail?.id === id);
    }, 60_000, 200);
    // The DLQ holds the EventBridge event itself, as the rule's SQS target delivered it.
    expect(JSON.parse(dead.Body!)).toMatchObject({ source: 'ouvidor', 'detail-type': 'feedback.analyzed', detail: { id } });
    expect(sends).toBe(WORKFLOW_MAX_RECEIVES);

    const item = (await (await p.get(`/v1/feedback/${id}`, 'agent')).json()) as { actions: ActionRecord[]; timeline: TimelineEntry[]; priority: string };
    expect(item.actions.find((r) => r.type === 'sendMessage')).toMatchObject({ status: 'failed', attempts: WORKFLOW_MAX_RECEIVES, lastError: 'relay refused: 451 try later' });
    // The other actions of the run were not held back by it.
    expect(item.actions.filter((r) => r.status === 'done').map((r) => r.type)).toEqual(expect.arrayContaining(['setPriority', 'notifyTeam']));
    const failures = item.timeline.filter((e) => e.type === 'action-failed').map((e) => e.summary);
    expect(failures).toHaveLength(WORKFLOW_MAX_RECEIVES);
    expect(failures.slice(0, -1).every((s) => s.includes('will retry'))).toBe(true);
    expect(failures.at(-1)).toContain(`delivery ${WORKFLOW_MAX_RECEIVES} of ${WORKFLOW_MAX_RECEIVES}, gave up: the event goes to the workflow dead-letter queue`);

    // The cause fixed, an admin redrives the DLQ: only the failed action runs, once.
    working = true;
    await sqs.send(new SendMessageCommand({ QueueUrl: p.workflowQueue.url, MessageBody: dead.Body! }));
    await sqs.send(new DeleteMessageCommand({ QueueUrl: p.workflowQueue.dlqUrl, ReceiptHandle: dead.ReceiptHandle! }));
    const redriven = await eventually(async () => {
      const fb = (await (await p.get(`/v1/feedback/${id}`, 'agent')).json()) as { actions: ActionRecord[] };
      const send = fb.actions.find((r) => r.type === 'sendMessage');
      return send?.status === 'done' ? fb : undefined;
    }, 30_000, 200);
    expect(sends).toBe(WORKFLOW_MAX_RECEIVES + 1);
    expect(redriven.actions.filter((r) => r.status === 'done').length).toBe(redriven.actions.length);
  });
});
