import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole } from '../../console/build.js';
import { BOM } from '../../console/src/csv.js';
import { formatMinutes, formatNps, formatNumber } from '../../console/src/format.js';
import type { MetricsReport } from '../../shared/domain/metrics/metrics-report.schema.js';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { launchBrowser, screenshotPath } from './browser.js';

// Browser globals, used only inside page.evaluate callbacks (the root tsconfig has no DOM lib).
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const sessionStorage: any;
declare const location: any;

/**
 * The metrics dashboard in a real (headless) Chromium on the embedded platform: items sent through
 * the API show up in the tiles with the API's own figures, the charts draw, a filter narrows the
 * figures and lands in the URL, and a table's CSV download holds its rows.
 */
describe('metrics dashboard in a browser', () => {
  let p: TestPlatform;
  let browser: BrowserContext;
  let page: Page;
  let agentToken: string;
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];

  const metrics = async (query = ''): Promise<MetricsReport> => {
    const res = await fetch(`${p.url}/v1/metrics${query}`, { headers: { authorization: `Bearer ${agentToken}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as MetricsReport;
  };
  const tile = (id: string) => page.getByTestId(`kpi-${id}`);

  beforeAll(async () => {
    await buildConsole({ ifMissing: true });
    [p, browser] = await Promise.all([startTestPlatform(), launchBrowser({ locale: 'pt-BR' })]);
    agentToken = await p.token('agent', 'agent-dash');

    // A complaint and a praise through the API (channel api), a question through the form (channel web),
    // and a one-click NPS answer (channel survey).
    const sent = await Promise.all([
      p.post('/v1/feedback', { text: 'A entrega atrasou duas semanas e o produto chegou quebrado. Péssimo atendimento, quero reembolso!', customer: { email: 'bia@example.com' } }),
      p.post('/v1/feedback', { text: 'Excellent support, the agent solved my problem in minutes. Thank you so much!', customer: { email: 'joe@example.com' } }),
      fetch(`${p.url}/v1/feedback`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'text=Voc%C3%AAs+entregam+no+s%C3%A1bado%3F' }),
    ]);
    expect(sent.map((r) => r.status)).toEqual([202, 202, 202]);
    const auth = { authorization: `Bearer ${agentToken}` };
    // An agent answers the complaint once it is analyzed: its first response time.
    const { id: complaintId } = (await sent[0]!.json()) as { id: string };
    await eventually(async () => {
      const item = (await (await fetch(`${p.url}/v1/feedback/${complaintId}`, { headers: auth })).json()) as { stage?: string };
      return item.stage === 'analyzed' ? item : undefined;
    }, 15_000, 100);
    const reply = await p.post(`/v1/feedback/${complaintId}/replies`, { text: 'Sentimos muito! O reembolso sai hoje.' }, auth);
    expect(reply.status).toBe(201);
    const survey = await p.post('/v1/surveys', { type: 'nps', customer: { email: 'ana@example.com' }, language: 'pt-BR' }, auth);
    expect(survey.status).toBe(201);
    const { url } = (await survey.json()) as { url: string };
    expect((await fetch(`${url}?score=9`)).status).toBe(200);

    // The aggregates are updated asynchronously: wait until the report counts all four.
    await eventually(async () => {
      const r = await metrics();
      return r.totals.items >= 4 && r.totals.nps.responses >= 1 && r.totals.channels.web && r.totals.firstResponse.calendar.count >= 1 ? r : undefined;
    }, 20_000, 200);

    browser.on('page', (pg) => {
      pg.on('pageerror', (e) => pageErrors.push(e.message));
      pg.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    });
    page = await browser.newPage();
    await page.addInitScript((t) => sessionStorage.setItem('ouvidor.token', t), agentToken);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await p?.stop();
  });

  it('the nav leads to the dashboard, whose tiles show the API figures', async () => {
    await page.goto(`${p.url}/`);
    await page.getByTestId('nav-dashboard').click();
    await page.waitForURL('**/dashboard');
    await page.getByTestId('kpis').waitFor();
    const report = await metrics();

    expect(await page.locator('h1').first().textContent()).toBe('Qualidade do atendimento');
    expect(await tile('items').textContent()).toBe(formatNumber(report.totals.items, 'pt-BR', 0));
    expect(await tile('nps').textContent()).toBe(formatNps(report.totals.nps.score, 'pt-BR'));
    expect(await page.locator('[data-kpi=nps] .kpi-detail').textContent()).toContain(`${report.totals.nps.promoters} promotores`);
    expect(await tile('backlog').textContent()).toBe(String(report.backlog.total));
    expect(report.totals.nps.promoters).toBe(1);
    // No CSAT answer yet: "no data", not 0 %.
    expect(await tile('csat').textContent()).toBe('—');
    const clock = report.targets.clock;
    expect(await tile('first-response').textContent()).toBe(formatMinutes(report.totals.firstResponse[clock].median, 'pt-BR'));
    expect(report.totals.firstResponse.calendar.median).not.toBeNull();
    expect(await page.getByTestId('standards-link').getAttribute('href')).toBe('/standards');
  });

  it('draws the charts with their titles and legends', async () => {
    for (const id of ['nps-csat', 'first-response', 'volume', 'sentiment']) {
      const chart = page.locator(`figure[data-chart=${id}]`);
      expect(await chart.locator('canvas').count(), id).toBe(1);
      expect(await chart.locator('.u-legend').count(), id).toBe(1);
    }
    expect(await page.locator('figure[data-chart=volume] figcaption').textContent()).toBe('Volume por canal');
    const legend = await page.locator('figure[data-chart=volume] .u-legend').textContent();
    expect(legend).toContain('API');
    expect(legend).toContain('Web');
    expect(legend).toContain('Pesquisa');
    expect(await page.locator('figure[data-chart=nps-csat] .u-legend').textContent()).toContain('NPS');
    expect(await page.locator('figure[data-chart=first-response] .u-legend').textContent()).toContain('Meta');
    // uPlot draws the axes (labels included) on the canvas, which names them to assistive technology.
    expect(await page.locator('figure[data-chart=volume] canvas').getAttribute('aria-label')).toBe('Volume por canal: Itens por Dia');
    await page.screenshot({ path: screenshotPath('dashboard.png'), fullPage: true });

    // Charts follow the page's width: two per row at 1280 px, one per row (and wider) on a narrow screen.
    const canvasWidth = async () => (await page.locator('figure[data-chart=volume] canvas').boundingBox())!.width;
    const wide = await canvasWidth();
    await page.setViewportSize({ width: 560, height: 900 });
    await expect.poll(canvasWidth).toBeLessThan(wide);
    const narrow = await canvasWidth();
    expect(narrow).toBeGreaterThan(400);
    await page.setViewportSize({ width: 1280, height: 900 });
    await expect.poll(canvasWidth).toBe(wide);
  });

  it('a channel filter goes into the URL and narrows the figures', async () => {
    const web = await metrics('?channel=web');
    expect(web.totals.items).toBeGreaterThan(0);
    expect(web.totals.items).toBeLessThan((await metrics()).totals.items);

    await page.locator('select[data-filter=channel]').selectOption('web');
    await page.waitForURL('**/dashboard?channel=web');
    await expect.poll(() => tile('items').textContent()).toBe(String(web.totals.items));
    expect(await tile('nps').textContent()).toBe('—');
    // The URL is the view: opened afresh, it shows the same figures.
    await page.reload();
    await expect.poll(() => tile('items').textContent()).toBe(String(web.totals.items));
    expect(await page.locator('select[data-filter=channel]').inputValue()).toBe('web');
    await page.goBack();
    await expect.poll(() => page.evaluate(() => location.search as string)).toBe('');
  });

  it('a preset sets the range in the URL', async () => {
    await page.locator('button[data-preset="7"]').click();
    await expect.poll(() => page.evaluate(() => location.search as string)).toMatch(/^\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
    await expect.poll(() => page.locator('table').last().locator('tbody tr').count()).toBe(7);
  });

  it('a shared view survives signing in: a colleague opens the link, signs in, and lands on it', async () => {
    const admin = await p.token('admin', 'admin-root');
    const created = await p.post('/v1/users', { email: 'caio@ouvidor.example', name: 'Caio', role: 'agent' }, { authorization: `Bearer ${admin}` });
    expect(created.status).toBe(201);
    const { password } = (await created.json()) as { password: string };
    const colleague = await browser.newPage(); // no token: signed out
    await colleague.goto(`${p.url}/dashboard?channel=web`);
    await colleague.waitForURL('**/login');
    await colleague.getByLabel('E-mail').fill('caio@ouvidor.example');
    await colleague.getByLabel('Senha').fill(password);
    await colleague.getByLabel('Senha').press('Enter');
    await colleague.waitForURL('**/dashboard?channel=web');
    await expect.poll(() => colleague.getByTestId('kpi-items').textContent()).toBe(String((await metrics('?channel=web')).totals.items));
    await colleague.close();
  });

  it('exports a table as CSV (UTF-8 with BOM) holding its rows', async () => {
    const report = await metrics(await page.evaluate(() => location.search as string));
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-csv=daily]').click()]);
    expect(download.suggestedFilename()).toBe(`ouvidor-daily-${report.range.from}_${report.range.to}.csv`);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith(BOM)).toBe(true);
    const lines = text.slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/^Dia,Itens,NPS,/);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(report.daily.map((d) => `${d.date},${d.items}`));

    const [phrases] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-csv=complaints]').click()]);
    expect(report.topPhrases.complaint.length).toBeGreaterThan(0);
    const phraseLines = readFileSync((await phrases.path())!, 'utf8').slice(1).split('\r\n').filter(Boolean);
    expect(phraseLines).toEqual(['Frase,Ocorrências', ...report.topPhrases.complaint.map((r) => `${/[",]/.test(r.phrase) ? `"${r.phrase.replace(/"/g, '""')}"` : r.phrase},${r.count}`)]);
    expect(pageErrors).toEqual([]);
    // The charts' styles are set through the CSSOM: the console's CSP (style-src 'self') refuses nothing.
    expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  });
});
