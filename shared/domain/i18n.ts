/** User-facing text, in pt-BR and English. */
export type Locale = 'pt-BR' | 'en';

const messages = {
  'thanks.title': { 'pt-BR': 'Obrigado pela sua opinião!', en: 'Thank you for your feedback!' },
  'thanks.body': {
    'pt-BR': 'Recebemos a sua mensagem (protocolo {id}). A nossa equipe vai analisá-la e, se for preciso, entraremos em contato.',
    en: 'We received your message (reference {id}). Our team will review it and get back to you if needed.',
  },
  'thanks.back': { 'pt-BR': 'Voltar', en: 'Back' },
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
