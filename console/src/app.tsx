import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { clearSession, currentSession, setUnauthorizedHandler, type Session } from './api';
import { I18nContext, initialLocale, makeI18n, saveLocale, useI18n, type Locale, type MessageKey } from './i18n';
import { useShortcuts } from './keys';
import { DashboardPage } from './dashboard';
import { InboxPage } from './inbox';
import { ItemPage } from './item';
import { LoginPage } from './login';
import { linkClick, navigate, useRoute } from './router';

export function App() {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const i18n = useMemo(() => makeI18n(locale), [locale]);
  const { t } = i18n;
  const route = useRoute();
  const [session, setSession] = useState<Session | undefined>(currentSession);
  const [notice, setNotice] = useState<MessageKey | undefined>();
  const [help, setHelp] = useState(false);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      clearSession();
      setSession(undefined);
      setNotice('error.session');
      navigate('/login', { replace: true });
    });
  }, []);

  useEffect(() => {
    if (!session && route.page !== 'login') {
      rememberNext();
      navigate('/login', { replace: true });
    }
    if (session && route.page === 'login') navigate(takeNext(), { replace: true });
  }, [session, route.page]);

  useShortcuts({ '?': () => setHelp((h) => !h) }, !!session);

  const changeLocale = (l: Locale) => {
    saveLocale(l);
    setLocale(l);
  };

  const logout = () => {
    clearSession();
    setSession(undefined);
    navigate('/login');
  };

  return (
    <I18nContext.Provider value={i18n}>
      <a class="skip" href="#main">{t('app.skip')}</a>
      <header class="top">
        <a class="brand" href="/" onClick={linkClick('/')}>{t('app.title')}</a>
        {session && (
          <nav aria-label={t('nav.inbox')}>
            <a href="/" onClick={linkClick('/')} aria-current={route.page === 'inbox' ? 'page' : undefined}>{t('nav.inbox')}</a>
            <a href="/dashboard" onClick={linkClick('/dashboard')} aria-current={route.page === 'dashboard' ? 'page' : undefined} data-testid="nav-dashboard">{t('nav.dashboard')}</a>
          </nav>
        )}
        <span class="spacer" />
        <label class="lang">
          <span>{t('nav.language')}</span>{' '}
          <select value={locale} onChange={(e) => changeLocale((e.currentTarget as HTMLSelectElement).value as Locale)} data-testid="locale">
            <option value="pt-BR">Português</option>
            <option value="en">English</option>
          </select>
        </label>
        {session && (
          <>
            <button type="button" class="link" onClick={() => setHelp(true)}>{t('nav.help')}</button>
            <span class="who" data-testid="user">{session.user.name ?? session.user.email ?? session.user.sub}</span>
            <button type="button" class="link" onClick={logout}>{t('nav.logout')}</button>
          </>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {route.page === 'login' || !session ? (
          <LoginPage
            notice={notice}
            onLogin={(s) => {
              setNotice(undefined);
              setSession(s);
              navigate(takeNext(), { replace: true });
            }}
          />
        ) : route.page === 'item' ? (
          <ItemPage key={route.id} id={route.id} session={session} />
        ) : route.page === 'dashboard' ? (
          <DashboardPage search={route.search} />
        ) : (
          <InboxPage session={session} />
        )}
      </main>
      {help && <HelpDialog onClose={() => setHelp(false)} />}
    </I18nContext.Provider>
  );
}

const NEXT_KEY = 'ouvidor.next';
/** The page asked for before signing in (a shared dashboard link), to open once signed in. */
const rememberNext = () => {
  if (location.pathname !== '/' && location.pathname !== '/login') sessionStorage.setItem(NEXT_KEY, location.pathname + location.search);
};
const takeNext = (): string => {
  const next = sessionStorage.getItem(NEXT_KEY);
  sessionStorage.removeItem(NEXT_KEY);
  // Same-origin paths only ("//host" would leave the console).
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
};

const SHORTCUTS: [string, MessageKey][] = [
  ['j', 'help.j'],
  ['k', 'help.k'],
  ['Enter', 'help.enter'],
  ['r', 'help.r'],
  ['a', 'help.a'],
  ['e', 'help.e'],
  ['n', 'help.n'],
  ['/', 'help.slash'],
  ['?', 'help.question'],
  ['Esc', 'help.esc'],
];

function HelpDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const close = useRef<HTMLButtonElement>(null);
  const before = useRef<Element | null>(document.activeElement);
  useEffect(() => {
    close.current?.focus();
    const prev = before.current;
    return () => (prev as HTMLElement | null)?.focus?.();
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' || e.key === '?') {
        e.preventDefault();
        e.stopImmediatePropagation();
        onClose();
      }
      if (e.key === 'Tab') {
        e.preventDefault();
        close.current?.focus();
      }
    };
    addEventListener('keydown', onKey, true);
    return () => removeEventListener('keydown', onKey, true);
  }, [onClose]);
  return (
    <div class="backdrop" data-modal-open>
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title">
        <h2 id="help-title">{t('help.title')}</h2>
        <dl class="keys">
          {SHORTCUTS.map(([key, label]) => (
            <div key={key}>
              <dt><kbd>{key}</kbd></dt>
              <dd>{t(label)}</dd>
            </div>
          ))}
        </dl>
        <button type="button" ref={close} onClick={onClose}>{t('help.close')}</button>
      </div>
    </div>
  );
}
