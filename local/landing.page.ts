import type { IncomingMessage, ServerResponse } from 'node:http';
import { localeFromAcceptLanguage, type Locale } from '../shared/domain/i18n.js';

const TEXT: Record<Locale, Record<string, string>> = {
  'pt-BR': {
    title: 'Ouvidor — plataforma local',
    lead: 'A plataforma está rodando nesta máquina. Envie uma opinião pelo formulário ou pela API.',
    text: 'Sua mensagem',
    email: 'E-mail (opcional)',
    send: 'Enviar',
    api: 'API: POST /v1/feedback (JSON ou formulário), GET /v1/feedback/{id} (com token: npx ouvidor token --role agent --sub voce).',
  },
  en: {
    title: 'Ouvidor — local platform',
    lead: 'The platform is running on this machine. Send feedback with the form or through the API.',
    text: 'Your message',
    email: 'E-mail (optional)',
    send: 'Send',
    api: 'API: POST /v1/feedback (JSON or form), GET /v1/feedback/{id} (with a token: npx ouvidor token --role agent --sub you).',
  },
};

function page(locale: Locale): string {
  const m = TEXT[locale];
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${m.title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f2933}
label{display:block;margin-top:1rem}textarea,input{width:100%;padding:.5rem;font:inherit}button{margin-top:1rem;padding:.5rem 1.5rem;font:inherit}
code{background:#f0f4f8;padding:.1rem .3rem}</style></head>
<body><main><h1>${m.title}</h1><p>${m.lead}</p>
<form method="post" action="/v1/feedback">
<input type="hidden" name="language" value="${locale}">
<label for="text">${m.text}</label><textarea id="text" name="text" rows="5" required maxlength="20000"></textarea>
<label for="email">${m.email}</label><input id="email" name="email" type="email" autocomplete="email">
<button type="submit">${m.send}</button></form>
<p><code>${m.api}</code></p></main></body></html>`;
}

/** `/` (a page with a feedback form) and `/health`; the console replaces `/` later. */
export function landingPage(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (url.pathname === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok' }));
    return true;
  }
  if (url.pathname !== '/') return false;
  const locale = url.searchParams.get('lang')?.startsWith('en') ? 'en' : (localeFromAcceptLanguage(req.headers['accept-language']) ?? 'pt-BR');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'" });
  res.end(req.method === 'HEAD' ? undefined : page(locale));
  return true;
}
