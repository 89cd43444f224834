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
