import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole } from '../../console/build.js';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { matchRoute } from '../../local/routes.js';
import { launchBrowser, screenshotPath } from './browser.js';

// Browser globals, used only inside page.evaluate callbacks (the root tsconfig has no DOM lib).
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const sessionStorage: any;
declare const getComputedStyle: any;

/**
 * The console and the widget in a real (headless) Chromium against the embedded platform:
 * a customer writes through the widget on a third-party site, an agent triages it in the console
 * with the keyboard, and customer text never turns into markup.
 */
const SAMPLE_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const routed = (method: string, path: string) => {
  const m = matchRoute(method, path);
  return m !== undefined && !('methodMismatch' in m);
};
/** The triage routes (PATCH, replies) the keyboard flow needs; skipped, not failed, on a runtime without them. */
const TRIAGE = routed('PATCH', `/v1/feedback/${SAMPLE_ID}`) && routed('POST', `/v1/feedback/${SAMPLE_ID}/replies`);

describe('console and widget in a browser', () => {
  let p: TestPlatform;
  let browser: BrowserContext;
  let site: Server;
  let siteUrl: string;
  let api: string;
  let agentToken: string;
  let agentSub = 'agent-ana';
  let console_: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  let feedbackId: string;

  const WIDGET_TEXT = 'A entrega atrasou duas semanas e ninguém responde meus e-mails. Péssimo atendimento!';
  const REPLY = 'Olá! Pedimos desculpas pelo atraso; o seu pedido sai hoje com frete expresso.';

  const authed = async (path: string, init: RequestInit = {}) =>
    fetch(`${api}${path}`, { ...init, headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });

  beforeAll(async () => {
    await buildConsole({ ifMissing: true });
    [p, browser] = await Promise.all([startTestPlatform(), launchBrowser({ locale: 'pt-BR' })]);
    api = `http://127.0.0.1:${p.port}`;
    // A third-party site on another origin that embeds the widget from the platform.
    site = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>Loja Exemplo</title>
<style>button { background: hotpink !important; } * { font-size: 40px; }</style></head>
<body><h1>Loja Exemplo</h1><p>Uma página de terceiros.</p>
<script src="${api}/widget.js" data-ouvidor-endpoint="${api}/v1/feedback" data-ouvidor-lang="pt-BR" data-ouvidor-rating="nps"></script>
</body></html>`);
    });
    await new Promise<void>((ok) => site.listen(0, '127.0.0.1', () => ok()));
    siteUrl = `http://localhost:${(site.address() as AddressInfo).port}/`;
    browser.on('page', (page) => {
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on('pageerror', (e) => pageErrors.push(e.message));
    });

    // Sign in: with the login route (a user created by an admin), else a local token injected into the session.
    const admin = await p.token('admin', 'admin-root');
    const created = await fetch(`${api}/v1/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ana@ouvidor.example', name: 'Ana Agente', role: 'agent' }),
    }).catch(() => undefined);
    const password = created?.ok ? ((await created.json()) as { password?: string }).password : undefined;
    console_ = await browser.newPage();
    if (password) {
      await console_.goto(`${api}/login`);
      await console_.getByLabel('E-mail').fill('ana@ouvidor.example');
      await console_.getByLabel('Senha').fill(password);
      await console_.getByLabel('Senha').press('Enter');
      await console_.waitForSelector('[data-testid=inbox-list]', { state: 'attached' });
      agentToken = (await console_.evaluate(() => sessionStorage.getItem('ouvidor.token')))!;
      agentSub = JSON.parse(Buffer.from(agentToken.split('.')[1]!, 'base64url').toString()).sub as string;
    } else {
      agentToken = await p.token('agent', agentSub);
      await console_.addInitScript((t) => sessionStorage.setItem('ouvidor.token', t), agentToken);
      await console_.goto(`${api}/`);
    }
  }, 15 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((ok) => site?.close(ok));
    await p?.stop();
  });

  it('shows the inbox in Portuguese (the browser language) with a visible focus', async () => {
    await console_.waitForSelector('[data-testid=inbox-list]', { state: 'attached' });
    await expect.poll(() => console_.locator('h1').first().textContent()).toBe('Caixa de entrada');
    expect(await console_.evaluate(() => document.documentElement.lang)).toBe('pt-BR');
  });

  it('a customer sends feedback through the widget on another site, with the keyboard only', async () => {
    const shop = await browser.newPage();
    await shop.goto(siteUrl);
    const launcher = shop.locator('[data-ouvidor-widget] button.launcher');
    await launcher.waitFor();
    // The host page's `button { background: hotpink !important }` does not reach into the shadow root.
    expect(await launcher.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(11, 92, 173)');

    await shop.keyboard.press('Tab');
    expect(await shop.evaluate(() => document.querySelector('[data-ouvidor-widget]')!.shadowRoot!.activeElement?.className)).toBe('launcher');
    await shop.keyboard.press('Enter');
    const dialog = shop.getByRole('dialog', { name: 'Conte-nos o que você acha' });
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    // Esc closes and gives the focus back to the button; Enter opens again.
    await shop.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await shop.keyboard.press('Enter');
    await dialog.waitFor();

    await shop.keyboard.type(WIDGET_TEXT);
    await shop.keyboard.press('Tab');
    await shop.keyboard.type('cliente.widget@example.com');
    await shop.keyboard.press('Tab'); // the NPS scale (a radio group): arrows choose
    await shop.keyboard.press('Space');
    for (let i = 0; i < 2; i++) await shop.keyboard.press('ArrowRight');
    await shop.keyboard.press('Tab'); // Fechar
    await shop.keyboard.press('Tab'); // Enviar
    const active = () => shop.evaluate(() => document.querySelector('[data-ouvidor-widget]')!.shadowRoot!.activeElement?.textContent);
    expect(await active()).toBe('Enviar');
    // The focus stays in the dialog: Tab from the last control goes back to the first.
    await shop.keyboard.press('Tab');
    expect(await shop.evaluate(() => document.querySelector('[data-ouvidor-widget]')!.shadowRoot!.activeElement?.tagName)).toBe('TEXTAREA');
    await shop.keyboard.press('Shift+Tab');
    expect(await active()).toBe('Enviar');
    await shop.keyboard.press('Enter');

    await expect.poll(() => dialog.locator('.msg.ok').textContent().catch(() => null), { timeout: 10_000 }).toBe('Obrigado! Recebemos a sua mensagem.');
    await shop.close();
  });

  it('the item appears in the open inbox, tagged, without reloading', async () => {
    const row = console_.locator('a.row', { hasText: 'A entrega atrasou duas semanas' });
    await row.locator('[data-badge=sentiment]').waitFor({ timeout: 20_000 });
    expect(await row.locator('[data-badge=sentiment]').textContent()).toBe('Negativo');
    expect(await row.locator('[data-badge=channel]').textContent()).toBe('API'); // JSON posts are the api channel
    expect(await row.locator('[data-badge=category]').count()).toBe(1);
    feedbackId = (await row.getAttribute('data-id'))!;
    expect(feedbackId).toMatch(/^[0-9A-Z]{26}$/);
    await console_.screenshot({ path: screenshotPath('console-inbox.png'), fullPage: true });
  });

  it('the agent opens it from the inbox with the keyboard (j, Enter)', async () => {
    await console_.locator('body').press('?');
    await console_.getByRole('dialog', { name: 'Atalhos de teclado' }).waitFor();
    await console_.keyboard.press('Escape');
    await console_.getByRole('dialog', { name: 'Atalhos de teclado' }).waitFor({ state: 'detached' });

    // j lands on the newest row (ours), Enter opens it.
    await console_.keyboard.press('j');
    expect(await console_.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe(feedbackId);
    expect(await console_.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await console_.keyboard.press('Enter');
    await console_.waitForURL(`**/items/${feedbackId}`);
    await expect.poll(() => console_.getByTestId('original-text').textContent()).toContain('A entrega atrasou duas semanas');
    await console_.locator('[data-testid=timeline] li[data-type=analyzed]').waitFor();
    await console_.screenshot({ path: screenshotPath('console-item.png'), fullPage: true });
  });

  it.skipIf(!TRIAGE)('the agent assigns it, replies and resolves it with the keyboard', async () => {
    await console_.waitForURL(`**/items/${feedbackId}`);

    await console_.keyboard.press('a');
    await expect.poll(() => console_.getByTestId('assignee').textContent(), { timeout: 10_000 }).toBe(agentSub);

    await console_.keyboard.press('r');
    expect(await console_.evaluate(() => document.activeElement?.id)).toBe('reply-text');
    await console_.keyboard.type(REPLY);
    await console_.keyboard.press('Control+Enter');
    await console_.locator('.msg.outbound', { hasText: 'pedido sai hoje' }).waitFor({ timeout: 10_000 });

    await console_.keyboard.press('Escape'); // leaves the text box
    await console_.keyboard.press('e');
    await expect.poll(() => console_.getByTestId('status').textContent(), { timeout: 10_000 }).toBe('Resolvido');
    await console_.screenshot({ path: screenshotPath('console-item-resolved.png'), fullPage: true });

    await console_.keyboard.press('Escape'); // back to the inbox
    await console_.waitForURL(`${api}/`);
  });

  it.skipIf(!TRIAGE)('the reply and the survey link are in the outbox', async () => {
    const sent = await eventually(async () => {
      const res = await authed(`/v1/outbox?feedbackId=${feedbackId}`);
      const body = (await res.json()) as { items: { kind: string; text: string; template?: string }[] };
      const reply = body.items.find((m) => m.kind === 'customer' && m.text.includes('pedido sai hoje'));
      const survey = body.items.find((m) => /\/v1\/surveys\/[\w.-]+/.test(m.text));
      return reply && survey ? { reply, survey } : undefined;
    }, 15_000, 250);
    expect(sent.reply.text).toContain(REPLY);
    expect(sent.survey.text).toMatch(/https?:\/\/\S+\/v1\/surveys\//);
  });

  it('customer text with markup shows as text and runs nothing', async () => {
    const evil = 'Oi <img src=x onerror=alert(1)> e <script>alert(2)</script> fim';
    const res = await p.post('/v1/feedback', { text: evil, customer: { name: '<b onmouseover=alert(3)>Eva</b>' } });
    const { id } = (await res.json()) as { id: string };
    await console_.goto(`${api}/items/${id}`);
    const text = console_.getByTestId('original-text');
    await expect.poll(() => text.textContent(), { timeout: 15_000 }).toBe(evil);
    expect(await text.isVisible()).toBe(true);
    expect(await console_.getByTestId('customer').textContent()).toBe('<b onmouseover=alert(3)>Eva</b>');
    await console_.goto(`${api}/`);
    await console_.locator('a.row', { hasText: '<img src=x onerror=alert(1)>' }).waitFor({ timeout: 15_000 });
    expect(await console_.locator('img[src=x], script:not([src]), b[onmouseover]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
