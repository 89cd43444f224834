import { LocalEventBus } from '../../local/local-event-bus.adapter.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptFeedback } from '../../shared/app/accept-feedback.use-case.js';
import type { Feedback } from '../../shared/domain/feedback.schema.js';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js';

// The real runtime: emulators, HTTP bridge, queue poller, processor with the offline analyzer.
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p?.stop());

interface Created {
  id: string;
  token: string;
  url: string;
}
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; details?: { field: string }[] } }).error;
const auth = async (role: 'agent' | 'admin' | 'none') => ({ authorization: `Bearer ${await p.token(role)}` });

async function createSurvey(body: object): Promise<Created> {
  const res = await p.post('/v1/surveys', body, await auth('agent'));
  expect(res.status).toBe(201);
  return (await res.json()) as Created;
}

/** The survey's item, once analyzed at `version` or later. */
async function analyzedItem(surveyId: string, minVersion = 2): Promise<Feedback> {
  return eventually(async () => {
    const survey = await p.container.surveys.get(surveyId);
    const item = survey?.feedbackItemId ? await p.container.store.get(survey.feedbackItemId) : undefined;
    // Analyzed, and its event out (the workflows see it).
    const published = item?.analysis && p.container.bus instanceof LocalEventBus && p.container.bus.published.some((e) => e.id === `feedback.analyzed:${item.id}:v${item.analysis!.version}`);
    return item?.stage === 'analyzed' && item.version >= minVersion && published ? item : undefined;
  }, 15_000);
}

const form = (url: string, body: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body });

describe('NPS survey, end to end', () => {
  let survey: Created;
  let customerId: string;

  it('an agent creates a survey for ana@example.com and gets a signed one-click link', async () => {
    survey = await createSurvey({ type: 'nps', customer: { email: 'ana@example.com', name: 'Ana' }, language: 'pt-BR' });
    expect(survey.url).toBe(`${p.url}/v1/surveys/${survey.token}`);
    expect(await p.container.surveys.get(survey.id)).toMatchObject({ type: 'nps', language: 'pt', answers: 0, createdBy: 'tester' });
  });

  it('shows the question with its score links', async () => {
    const res = await fetch(survey.url);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('qual a probabilidade de você nos recomendar');
    expect(page).toContain(`href="${survey.token}?score=10"`);
    expect(await p.container.surveys.get(survey.id)).toMatchObject({ answers: 0 });
  });

  it('records a one-click score, answers a page in Portuguese, and the item is analyzed from the score', async () => {
    const res = await fetch(`${survey.url}?score=3`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await res.text();
    expect(page).toContain('lang="pt-BR"');
    expect(page).toContain('Obrigado pela sua resposta!');
    expect(page).toContain('<input type="hidden" name="score" value="3">');

    const item = await analyzedItem(survey.id);
    expect(item).toMatchObject({
      channel: 'survey',
      text: '',
      rating: { type: 'nps', score: 3 },
      surveyId: survey.id,
      source: { provider: 'survey', externalId: survey.id },
      sentiment: { label: 'NEGATIVE' },
      analysis: { engine: 'rating' },
    });
    customerId = item.customer.id!;
    expect(customerId).toMatch(/^[0-9A-Z]{26}$/);
  });

  it('takes a comment from the form, and the item is analyzed again from it', async () => {
    const res = await form(survey.url, 'score=3&comment=' + encodeURIComponent('O atendimento foi péssimo, ninguém resolveu o meu problema. Meu email: ana@example.com'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Recebemos o seu comentário');
    const item = await analyzedItem(survey.id, 4);
    expect(item.sentiment?.label).toBe('NEGATIVE');
    expect(item.analysis?.engine).not.toBe('rating');
    expect(item.text).toContain('péssimo');
    expect(item.text).not.toContain('ana@example.com');
    const record = await p.container.surveys.get(survey.id);
    expect(JSON.stringify(record)).not.toContain('péssimo');
    expect(record).toMatchObject({ score: 3, answers: 2, feedbackItemId: item.id });
  });

  it("shows the survey item and the same customer's email item on one profile", async () => {
    const email = await acceptFeedback(p.container, {
      channel: 'email',
      customer: { email: 'Ana@Example.com' },
      subject: 'Pedido 123',
      text: 'Meu pedido chegou quebrado.',
      source: { provider: 'ses', externalId: `<survey-test-${Date.now()}@example.com>` },
    });
    const profile = await eventually(async () => {
      const res = await p.get(`/v1/customers/${customerId}`, 'agent');
      const body = (await res.json()) as { profile: { emails: string[] }; items: Feedback[] };
      return body.items.some((i) => i.id === email.id) ? body : undefined;
    }, 15_000);
    expect(profile.profile.emails).toEqual(['ana@example.com']);
    expect(profile.items.map((i) => i.channel).sort()).toEqual(['email', 'survey']);
    expect(profile.items.find((i) => i.channel === 'survey')).toMatchObject({ surveyId: survey.id, rating: { type: 'nps', score: 3 } });
  });

  it('answering again (JSON) leaves one item with the latest score', async () => {
    const res = await p.post(`/v1/surveys/${survey.token}`, { score: 9 });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; score: number; feedbackId: string };
    expect(body).toMatchObject({ id: survey.id, score: 9 });
    const item = await analyzedItem(survey.id, 6);
    expect(item).toMatchObject({ id: body.feedbackId, rating: { type: 'nps', score: 9 } });
    const res2 = await p.get(`/v1/customers/${customerId}`, 'agent');
    const items = ((await res2.json()) as { items: Feedback[] }).items.filter((i) => i.surveyId === survey.id);
    expect(items).toHaveLength(1);
    expect(items[0]?.rating).toEqual({ type: 'nps', score: 9 });
  });
});

describe('survey API: refusals', () => {
  it('needs a token (401) and the agent or admin role (403) to create a survey', async () => {
    const body = { type: 'csat', customer: { email: 'bob@example.com' } };
    expect((await p.post('/v1/surveys', body)).status).toBe(401);
    const forbidden = await p.post('/v1/surveys', body, await auth('none'));
    expect(forbidden.status).toBe(403);
    expect((await errorOf(forbidden)).code).toBe('forbidden');
    expect((await p.post('/v1/surveys', body, await auth('admin'))).status).toBe(201);
  });

  it('names the field at fault: customer, and 404 for an unknown feedbackId', async () => {
    const res = await p.post('/v1/surveys', { type: 'nps', customer: { name: 'Sem contato' } }, await auth('agent'));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).details?.map((d) => d.field)).toContain('customer');
    expect((await p.post('/v1/surveys', { type: 'nps', feedbackId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' }, await auth('agent'))).status).toBe(404);
  });

  it('refuses bad scores and long comments (page for browsers, JSON for JSON), storing nothing', async () => {
    const s = await createSurvey({ type: 'csat', customer: { email: 'carla@example.com' }, language: 'en' });
    const page = await fetch(`${s.url}?score=6`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('Please choose a score from 1 to 5.');
    const json = await p.post(`/v1/surveys/${s.token}`, { score: 2.5 });
    expect(json.status).toBe(400);
    expect((await errorOf(json)).details?.map((d) => d.field)).toEqual(['score']);
    const long = await p.post(`/v1/surveys/${s.token}`, { score: 2, comment: 'x'.repeat(5001) });
    expect(long.status).toBe(400);
    expect((await errorOf(long)).details?.map((d) => d.field)).toEqual(['comment']);
    expect(await p.container.surveys.get(s.id)).toMatchObject({ answers: 0 });
  });

  it('answers 404 for a tampered link and 410 for an expired one, in the survey language', async () => {
    const s = await createSurvey({ type: 'nps', customer: { email: 'dani@example.com' }, language: 'pt' });
    const tampered = await fetch(`${p.url}/v1/surveys/${s.token.slice(0, -3)}abc?score=5`);
    expect(tampered.status).toBe(404);
    expect(await tampered.text()).toContain('Invalid survey link');
    const expired = await p.container.surveyTokens.issue({ surveyId: s.id, type: 'nps' }, new Date(Date.now() - 60_000));
    const page = await fetch(`${p.url}/v1/surveys/${expired}?score=5`);
    expect(page.status).toBe(410);
    const text = await page.text();
    expect(text).toContain('Este link de pesquisa expirou');
    expect(text).not.toContain('This survey link has expired');
    const json = await p.post(`/v1/surveys/${expired}`, { score: 5 });
    expect(json.status).toBe(410);
    expect((await errorOf(json)).code).toBe('survey_expired');
  });
});
