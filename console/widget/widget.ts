/**
 * Ouvidor feedback widget: one self-contained script, no dependencies.
 *
 *   <script src="https://console.example/widget.js" data-ouvidor-endpoint="https://api.example/v1/feedback"
 *           data-ouvidor-lang="pt-BR" data-ouvidor-rating="nps"></script>
 *
 * Adds a floating button opening an accessible dialog (text, optional e-mail, optional NPS/CSAT score,
 * a hidden honeypot), and posts JSON cross-origin to the endpoint. Everything lives in a shadow root,
 * so the host page's styles do not leak in and ours do not leak out. Text is only ever set as text.
 */

type Lang = 'pt-BR' | 'en';
type RatingType = 'nps' | 'csat';

const TEXT = {
  'pt-BR': {
    open: 'Enviar opinião',
    title: 'Conte-nos o que você acha',
    text: 'Sua mensagem',
    email: 'Seu e-mail (opcional, para respondermos)',
    nps: 'De 0 a 10, qual a chance de você nos recomendar? (opcional)',
    csat: 'De 1 a 5, quanto você está satisfeito? (opcional)',
    send: 'Enviar',
    sending: 'Enviando…',
    cancel: 'Fechar',
    thanks: 'Obrigado! Recebemos a sua mensagem.',
    error: 'Não foi possível enviar: {message}',
    network: 'Não foi possível enviar agora. Verifique a conexão e tente de novo.',
    required: 'Escreva a sua mensagem.',
    website: 'Não preencha este campo',
  },
  en: {
    open: 'Send feedback',
    title: 'Tell us what you think',
    text: 'Your message',
    email: 'Your e-mail (optional, so we can reply)',
    nps: 'From 0 to 10, how likely are you to recommend us? (optional)',
    csat: 'From 1 to 5, how satisfied are you? (optional)',
    send: 'Send',
    sending: 'Sending…',
    cancel: 'Close',
    thanks: 'Thank you! We received your message.',
    error: 'Could not send: {message}',
    network: 'Could not send right now. Check your connection and try again.',
    required: 'Please write your message.',
    website: 'Leave this field empty',
  },
} as const satisfies Record<Lang, Record<string, string>>;

const STYLES = `
:host { all: initial; }
* { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
.launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; background: #0b5cad; color: #fff; border: 0; border-radius: 999px; padding: 12px 18px; font-size: 15px; cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.25); }
.backdrop { position: fixed; inset: 0; z-index: 2147483001; background: rgba(16,42,67,.45); display: flex; align-items: center; justify-content: center; }
.backdrop[hidden] { display: none; }
.dialog { background: #fff; color: #1f2933; width: min(440px, calc(100vw - 24px)); max-height: calc(100vh - 24px); overflow: auto; border-radius: 10px; padding: 18px 20px; font-size: 15px; line-height: 1.4; }
h2 { margin: 0 0 10px; font-size: 18px; }
label, legend { display: block; margin: 10px 0 4px; font-size: 14px; }
textarea, input[type=email] { width: 100%; font: inherit; padding: 8px; border: 1px solid #9aa5b1; border-radius: 6px; color: inherit; background: #fff; }
fieldset { border: 0; padding: 0; margin: 0; }
.scale { display: flex; flex-wrap: wrap; gap: 4px; }
.scale label { margin: 0; display: inline-flex; }
.scale input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.scale span { display: inline-block; min-width: 32px; text-align: center; padding: 5px 6px; border: 1px solid #9aa5b1; border-radius: 6px; cursor: pointer; }
.scale input:checked + span { background: #0b5cad; color: #fff; border-color: #0b5cad; }
.scale input:focus-visible + span { outline: 3px solid #f5a300; outline-offset: 1px; }
.hp { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
.row { display: flex; gap: 8px; justify-content: flex-end; margin-top: 14px; }
button { font: inherit; padding: 7px 14px; border-radius: 6px; border: 1px solid #9aa5b1; background: #fff; color: #1f2933; cursor: pointer; }
button.primary { background: #0b5cad; color: #fff; border-color: #0b5cad; }
button:disabled { opacity: .6; cursor: default; }
:focus-visible { outline: 3px solid #f5a300; outline-offset: 2px; }
.msg { margin: 10px 0 0; min-height: 1em; }
.msg.error { color: #b42318; }
.msg.ok { color: #14532d; font-weight: 600; }
`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function mount(script: HTMLScriptElement | null): void {
  const endpoint = script?.getAttribute('data-ouvidor-endpoint');
  if (!endpoint) {
    console.warn('[ouvidor] data-ouvidor-endpoint is missing on the widget script tag');
    return;
  }
  const langAttr = script?.getAttribute('data-ouvidor-lang') ?? navigator.language ?? 'en';
  const lang: Lang = langAttr.toLowerCase().startsWith('pt') ? 'pt-BR' : 'en';
  const ratingAttr = script?.getAttribute('data-ouvidor-rating');
  const ratingType: RatingType | undefined = ratingAttr === 'nps' || ratingAttr === 'csat' ? ratingAttr : undefined;
  const m = TEXT[lang];
  const uid = `ouvidor-${Math.random().toString(36).slice(2, 8)}`;

  const host = el('div', { 'data-ouvidor-widget': '' });
  const root = host.attachShadow({ mode: 'open' });
  root.appendChild(el('style', {}, STYLES));

  const launcher = el('button', { type: 'button', class: 'launcher', 'aria-haspopup': 'dialog' }, m.open);
  const backdrop = el('div', { class: 'backdrop', hidden: '' });
  const dialog = el('div', { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': `${uid}-title` });
  const form = el('form', { novalidate: '' });
  const title = el('h2', { id: `${uid}-title` }, m.title);

  const textLabel = el('label', { for: `${uid}-text` }, m.text);
  const text = el('textarea', { id: `${uid}-text`, name: 'text', rows: '4', maxlength: '20000', required: '', 'aria-describedby': `${uid}-msg` });
  const emailLabel = el('label', { for: `${uid}-email` }, m.email);
  const email = el('input', { id: `${uid}-email`, name: 'email', type: 'email', autocomplete: 'email', maxlength: '254' });

  // The honeypot: hidden from people (off-screen, out of the tab order, hidden from assistive tech).
  const hp = el('div', { class: 'hp', 'aria-hidden': 'true' });
  hp.append(el('label', { for: `${uid}-website` }, m.website), el('input', { id: `${uid}-website`, name: 'website', type: 'text', tabindex: '-1', autocomplete: 'off' }));

  form.append(title, textLabel, text, emailLabel, email);
  if (ratingType) {
    const fieldset = el('fieldset');
    fieldset.appendChild(el('legend', {}, m[ratingType]));
    const scale = el('div', { class: 'scale' });
    const [min, max] = ratingType === 'nps' ? [0, 10] : [1, 5];
    for (let s = min; s <= max; s++) {
      const label = el('label');
      label.append(el('input', { type: 'radio', name: 'score', value: String(s), 'aria-label': String(s) }), el('span', { 'aria-hidden': 'true' }, String(s)));
      scale.appendChild(label);
    }
    fieldset.appendChild(scale);
    form.appendChild(fieldset);
  }
  form.appendChild(hp);
  const msg = el('p', { id: `${uid}-msg`, class: 'msg', role: 'status', 'aria-live': 'polite' });
  const cancel = el('button', { type: 'button' }, m.cancel);
  const send = el('button', { type: 'submit', class: 'primary' }, m.send);
  const row = el('div', { class: 'row' });
  row.append(cancel, send);
  form.append(msg, row);
  dialog.appendChild(form);
  backdrop.appendChild(dialog);
  root.append(launcher, backdrop);

  // Tab order inside the dialog: fields and buttons (not the honeypot), and one radio of the scale.
  const focusables = (): HTMLElement[] => {
    const radios = Array.from(form.querySelectorAll<HTMLInputElement>('input[name=score]'));
    const tabRadio = radios.find((r) => r.checked) ?? radios[0];
    return Array.from(dialog.querySelectorAll<HTMLElement>('textarea, input, button')).filter(
      (n) => !(n as HTMLButtonElement).disabled && !n.closest('.hp') && (!(n instanceof HTMLInputElement) || n.type !== 'radio' || n === tabRadio),
    );
  };

  const setMessage = (kind: 'ok' | 'error' | '', value: string) => {
    msg.className = `msg ${kind}`;
    msg.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    msg.textContent = value;
  };

  const open = () => {
    backdrop.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    setMessage('', '');
    text.focus();
  };
  const close = () => {
    backdrop.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  };

  launcher.addEventListener('click', open);
  cancel.addEventListener('click', close);
  backdrop.addEventListener('click', (e) => {
    if (e.target === backdrop) close();
  });
  dialog.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
      return;
    }
    if (e.key !== 'Tab') return;
    const list = focusables();
    if (list.length === 0) return;
    const first = list[0]!;
    const last = list[list.length - 1]!;
    const active = root.activeElement as HTMLElement | null;
    if (e.shiftKey && (active === first || !active || !dialog.contains(active))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !active || !dialog.contains(active))) {
      e.preventDefault();
      first.focus();
    }
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = text.value.trim();
    if (!value) {
      setMessage('error', m.required);
      text.focus();
      return;
    }
    const score = form.querySelector<HTMLInputElement>('input[name=score]:checked')?.value;
    const body: Record<string, unknown> = { text: value, language: lang, website: (hp.querySelector('input') as HTMLInputElement).value };
    if (email.value.trim()) body.customer = { email: email.value.trim() };
    if (ratingType && score !== undefined) body.rating = { type: ratingType, score: Number(score) };
    send.disabled = true;
    setMessage('', m.sending);
    try {
      const res = await fetch(endpoint, { method: 'POST', mode: 'cors', credentials: 'omit', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) {
        let detail = `HTTP ${res.status}`;
        try {
          const j = (await res.json()) as { error?: { message?: string } };
          if (j.error?.message) detail = j.error.message;
        } catch {
          // not JSON
        }
        setMessage('error', m.error.replace('{message}', detail));
        return;
      }
      form.reset();
      setMessage('ok', m.thanks);
      cancel.focus();
    } catch {
      setMessage('error', m.network);
    } finally {
      send.disabled = false;
    }
  });

  document.body.appendChild(host);
}

const current = document.currentScript as HTMLScriptElement | null;
if (document.body) mount(current);
else document.addEventListener('DOMContentLoaded', () => mount(current), { once: true });

export {};
