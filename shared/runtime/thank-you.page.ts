import { escapeHtml, localeFromAcceptLanguage, localeOf, t } from '../domain/i18n.js';

export const wantsHtml = (accept: string | undefined): boolean => /\btext\/html\b/i.test(accept ?? '');

/** The small page a plain HTML form gets back, in the customer's language. */
export function thankYouPage(id: string, language: string | undefined, acceptLanguage: string | undefined): string {
  const locale = language ? localeOf(language) : (localeFromAcceptLanguage(acceptLanguage) ?? 'pt-BR');
  const title = escapeHtml(t(locale, 'thanks.title'));
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2933}h1{font-size:1.5rem}</style>
</head><body><main><h1>${title}</h1><p>${escapeHtml(t(locale, 'thanks.body', { id }))}</p>
<p><a href="javascript:history.back()">${escapeHtml(t(locale, 'thanks.back'))}</a></p></main></body></html>`;
}
