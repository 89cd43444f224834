import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feedback } from '../../shared/domain/feedback.schema.js';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js';

// The whole local platform with the real offline analyzer: POST → queue → processor → store → GET.
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p?.stop());

const analyzed = (id: string) =>
  eventually(async () => {
    const res = await p.get(`/v1/feedback/${id}`, 'agent');
    const fb = (await res.json()) as Feedback;
    return fb.stage === 'analyzed' ? fb : undefined;
  }, 2000);

describe('the feedback pipeline', () => {
  it('analyzes a Portuguese complaint within 2 seconds', async () => {
    const res = await p.post('/v1/feedback', {
      text: 'A entrega atrasou duas semanas e ninguém responde meus e-mails. Meu e-mail é ana.souza@example.com.',
      customer: { name: 'Ana' },
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const fb = await analyzed(id);
    expect(fb).toMatchObject({ language: 'pt', sentiment: { label: 'NEGATIVE' }, category: 'complaint', status: 'new' });
    // Analysis is version 2; the workflows may already have changed it again (priority, labels, SLA).
    expect(fb.version).toBeGreaterThanOrEqual(2);
    const s = fb.sentiment!.scores;
    expect(s.Negative).toBeGreaterThan(Math.max(s.Positive, s.Neutral, s.Mixed));
    expect(fb.keyPhrases.length).toBeGreaterThan(0);
    expect(fb.analysis?.engine).toBe('offline');
    // PII is redacted in the table; the original is in the object store.
    expect(fb.text).not.toContain('ana.souza@example.com');
    expect(fb.text).toContain('[EMAIL]');
    const original = new TextDecoder().decode(await p.container.objects.get(fb.originalRef!));
    expect(original).toContain('ana.souza@example.com');
  });

  it('analyzes English praise', async () => {
    const { id } = (await (await p.post('/v1/feedback', { text: 'Great service, Maria solved my problem in five minutes. Thank you!' })).json()) as { id: string };
    expect(await analyzed(id)).toMatchObject({ language: 'en', sentiment: { label: 'POSITIVE' }, category: 'praise' });
  });

  it('publishes feedback.analyzed once per item', async () => {
    const { id } = (await (await p.post('/v1/feedback', { text: 'Poderiam aceitar Pix no aplicativo?' })).json()) as { id: string };
    await analyzed(id);
    const bus = p.container.bus as unknown as { published: { id: string }[] };
    expect(bus.published.filter((e) => e.id === `feedback.analyzed:${id}:v2`)).toHaveLength(1);
  });
});

describe('the original text', () => {
  it('is readable by admins only', async () => {
    const { id } = (await (await p.post('/v1/feedback', { text: 'Meu CPF é 529.982.247-25 e o boleto veio errado.' })).json()) as { id: string };
    const fb = await analyzed(id);
    expect(fb.text).toContain('[CPF]');
    expect((await p.get(`/v1/feedback/${id}/original`, 'agent')).status).toBe(403);
    const res = await p.get(`/v1/feedback/${id}/original`, 'admin');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { text: string }).text).toContain('529.982.247-25');
  });
});

describe('the item details', () => {
  it("carry the customer's profile and their other items", async () => {
    const first = (await (await p.post('/v1/feedback', { text: 'O boleto veio errado.', customer: { email: 'rui@example.com' } })).json()) as { id: string };
    await analyzed(first.id);
    const second = (await (await p.post('/v1/feedback', { text: 'Ainda sem resposta sobre o boleto.', customer: { email: 'Rui@Example.com', name: 'Rui' } })).json()) as { id: string };
    const fb = (await analyzed(second.id)) as Feedback & { customerProfile?: { id: string; emails: string[] }; otherItems: Feedback[] };
    expect(fb.customerProfile).toMatchObject({ id: fb.customer.id, emails: ['rui@example.com'] });
    expect(fb.otherItems.map((i) => i.id)).toEqual([first.id]);
  });
});
