import { describe, expect, it } from 'vitest';
import type { ChannelActual, StandardsPage } from '../../../shared/app/standards-page.use-case.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import { DEFAULT_SERVICE_STANDARDS } from '../../../shared/domain/sla/service-standards.schema.js';
import { serviceStatement, type StatementRow } from '../../../shared/domain/sla/service-statement.js';
import { standardsHtml, standardsLocale, standardsPageHtml } from '../../../shared/runtime/standards.page.js';

const actual = (channel: ChannelActual['channel'], a: Partial<ChannelActual>): ChannelActual => ({
  channel,
  clock: 'business',
  responses: 0,
  medianMinutes: undefined,
  promisedMinutes: 240,
  met: undefined,
  ...a,
});

const DATA: StandardsPage = {
  statement: serviceStatement(DEFAULT_SERVICE_STANDARDS, ['web', 'email', 'social']),
  window: { from: '2026-10-30', to: '2026-11-28' },
  overall: { clock: 'business', responses: 1234, medianMinutes: 125 },
  channels: [
    actual('web', { responses: 7, medianMinutes: 45, met: true }),
    actual('email', { clock: 'business', responses: 9, medianMinutes: 300, met: false }),
    actual('social', { responses: 3, promisedMinutes: 60 }),
  ],
  generatedAt: '2026-11-28T15:00:00.000Z',
  reads: 30,
};

/** The text of the section under an `<h2>` with this title. */
const section = (page: string, title: string) => {
  const at = page.indexOf(`>${title}</h2>`);
  expect(at, title).toBeGreaterThan(0);
  return page.slice(at, page.indexOf('</section>', at));
};

describe('the service standards page', () => {
  it('in Portuguese: hours, upcoming holidays, a table per channel and the actual median against the promise', () => {
    const page = standardsPageHtml('pt-BR', DATA);
    expect(page).toContain('<html lang="pt-BR">');
    expect(page).toContain('<h1>Padrões de atendimento</h1>');
    expect(page).toContain('<a href="?lang=en" hreflang="en" lang="en">Read in English</a>');
    expect(page).toContain('<li>seg: 09:00–18:00</li>');
    expect(page).toContain('<li>dom: fechado</li>');
    expect(page).toContain('Horários no fuso America/Sao_Paulo.');
    // Holidays from today on only: 2026-11-20 is past, Christmas is next.
    expect(page).toContain('<time datetime="2026-12-25">sexta-feira, 25 de dezembro de 2026</time>');
    expect(page).not.toContain('datetime="2026-11-20"');
    expect(page).toContain('Todos os canais</strong>: Mediana real de primeira resposta: 2 horas e 5 minutos úteis (1.234 respostas).');

    const web = section(page, 'Formulário no site');
    expect(web).toContain('<caption>Prazos prometidos: Formulário no site</caption>');
    expect(web).toContain('<th scope="col">Prioridade</th><th scope="col">Primeira resposta</th><th scope="col">Resolução</th>');
    expect(web).toContain('<tr><th scope="row">Urgente</th><td>30 minutos úteis</td><td>4 horas úteis</td></tr>');
    expect(web).toContain('<tr><th scope="row">Baixa</th><td>1 dia útil</td><td>5 dias úteis</td></tr>');
    expect(web).toContain('<p class="actual met">Mediana real de primeira resposta: 45 minutos úteis (7 respostas). <strong>Dentro do prazo de prioridade normal (4 horas úteis).</strong>');

    const email = section(page, 'E-mail');
    expect(email).toContain('<p class="actual missed">Mediana real de primeira resposta: 5 horas úteis (9 respostas). <strong>Acima do prazo de prioridade normal (4 horas úteis).</strong>');

    const social = section(page, 'Redes sociais');
    expect(social).toContain('<tr><th scope="row">Normal</th><td>1 hora útil</td>');
    expect(social).toContain('<p class="actual">Ainda não há dados suficientes (são necessárias pelo menos 5 respostas; até agora, 3).</p>');
    expect(social).not.toContain('prazo de prioridade');
    expect(page).toContain('Atualizado em 28 de novembro de 2026');
    expect(page).not.toMatch(/<script|\son\w+=/i);
  });

  it('in English, with the link back to Portuguese', () => {
    const page = standardsPageHtml('en', DATA);
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<h1>Service standards</h1>');
    expect(page).toContain('<a href="?lang=pt-BR" hreflang="pt-BR" lang="pt-BR">Ler em português</a>');
    expect(page).toContain('<li>Sun: closed</li>');
    expect(page).toContain('<time datetime="2026-12-25">Friday, December 25, 2026</time>');
    expect(page).toContain('All channels</strong>: Actual median first response: 2 business hours and 5 minutes (1,234 responses).');
    expect(section(page, 'Website form')).toContain('45 business minutes (7 responses). <strong>Within the normal-priority promise (4 business hours).</strong>');
    expect(section(page, 'Email')).toContain('<strong>Above the normal-priority promise (4 business hours).</strong>');
    expect(section(page, 'Social media')).toContain('Not enough data yet (at least 5 responses are needed; so far, 3).');
    expect(page).toContain('Last updated November 28, 2026 at 12:00 PM.');
  });

  it('says "1 response", "less than 1 minute" and "not enough data" for an empty window', () => {
    const one = standardsPageHtml('en', { ...DATA, overall: { clock: 'calendar', responses: 1, medianMinutes: undefined } });
    expect(one).toContain('All channels</strong>: Not enough data yet (at least 5 responses are needed; so far, 1).</p>');
    const fast = standardsPageHtml('pt-BR', { ...DATA, overall: { clock: 'calendar', responses: 6, medianMinutes: 0 } });
    expect(fast).toContain('Mediana real de primeira resposta: menos de 1 minuto (6 respostas).');
    const none = standardsPageHtml('pt-BR', { ...DATA, statement: { ...DATA.statement, holidays: ['2025-12-25'] } });
    expect(none).toContain('<p>Nenhum feriado previsto.</p>');
  });

  it('escapes every interpolated value: a hostile channel, holiday or hours line cannot inject markup', () => {
    const evil = '<img src=x onerror="alert(1)">';
    const rows: StatementRow[] = DATA.statement.rows.map((r) => (r.channel === 'web' ? { ...r, channel: evil as never, firstResponse: { 'pt-BR': '<b>x</b>', en: '<b>x</b>' } } : r));
    const page = standardsPageHtml('en', {
      ...DATA,
      statement: { ...DATA.statement, rows, holidays: ['<script>alert(2)</script>'], businessHours: { ...DATA.statement.businessHours, en: ['Mon: "09:00" & <i>'] } },
    });
    expect(page).not.toMatch(/<script|<img|<b>|<i>/);
    expect(page).toContain('<h2 id="channel-0">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</h2>');
    expect(page).toContain('<td>&lt;b&gt;x&lt;/b&gt;</td>');
    expect(page).toContain('<li>&lt;script&gt;alert(2)&lt;/script&gt;</li>');
    expect(page).toContain('<li>Mon: &quot;09:00&quot; &amp; &lt;i&gt;</li>');
  });

  it('is served public, cacheable for five minutes, with a strict CSP and its language', () => {
    const res = standardsHtml('en', '<!doctype html>');
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'content-language': 'en',
      vary: 'accept-language',
    });
    expect(res.headers?.['content-security-policy']).toMatch(/^default-src 'none'; style-src 'unsafe-inline'/);
    expect(standardsHtml('pt-BR', '').headers?.['content-language']).toBe('pt-BR');
  });

  it('picks the language from ?lang, else Accept-Language, else pt-BR, and refuses any other lang naming the field', () => {
    expect(standardsLocale(undefined, undefined)).toBe('pt-BR');
    expect(standardsLocale(undefined, 'en-US,en;q=0.9')).toBe('en');
    expect(standardsLocale(undefined, 'fr, pt-PT;q=0.5')).toBe('pt-BR');
    expect(standardsLocale(undefined, 'de')).toBe('pt-BR');
    expect(standardsLocale('en', 'pt-BR')).toBe('en');
    expect(standardsLocale('PT-br', 'en')).toBe('pt-BR');
    expect(standardsLocale('pt', undefined)).toBe('pt-BR');
    let error: unknown;
    try {
      standardsLocale('es', 'en');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 400, details: [{ field: 'lang' }] });
  });
});
