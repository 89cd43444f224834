import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseEmail } from '../../../shared/adapters/mime-email-parser.adapter.js';
import { offlineRedactor } from '../../../shared/adapters/offline-redactor.adapter.js';
import { getFeedback } from '../../../shared/app/get-feedback.use-case.js';
import { ingestEmail, type EmailDeps } from '../../../shared/app/ingest-email.use-case.js';
import { NotFoundError } from '../../../shared/domain/errors.js';
import { silentLog } from '../../../shared/ports/logger.port.js';
import { fixedClock, MemoryObjects, RecordingQueue } from '../../support/fakes.js';
import { InMemoryFeedbackStore } from '../../support/in-memory-feedback-store.js';
import { InMemoryThreadStore } from '../../support/in-memory-thread-store.js';
import { InMemoryCustomerStore } from '../../support/in-memory-customer-store.js';

const eml = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/email/${name}`, import.meta.url)));
let deps: EmailDeps & { store: InMemoryFeedbackStore; queue: RecordingQueue; threads: InMemoryThreadStore; objects: MemoryObjects };
beforeEach(() => {
  deps = {
    store: new InMemoryFeedbackStore(), queue: new RecordingQueue(), threads: new InMemoryThreadStore(), objects: new MemoryObjects(),
    redactor: offlineRedactor, parseEmail, clock: fixedClock(), log: silentLog,
  };
});

describe('ingest email', () => {
  it('quarantines a message with a FAIL verdict: kept, not queued, visible to admins only', async () => {
    const r = await ingestEmail(deps, { raw: eml('gmail-pt-reply.eml'), provider: 'ses', verdicts: { spam: 'FAIL', virus: 'PASS' } });
    expect(r.outcome).toBe('quarantined');
    expect(deps.store.items.get(r.id)).toMatchObject({ stage: 'quarantined', ignoredReason: 'spam verdict FAIL', text: '' });
    expect(deps.queue.sent).toEqual([]);
    const readDeps = { ...deps, timeline: { append: async () => true, list: async () => [] }, actions: { list: async () => [] } as never, customers: new InMemoryCustomerStore() };
    await expect(getFeedback(readDeps, r.id, { roles: ['agent'] })).rejects.toBeInstanceOf(NotFoundError);
    expect((await getFeedback(readDeps, r.id, { roles: ['admin'] })).stage).toBe('quarantined');
  });

  it('keeps the raw message and answers a redelivery as a duplicate', async () => {
    const first = await ingestEmail(deps, { raw: eml('outlook-en-reply.eml'), provider: 'smtp' });
    const again = await ingestEmail(deps, { raw: eml('outlook-en-reply.eml'), provider: 'smtp' });
    expect(first.outcome).toBe('created');
    expect(again).toEqual({ ...first, outcome: 'duplicate' });
    expect(deps.store.items.size).toBe(1);
    expect(deps.queue.sent).toHaveLength(1);
    expect(deps.objects.objects.get(deps.store.items.get(first.id)!.source.rawRef!)).toEqual(eml('outlook-en-reply.eml'));
  });

  it('ignores a bounce without queueing it', async () => {
    const r = await ingestEmail(deps, { raw: eml('bounce-postfix.eml'), provider: 'smtp' });
    expect(r.outcome).toBe('ignored');
    expect(deps.store.items.get(r.id)!.ignoredReason).toMatch(/^bounce/);
    expect(deps.queue.sent).toEqual([]);
  });
});
