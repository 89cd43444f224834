import * as z from 'zod';
import type { Locale } from '../i18n.js';
import { channelName, DEFAULT_TIMEZONE, formatDue, greetingName, oneLine, priorityName, TemplateRenderError } from './message-format.js';

export { DEFAULT_TIMEZONE, TemplateRenderError };

/** Messages to the customer, in their language, on their channel. Nothing they wrote is echoed back but their name. */
export const CUSTOMER_TEMPLATE_IDS = ['complaint-ack', 'praise-thanks', 'suggestion-thanks', 'question-ack', 'survey-invite'] as const;
/** Messages to the team (agents, supervisors): the reference, priority, channel and a one-line summary. */
export const TEAM_TEMPLATE_IDS = [
  'team-new-complaint',
  'team-urgent',
  'team-new-question',
  'team-assigned',
  'team-kudos',
  'team-sla-warning',
  'team-sla-breach',
] as const;

export const TemplateIdSchema = z.enum([...CUSTOMER_TEMPLATE_IDS, ...TEAM_TEMPLATE_IDS]);
export type TemplateId = z.infer<typeof TemplateIdSchema>;

const customerIds: ReadonlySet<string> = new Set(CUSTOMER_TEMPLATE_IDS);
export const templateAudience = (id: TemplateId): 'customer' | 'team' => (customerIds.has(id) ? 'customer' : 'team');

export interface TemplateVars {
  customerName?: string;
  /** The item's protocol / reference number, shown to the customer and the team. */
  reference: string;
  firstResponseDue?: Date;
  resolutionDue?: Date;
  surveyUrl?: string;
  agentName?: string;
  /** Team messages only: what the item says, made one line and cut to 160 characters. */
  summary?: string;
  priority?: string;
  channel?: string;
  /** IANA zone of the service standards; `America/Sao_Paulo` when absent. */
  timezone?: string;
}

export interface RenderedMessage {
  subject: string;
  text: string;
}

interface Ctx {
  vars: TemplateVars;
  locale: Locale;
  greeting: string;
  due: (d: Date | undefined) => string | undefined;
}

type Render = (c: Ctx) => RenderedMessage;

const SIGN = { 'pt-BR': ['Atenciosamente,', 'Equipe de Atendimento'], en: ['Kind regards,', 'The Customer Care team'] } as const;

const customer = (c: Ctx, subject: string, paragraphs: readonly (string | undefined)[]): RenderedMessage => ({
  subject,
  text: [c.greeting, ...paragraphs.filter((p): p is string => p !== undefined), SIGN[c.locale].join('\n')].join('\n\n'),
});

function team(c: Ctx, title: string, headline: string): RenderedMessage {
  const pt = c.locale === 'pt-BR';
  const { vars } = c;
  const fields: [string, string | undefined][] = [
    [pt ? 'Protocolo' : 'Reference', vars.reference],
    [pt ? 'Prioridade' : 'Priority', priorityName(vars.priority, c.locale)],
    [pt ? 'Canal' : 'Channel', channelName(vars.channel, c.locale)],
    [pt ? 'Resumo' : 'Summary', oneLine(vars.summary) ?? (pt ? '(sem texto)' : '(no text)')],
    [pt ? 'Responsável' : 'Agent', vars.agentName],
    [pt ? 'Primeira resposta até' : 'First response due', c.due(vars.firstResponseDue)],
    [pt ? 'Resolução até' : 'Resolution due', c.due(vars.resolutionDue)],
  ];
  const lines = fields.filter((f): f is [string, string] => f[1] !== undefined).map(([k, v]) => `${k}: ${v}`);
  return { subject: `[Ouvidor] ${title}: ${vars.reference}`, text: `${headline}\n\n${lines.join('\n')}\n` };
}

const replyHint = { 'pt-BR': 'Se quiser acrescentar algo, é só responder a esta mensagem.', en: 'If you would like to add anything, just reply to this message.' };

const TEMPLATES: Record<TemplateId, Record<Locale, Render>> = {
  'complaint-ack': {
    'pt-BR': (c) =>
      customer(c, `Recebemos o seu contato (protocolo ${c.vars.reference})`, [
        'Sentimos muito pelo transtorno. A sua mensagem já está com a nossa equipe, que vai cuidar do seu caso pessoalmente.',
        c.vars.firstResponseDue ? `Você terá uma resposta nossa até ${c.due(c.vars.firstResponseDue)}.` : 'Você terá uma resposta nossa o quanto antes.',
        `O seu protocolo é ${c.vars.reference}. ${replyHint['pt-BR']}`,
      ]),
    en: (c) =>
      customer(c, `We have received your message (reference ${c.vars.reference})`, [
        'We are sorry for the trouble. Your message is already with our team, who will look into it personally.',
        c.vars.firstResponseDue ? `You will hear back from us by ${c.due(c.vars.firstResponseDue)}.` : 'You will hear back from us as soon as possible.',
        `Your reference is ${c.vars.reference}. ${replyHint.en}`,
      ]),
  },
  'praise-thanks': {
    'pt-BR': (c) =>
      customer(c, 'Obrigado pelo seu elogio!', [
        `Muito obrigado pelas suas palavras! Ficamos muito felizes com a sua experiência e vamos compartilhar o seu elogio com ${c.vars.agentName ?? 'a equipe'}.`,
        `Protocolo: ${c.vars.reference}.`,
      ]),
    en: (c) =>
      customer(c, 'Thank you for your kind words!', [
        `Thank you so much for your kind words! We are delighted to hear about your experience and will pass your praise on to ${c.vars.agentName ?? 'the team'}.`,
        `Reference: ${c.vars.reference}.`,
      ]),
  },
  'suggestion-thanks': {
    'pt-BR': (c) =>
      customer(c, 'Obrigado pela sua sugestão!', [
        'Obrigado por compartilhar a sua ideia! Ela foi encaminhada à nossa equipe de produto, que avalia todas as sugestões com regularidade.',
        `Nem sempre conseguimos responder a cada sugestão, mas cada uma é lida e faz diferença. Protocolo: ${c.vars.reference}.`,
      ]),
    en: (c) =>
      customer(c, 'Thank you for your suggestion!', [
        'Thank you for sharing your idea! It has been passed on to our product team, who review every suggestion regularly.',
        `We cannot always reply to each one, but every suggestion is read and makes a difference. Reference: ${c.vars.reference}.`,
      ]),
  },
  'question-ack': {
    'pt-BR': (c) =>
      customer(c, `Recebemos a sua pergunta (protocolo ${c.vars.reference})`, [
        'Obrigado por entrar em contato! A sua pergunta já está com a nossa equipe de atendimento.',
        c.vars.firstResponseDue ? `Você terá uma resposta até ${c.due(c.vars.firstResponseDue)}.` : 'Você terá uma resposta o quanto antes.',
        `O seu protocolo é ${c.vars.reference}. ${replyHint['pt-BR']}`,
      ]),
    en: (c) =>
      customer(c, `We received your question (reference ${c.vars.reference})`, [
        'Thank you for getting in touch! Your question is already with our support team.',
        c.vars.firstResponseDue ? `You will get an answer by ${c.due(c.vars.firstResponseDue)}.` : 'You will get an answer as soon as possible.',
        `Your reference is ${c.vars.reference}. ${replyHint.en}`,
      ]),
  },
  'survey-invite': {
    'pt-BR': (c) =>
      customer(c, 'Como foi o seu atendimento?', [
        `O seu atendimento (protocolo ${c.vars.reference}) foi concluído. Você pode nos contar como foi? Leva menos de um minuto:`,
        required(c.vars.surveyUrl, 'surveyUrl', 'survey-invite'),
        'A sua opinião nos ajuda a melhorar. Obrigado!',
      ]),
    en: (c) =>
      customer(c, 'How did we do?', [
        `Your request (reference ${c.vars.reference}) has been resolved. Could you tell us how it went? It takes less than a minute:`,
        required(c.vars.surveyUrl, 'surveyUrl', 'survey-invite'),
        'Your feedback helps us improve. Thank you!',
      ]),
  },
  'team-new-complaint': {
    'pt-BR': (c) => team(c, 'Nova reclamação', 'Chegou uma nova reclamação. O cliente já recebeu a confirmação com o prazo de resposta.'),
    en: (c) => team(c, 'New complaint', 'A new complaint has arrived. The customer has been sent an acknowledgement with the response time.'),
  },
  'team-urgent': {
    'pt-BR': (c) =>
      team(c, 'URGENTE', 'Cliente ameaça cancelar ou recorrer a órgãos de defesa do consumidor ou à Justiça. Responda o quanto antes.'),
    en: (c) => team(c, 'URGENT', 'The customer threatens to cancel or to go to a consumer-protection body or to court. Please respond as soon as possible.'),
  },
  'team-new-question': {
    'pt-BR': (c) => team(c, 'Nova pergunta', 'Chegou uma nova pergunta para a equipe de atendimento.'),
    en: (c) => team(c, 'New question', 'A new question has arrived for the support team.'),
  },
  'team-assigned': {
    'pt-BR': (c) => team(c, 'Atribuído a você', `Este item foi atribuído a ${c.vars.agentName ?? 'você'}.`),
    en: (c) => team(c, 'Assigned to you', `This item has been assigned to ${c.vars.agentName ?? 'you'}.`),
  },
  'team-kudos': {
    'pt-BR': (c) => team(c, 'Elogio recebido', c.vars.agentName ? `Um cliente elogiou ${c.vars.agentName}. Parabéns!` : 'Um cliente elogiou a equipe. Parabéns!'),
    en: (c) => team(c, 'Kudos received', c.vars.agentName ? `A customer praised ${c.vars.agentName}. Well done!` : 'A customer praised the team. Well done!'),
  },
  'team-sla-warning': {
    'pt-BR': (c) => team(c, 'Prazo perto do fim', 'O prazo de atendimento deste item está perto do fim.'),
    en: (c) => team(c, 'SLA due soon', 'The service-level deadline of this item is close.'),
  },
  'team-sla-breach': {
    'pt-BR': (c) => team(c, 'Prazo estourado', 'O prazo de atendimento deste item foi ultrapassado. Priorize-o.'),
    en: (c) => team(c, 'SLA breached', 'The service-level deadline of this item has passed. Please give it priority.'),
  },
};

function required(value: string | undefined, name: string, id: TemplateId): string {
  if (value === undefined || value.trim() === '') throw new TemplateRenderError(`Template '${id}' needs the variable '${name}'.`);
  return value;
}

/** Renders a message as plain text (the email adapter may wrap it in HTML). */
export function renderTemplate(id: TemplateId, locale: Locale, vars: TemplateVars): RenderedMessage {
  const timeZone = vars.timezone ?? DEFAULT_TIMEZONE;
  const isTeam = templateAudience(id) === 'team';
  const name = isTeam ? undefined : greetingName(vars.customerName);
  const greeting = locale === 'pt-BR' ? (name ? `Olá, ${name},` : 'Olá,') : name ? `Hi ${name},` : 'Hello,';
  const due = (d: Date | undefined): string | undefined => (d === undefined ? undefined : formatDue(d, locale, timeZone, isTeam));
  return TEMPLATES[id][locale]({ vars, locale, greeting, due });
}
