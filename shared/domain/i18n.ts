/** User-facing text, in pt-BR and English. */
export type Locale = 'pt-BR' | 'en';

const messages = {
  'thanks.title': { 'pt-BR': 'Obrigado pela sua opinião!', en: 'Thank you for your feedback!' },
  'thanks.body': {
    'pt-BR': 'Recebemos a sua mensagem (protocolo {id}). A nossa equipe vai analisá-la e, se for preciso, entraremos em contato.',
    en: 'We received your message (reference {id}). Our team will review it and get back to you if needed.',
  },
  'thanks.back': { 'pt-BR': 'Voltar', en: 'Back' },
  // Surveys (NPS / CSAT): the question page, the thank-you page with the comment form, errors.
  'survey.title': { 'pt-BR': 'Pesquisa de satisfação', en: 'Satisfaction survey' },
  'survey.question.nps': {
    'pt-BR': 'Numa escala de 0 a 10, qual a probabilidade de você nos recomendar a um amigo ou colega?',
    en: 'On a scale from 0 to 10, how likely are you to recommend us to a friend or colleague?',
  },
  'survey.question.csat': {
    'pt-BR': 'Numa escala de 1 a 5, quanto você ficou satisfeito com o atendimento?',
    en: 'On a scale from 1 to 5, how satisfied are you with the service you received?',
  },
  'survey.scale.nps.low': { 'pt-BR': '0 = nada provável', en: '0 = not at all likely' },
  'survey.scale.nps.high': { 'pt-BR': '10 = extremamente provável', en: '10 = extremely likely' },
  'survey.scale.csat.low': { 'pt-BR': '1 = muito insatisfeito', en: '1 = very dissatisfied' },
  'survey.scale.csat.high': { 'pt-BR': '5 = muito satisfeito', en: '5 = very satisfied' },
  'survey.score.label': { 'pt-BR': 'Nota {score} de {max}', en: 'Score {score} out of {max}' },
  'survey.thanks.title': { 'pt-BR': 'Obrigado pela sua resposta!', en: 'Thank you for your answer!' },
  'survey.thanks.score': { 'pt-BR': 'Registramos a sua nota: {score} de {max}.', en: 'We recorded your score: {score} out of {max}.' },
  'survey.thanks.invite': {
    'pt-BR': 'Se quiser, conte-nos o motivo da sua nota. É opcional.',
    en: 'If you like, tell us the reason for your score. It is optional.',
  },
  'survey.comment.label': { 'pt-BR': 'Comentário (opcional)', en: 'Comment (optional)' },
  'survey.comment.hint': { 'pt-BR': 'Até {max} caracteres.', en: 'Up to {max} characters.' },
  'survey.comment.submit': { 'pt-BR': 'Enviar comentário', en: 'Send comment' },
  'survey.comment.thanks': { 'pt-BR': 'Recebemos o seu comentário. Muito obrigado!', en: 'We received your comment. Thank you very much!' },
  'survey.change': { 'pt-BR': 'Mudou de ideia? Você pode escolher outra nota:', en: 'Changed your mind? You can choose another score:' },
  'survey.expired.title': { 'pt-BR': 'Este link de pesquisa expirou', en: 'This survey link has expired' },
  'survey.expired.body': {
    'pt-BR': 'O prazo para responder a esta pesquisa terminou. Obrigado pelo interesse!',
    en: 'The time to answer this survey is over. Thank you for your interest!',
  },
  'survey.notFound.title': { 'pt-BR': 'Link de pesquisa inválido', en: 'Invalid survey link' },
  'survey.notFound.body': {
    'pt-BR': 'Não encontramos esta pesquisa. Confira se o link foi copiado por inteiro.',
    en: 'We could not find this survey. Please check that the whole link was copied.',
  },
  'survey.invalid.title': { 'pt-BR': 'Não foi possível registrar a resposta', en: 'Your answer could not be recorded' },
  'survey.invalid.score': { 'pt-BR': 'Escolha uma nota de {min} a {max}.', en: 'Please choose a score from {min} to {max}.' },
  'survey.invalid.comment': { 'pt-BR': 'O comentário pode ter no máximo {max} caracteres.', en: 'The comment can be at most {max} characters long.' },
  // The public service standards page (GET /standards).
  'standards.title': { 'pt-BR': 'Padrões de atendimento', en: 'Service standards' },
  'standards.intro': {
    'pt-BR': 'Em quanto tempo prometemos responder e resolver o seu contato, e em quanto tempo temos respondido de fato.',
    en: 'How fast we promise to answer and resolve your contact, and how fast we have actually been answering.',
  },
  'standards.switch': { 'pt-BR': 'Read in English', en: 'Ler em português' },
  'standards.hours.title': { 'pt-BR': 'Horário de atendimento', en: 'Business hours' },
  'standards.hours.timezone': { 'pt-BR': 'Horários no fuso {timezone}.', en: 'Times in the {timezone} time zone.' },
  'standards.holidays.title': { 'pt-BR': 'Próximos feriados (sem atendimento)', en: 'Upcoming holidays (closed)' },
  'standards.holidays.none': { 'pt-BR': 'Nenhum feriado previsto.', en: 'No upcoming holidays listed.' },
  'standards.clocks': {
    'pt-BR': 'Prazos em tempo útil contam só o horário de atendimento; prazos em tempo corrido contam todas as horas, todos os dias.',
    en: 'Business-time promises count business hours only; calendar-time promises count every hour of every day.',
  },
  'standards.actual.title': { 'pt-BR': 'Tempo real de primeira resposta', en: 'Actual first response time' },
  'standards.actual.explain': {
    'pt-BR': 'Mediana dos contatos recebidos nos últimos {days} dias ({from} a {to}): metade deles teve a primeira resposta em até esse tempo.',
    en: 'Median over the contacts received in the last {days} days ({from} to {to}): half of them got their first response within this time.',
  },
  'standards.actual.overall': { 'pt-BR': 'Todos os canais', en: 'All channels' },
  'standards.actual.median': { 'pt-BR': 'Mediana real de primeira resposta: {median}', en: 'Actual median first response: {median}' },
  'standards.actual.responses.one': { 'pt-BR': '1 resposta', en: '1 response' },
  'standards.actual.responses.other': { 'pt-BR': '{count} respostas', en: '{count} responses' },
  'standards.actual.notEnough': {
    'pt-BR': 'Ainda não há dados suficientes (são necessárias pelo menos {min} respostas; até agora, {count}).',
    en: 'Not enough data yet (at least {min} responses are needed; so far, {count}).',
  },
  'standards.actual.met': { 'pt-BR': 'Dentro do prazo de prioridade normal ({promise}).', en: 'Within the normal-priority promise ({promise}).' },
  'standards.actual.notMet': { 'pt-BR': 'Acima do prazo de prioridade normal ({promise}).', en: 'Above the normal-priority promise ({promise}).' },
  'standards.lessThanMinute': { 'pt-BR': 'menos de 1 minuto', en: 'less than 1 minute' },
  'standards.table.caption': { 'pt-BR': 'Prazos prometidos: {channel}', en: 'Promised times: {channel}' },
  'standards.table.priority': { 'pt-BR': 'Prioridade', en: 'Priority' },
  'standards.table.firstResponse': { 'pt-BR': 'Primeira resposta', en: 'First response' },
  'standards.table.resolution': { 'pt-BR': 'Resolução', en: 'Resolution' },
  'standards.priority.urgent': { 'pt-BR': 'Urgente', en: 'Urgent' },
  'standards.priority.high': { 'pt-BR': 'Alta', en: 'High' },
  'standards.priority.normal': { 'pt-BR': 'Normal', en: 'Normal' },
  'standards.priority.low': { 'pt-BR': 'Baixa', en: 'Low' },
  'standards.channel.web': { 'pt-BR': 'Formulário no site', en: 'Website form' },
  'standards.channel.api': { 'pt-BR': 'Aplicativos e integrações', en: 'Apps and integrations' },
  'standards.channel.email': { 'pt-BR': 'E-mail', en: 'Email' },
  'standards.channel.social': { 'pt-BR': 'Redes sociais', en: 'Social media' },
  'standards.channel.phone': { 'pt-BR': 'Telefone', en: 'Phone' },
  'standards.channel.survey': { 'pt-BR': 'Pesquisas de satisfação', en: 'Satisfaction surveys' },
  'standards.updated': { 'pt-BR': 'Atualizado em {time}.', en: 'Last updated {time}.' },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof messages;

/** `pt*` is Portuguese; everything else falls back to English. */
export const localeOf = (language: string | undefined): Locale => (language?.toLowerCase().startsWith('pt') ? 'pt-BR' : 'en');

/** The best locale for an Accept-Language header (first supported language by weight). */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { tag: tag.toLowerCase(), q: Number.isFinite(q) ? q : 0 };
    })
    .sort((a, b) => b.q - a.q);
  const hit = ranked.find((r) => r.tag.startsWith('pt') || r.tag.startsWith('en'));
  return hit ? localeOf(hit.tag) : undefined;
}

export function t(locale: Locale, key: MessageKey, vars: Record<string, string> = {}): string {
  return messages[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? `{${name}}`);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
