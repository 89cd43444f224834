import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../shared/domain/i18n.js';
import {
  CUSTOMER_TEMPLATE_IDS,
  renderTemplate,
  TEAM_TEMPLATE_IDS,
  TemplateIdSchema,
  TemplateRenderError,
  templateAudience,
} from '../../../shared/domain/workflows/message-templates.js';
import { formatDue, greetingName } from '../../../shared/domain/workflows/message-format.js';

// 13:00 UTC = 10:00 in São Paulo (UTC-3) = 13:00 in Lisbon (winter) = 08:00 in New York.
const due = new Date('2026-11-30T13:00:00Z');
const LOCALES: Locale[] = ['pt-BR', 'en'];

describe('customer templates', () => {
  it('complaint-ack in pt-BR greets by first name, apologizes and promises a time in São Paulo time', () => {
    const m = renderTemplate('complaint-ack', 'pt-BR', { customerName: 'Ana Souza', reference: 'OUV-123', firstResponseDue: due });
    expect(m.subject).toBe('Recebemos o seu contato (protocolo OUV-123)');
    expect(m.text.startsWith('Olá, Ana,\n\n')).toBe(true);
    expect(m.text).toContain('Sentimos muito');
    expect(m.text).toContain('até segunda-feira, 30 de novembro, às 10:00.');
    expect(m.text).toContain('OUV-123');
  });

  it('complaint-ack in English without a name uses a neutral greeting', () => {
    const m = renderTemplate('complaint-ack', 'en', { reference: 'OUV-123', firstResponseDue: due });
    expect(m.text.startsWith('Hello,\n\n')).toBe(true);
    expect(m.text).toContain('We are sorry');
    expect(m.text).toContain('by Monday, November 30, 10:00 AM.');
    expect(m.text).not.toContain('\u202f');
  });

  it('formats promised times in the given zone', () => {
    const pt = renderTemplate('question-ack', 'pt-BR', { reference: 'R1', firstResponseDue: due, timezone: 'Europe/Lisbon' });
    expect(pt.text).toContain('até segunda-feira, 30 de novembro, às 13:00.');
    const en = renderTemplate('question-ack', 'en', { customerName: 'John', reference: 'R1', firstResponseDue: due, timezone: 'America/New_York' });
    expect(en.text).toContain('Hi John,');
    expect(en.text).toContain('by Monday, November 30, 8:00 AM.');
    // Late evening in São Paulo is already the next day in UTC: the customer's day counts.
    expect(formatDue(new Date('2026-12-01T01:30:00Z'), 'pt-BR')).toBe('segunda-feira, 30 de novembro, às 22:30');
  });

  it('without a promised time, a soft promise', () => {
    expect(renderTemplate('complaint-ack', 'pt-BR', { reference: 'R1' }).text).toContain('o quanto antes');
    expect(renderTemplate('question-ack', 'en', { reference: 'R1' }).text).toContain('as soon as possible');
  });

  it('praise and suggestion thanks in both languages', () => {
    expect(renderTemplate('praise-thanks', 'pt-BR', { customerName: 'ana', reference: 'R1', agentName: 'Maria' }).text).toMatch(
      /^Olá, Ana,\n\nMuito obrigado[^]*com Maria\./,
    );
    expect(renderTemplate('praise-thanks', 'en', { reference: 'R1' }).text).toContain('pass your praise on to the team');
    expect(renderTemplate('suggestion-thanks', 'pt-BR', { reference: 'R1' }).subject).toBe('Obrigado pela sua sugestão!');
    expect(renderTemplate('suggestion-thanks', 'en', { customerName: 'Liz', reference: 'R1' }).text).toMatch(/^Hi Liz,\n\nThank you for sharing your idea/);
  });

  it('survey-invite carries the link and needs it', () => {
    const m = renderTemplate('survey-invite', 'pt-BR', { customerName: 'Ana', reference: 'R1', surveyUrl: 'https://ouvidor.example/v1/surveys/tok' });
    expect(m.subject).toBe('Como foi o seu atendimento?');
    expect(m.text).toContain('\n\nhttps://ouvidor.example/v1/surveys/tok\n\n');
    expect(() => renderTemplate('survey-invite', 'en', { reference: 'R1' })).toThrow(TemplateRenderError);
  });

  it('inserts nothing the customer wrote but a cleaned first name', () => {
    for (const locale of LOCALES) {
      for (const id of CUSTOMER_TEMPLATE_IDS) {
        const m = renderTemplate(id, locale, { customerName: 'Ana', reference: 'R1', summary: 'SECRET TEXT', surveyUrl: 'https://x/s' });
        expect(`${m.subject}${m.text}`).not.toContain('SECRET');
        expect(m.text.split('\n')[0]).toBe(locale === 'pt-BR' ? 'Olá, Ana,' : 'Hi Ana,');
      }
    }
    expect(greetingName('click https://evil.example now')).toBeUndefined();
    expect(greetingName('ana@example.com')).toBeUndefined();
    expect(greetingName('José')).toBe('José');
    expect(greetingName('MARIA DA SILVA')).toBe('Maria');
    expect(greetingName("D'Ávila")).toBe("D'Ávila");
    expect(greetingName('   ')).toBeUndefined();
    expect(renderTemplate('question-ack', 'en', { customerName: '<b>1234</b>', reference: 'R1' }).text.startsWith('Hello,')).toBe(true);
  });
});

describe('team templates', () => {
  it('carry the reference, priority, channel and a one-line summary, in the team locale', () => {
    const pt = renderTemplate('team-urgent', 'pt-BR', {
      reference: 'OUV-9',
      priority: 'urgent',
      channel: 'email',
      summary: 'Vou no   Procon\namanhã se não resolverem',
      firstResponseDue: due,
      customerName: 'Ana',
    });
    expect(pt.subject).toBe('[Ouvidor] URGENTE: OUV-9');
    expect(pt.text).toContain('Protocolo: OUV-9\nPrioridade: urgente\nCanal: e-mail\nResumo: Vou no Procon amanhã se não resolverem');
    expect(pt.text).toContain('Primeira resposta até: segunda-feira, 30 de novembro, às 10:00 (America/Sao_Paulo)');
    const en = renderTemplate('team-new-complaint', 'en', { reference: 'OUV-9', priority: 'high', channel: 'social', summary: 'x'.repeat(500) });
    expect(en.subject).toBe('[Ouvidor] New complaint: OUV-9');
    expect(en.text).toContain('Priority: high\nChannel: social media\n');
    const summary = en.text.split('\n').find((l) => l.startsWith('Summary: '));
    expect(summary?.length).toBe('Summary: '.length + 160);
    expect(summary?.endsWith('…')).toBe(true);
  });

  it('SLA warnings and breaches show the deadlines; assignment and kudos name the agent', () => {
    const w = renderTemplate('team-sla-warning', 'en', { reference: 'R1', priority: 'high', channel: 'web', resolutionDue: due });
    expect(w.text).toContain('Resolution due: Monday, November 30, 10:00 AM (America/Sao_Paulo)');
    expect(renderTemplate('team-sla-breach', 'pt-BR', { reference: 'R1' }).text).toContain('Prioridade: não definida\nCanal: não informado\nResumo: (sem texto)');
    expect(renderTemplate('team-assigned', 'pt-BR', { reference: 'R1', agentName: 'João' }).text).toContain('atribuído a João');
    expect(renderTemplate('team-kudos', 'en', { reference: 'R1', agentName: 'John Carter' }).text).toContain('A customer praised John Carter.');
  });

  it('every template renders in both locales with only the reference', () => {
    for (const id of TemplateIdSchema.options) {
      for (const locale of LOCALES) {
        if (id === 'survey-invite') continue;
        const m = renderTemplate(id, locale, { reference: 'R-42' });
        expect(m.subject.length).toBeGreaterThan(0);
        expect(`${m.subject}\n${m.text}`).toContain('R-42');
        expect(m.text).not.toMatch(/\{\w+\}|undefined/);
      }
    }
    expect(TEAM_TEMPLATE_IDS.every((id) => templateAudience(id) === 'team')).toBe(true);
    expect(CUSTOMER_TEMPLATE_IDS.every((id) => templateAudience(id) === 'customer')).toBe(true);
  });

  it('an unknown time zone is a render error', () => {
    expect(() => renderTemplate('complaint-ack', 'en', { reference: 'R1', firstResponseDue: due, timezone: 'Mars/Olympus' })).toThrow(TemplateRenderError);
  });
});
