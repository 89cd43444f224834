import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { quietItems } from '../support/triage-items.js';

// The real runtime: the page reads the stored standards and the metrics aggregates that the
// table stream keeps (record-metrics) as agents reply through the API.
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ pauseProcessing: true });
}, 30_000);
afterAll(() => p?.stop());

const page = (query = '', headers: Record<string, string> = {}) => fetch(`${p.url}/standards${query}`, { headers });

/** The text of the section under the `<h2>` with this title. */
const section = (html: string, title: string) => {
  const at = html.indexOf(`>${title}</h2>`);
  expect(at, title).toBeGreaterThan(0);
  return html.slice(at, html.indexOf('</section>', at));
};

describe('GET /standards', () => {
  it('is public HTML in Portuguese by default, cacheable, with a strict CSP', async () => {
    const res = await page();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-language')).toBe('pt-BR');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'unsafe-inline'/);
    const html = await res.text();
    expect(html).toContain('<html lang="pt-BR">');
    expect(html).toContain('<h1>Padrões de atendimento</h1>');
    expect(html).toContain('<a href="?lang=en" hreflang="en" lang="en">Read in English</a>');
    // The default standards: social answers normal priority within 1 business hour.
    expect(section(html, 'Redes sociais')).toContain('<tr><th scope="row">Normal</th><td>1 hora útil</td><td>3 dias úteis</td></tr>');
    expect(html).toContain('<strong>Todos os canais</strong>: Ainda não há dados suficientes');
  });

  it('answers in English for ?lang=en or Accept-Language: en, and refuses another lang naming the field', async () => {
    for (const res of [await page('?lang=en'), await page('', { 'accept-language': 'en-GB,en;q=0.8,pt;q=0.5' })]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-language')).toBe('en');
      const html = await res.text();
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('<h1>Service standards</h1>');
      expect(section(html, 'Social media')).toContain('<tr><th scope="row">Normal</th><td>1 business hour</td>');
    }
    expect(await (await page('?lang=pt-BR', { 'accept-language': 'en' })).text()).toContain('<html lang="pt-BR">');
    const bad = await page('?lang=es');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'validation_failed', details: [{ field: 'lang' }] } });
  });

  it('shows the actual median first response of a channel once agents replied to enough of its items', async () => {
    // Stored standards: the API channel promises in calendar time, so its median does not depend on when the test runs.
    expect(await p.container.configs.put('service-standards', { clock: { api: 'calendar' } }, 0, new Date().toISOString(), 'test')).toBe(true);
    // Five API items received 125 to 121 minutes ago, each answered now by an agent through the API.
    const items = await quietItems(
      p.container,
      [1, 2, 3, 4, 5].map((n) => ({ text: `Meu pedido ${n} não chegou.` })),
      Date.now() - 125 * 60_000,
    );
    const before = section(await (await page()).text(), 'Aplicativos e integrações');
    expect(before).toContain('Ainda não há dados suficientes');
    const agent = { authorization: `Bearer ${await p.token('agent', 'ana')}` };
    for (const fb of items) expect((await p.post(`/v1/feedback/${fb.id}/replies`, { text: 'Já verificamos, sai hoje.' }, agent)).status).toBe(201);

    // Median of ≈121…125 calendar minutes: rank 3, ≈123 (±1 % bucket), against the normal promise of 240.
    const html = await eventually(async () => {
      const text = await (await page()).text();
      return text.includes('(5 respostas)') ? text : undefined;
    }, 15_000);
    expect(section(html, 'Aplicativos e integrações')).toMatch(
      /<p class="actual met">Mediana real de primeira resposta: 2 horas e \d minutos \(5 respostas\)\. <strong>Dentro do prazo de prioridade normal \(4 horas\)\.<\/strong><\/p>/,
    );
    expect(section(html, 'E-mail')).toContain('Ainda não há dados suficientes (são necessárias pelo menos 5 respostas; até agora, 0).');
    expect(html).toMatch(/<strong>Todos os canais<\/strong>: Mediana real de primeira resposta: .+ \(5 respostas\)\./);
    const en = await (await page('?lang=en')).text();
    expect(section(en, 'Apps and integrations')).toMatch(/Actual median first response: 2 hours and \d minutes \(5 responses\)\. <strong>Within the normal-priority promise \(4 hours\)\./);
  });
});
