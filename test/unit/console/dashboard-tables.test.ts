import { describe, expect, it } from 'vitest';
import { BOM } from '../../../console/src/csv.js';
import { dashboardTables, dimensionLabel, tableCsv, type TableSpec } from '../../../console/src/dashboard-tables.js';
import { translator } from '../../../console/src/messages.js';
import { REPORT } from './metrics-report.fixture.js';

const pt = translator('pt-BR');
const en = translator('en');
const byId = (tables: TableSpec[], id: string) => tables.find((t) => t.id === id)!;
/** What the screen shows: the visible columns' texts, row by row. */
const screen = (spec: TableSpec) => spec.rows.map((r) => spec.columns.filter((c) => c.show).map((c) => c.show!(r)));
const csvLines = (spec: TableSpec) => tableCsv(spec).slice(BOM.length).split('\r\n').slice(0, -1);

describe('dashboard tables', () => {
  const tables = dashboardTables(REPORT, pt, 'pt-BR');

  it('has every table, in page order', () => {
    expect(tables.map((t) => t.id)).toEqual(['categories', 'complaints', 'praise', 'agents', 'backlog', 'daily']);
  });

  it('phrase tables: the text as sent, counts; the CSV quotes what needs quoting', () => {
    const complaints = byId(tables, 'complaints');
    expect(complaints.title).toBe('Frases mais citadas nas reclamações');
    expect(screen(complaints)).toEqual([['entrega atrasada', '2'], ['reembolso, "já"', '1']]);
    expect(csvLines(complaints)).toEqual(['Frase,Ocorrências', 'entrega atrasada,2', '"reembolso, ""já""",1']);
  });

  it('category mix: busiest first (ties by code), with its share and a bar', () => {
    const categories = byId(tables, 'categories');
    expect(screen(categories)).toEqual([['Reclamação', '3', '42,9 %'], ['Elogio', '3', '42,9 %'], ['Dúvida', '1', '14,3 %']]);
    expect(categories.columns[2]!.bar!(categories.rows[2])).toBe(14.3);
    expect(csvLines(categories)[1]).toBe('Reclamação,3,42.9');
  });

  it('agents: human times on screen; both clocks in minutes, scores and answer counts in the CSV', () => {
    const agents = byId(tables, 'agents');
    expect(screen(agents)).toEqual([
      ['ana@loja.example', '4', '4', '1 h', '100 % (1)', '+100 (2)', '2'],
      ['Sem responsável', '3', '1', '—', '0 % (1)', '-100 (1)', '0'],
    ]);
    expect(csvLines(agents)).toEqual([
      'Atendente,Itens,Atendidos,"Primeira resposta, mediana em horário comercial (min)","Primeira resposta, mediana em tempo corrido (min)",CSAT (%),Respostas CSAT,NPS,Respostas NPS,Elogios',
      'ana@loja.example,4,4,60,95.5,100,1,100,2,2',
      "Sem responsável,3,1,,,0,1,-100,1,0",
    ]);
  });

  it('backlog: every open status with its ages', () => {
    const backlog = byId(tables, 'backlog');
    expect(screen(backlog)).toEqual([
      ['Novo', '2', '1', '1', '0', '0', '0'],
      ['Aberto', '1', '0', '0', '1', '0', '0'],
      ['Pendente', '1', '0', '0', '0', '0', '1'],
    ]);
    expect(csvLines(backlog)[0]).toBe('Status,Total,Menos de 1 dia,1 a 3 dias,3 a 7 dias,7 a 30 dias,Mais de 30 dias');
  });

  it('daily figures: dates and numbers per locale on screen, ISO dates and raw numbers in the CSV', () => {
    const daily = byId(tables, 'daily');
    expect(screen(daily)[0]).toEqual(['30/05/2024', '4', '-100 (1)', '—', '45 min', '66,7 %', '—']);
    expect(screen(daily)[2]).toEqual(['01/06/2024', '3', '+100 (2)', '50 % (2)', '5 h', '100 %', '50 %']);
    expect(csvLines(daily)[1]).toBe('2024-05-30,4,-100,1,,0,45,60,66.7,');
    const english = byId(dashboardTables(REPORT, en, 'en'), 'daily');
    expect(screen(english)[0]![0]).toBe('5/30/24');
    expect(csvLines(english)[0]).toContain('Day,Items,NPS,NPS answers,CSAT (%),CSAT answers');
  });

  it('an empty report gives empty tables (the page says so), and no rows in the CSV', () => {
    const empty = dashboardTables({ ...REPORT, topPhrases: { complaint: [], praise: [] }, agents: [], totals: { ...REPORT.totals, categories: {} } }, en, 'en');
    expect(byId(empty, 'complaints').rows).toEqual([]);
    expect(csvLines(byId(empty, 'categories'))).toEqual(['Category,Items,Share (%)']);
  });

  it('dimension values read as people say them', () => {
    expect(dimensionLabel(pt, 'pt-BR', 'agent', '-')).toBe('Sem responsável');
    expect(dimensionLabel(en, 'en', 'team', '-')).toBe('No team');
    expect(dimensionLabel(pt, 'pt-BR', 'channel', 'email')).toBe('E-mail');
    expect(dimensionLabel(pt, 'pt-BR', 'language', 'en')).toBe('inglês (en)');
    expect(dimensionLabel(en, 'en', 'language', 'pt')).toBe('Portuguese (pt)');
    expect(dimensionLabel(en, 'en', 'language', '-')).toBe('Unknown');
  });
});
