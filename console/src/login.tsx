import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, currentSession, saveSession, type Session } from './api';
import { useI18n, type MessageKey } from './i18n';

interface LoginResponse {
  token: string;
  user?: { email?: string; name?: string; role?: string };
}

export function LoginPage({ onLogin, notice }: { onLogin: (s: Session) => void; notice?: MessageKey }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<MessageKey | undefined>();
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const res = await api<LoginResponse>('POST', '/v1/auth/login', { email, password });
      saveSession(res.token, res.user ?? { email });
      const s = currentSession();
      if (s) onLogin(s);
    } catch (err) {
      setError(err instanceof ApiError && (err.status === 401 || err.status === 400 || err.status === 403) ? 'login.failed' : 'login.unavailable');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="login" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      {notice && <p class="notice" role="status">{t(notice)}</p>}
      <form onSubmit={submit}>
        <label for="login-email">{t('login.email')}</label>
        <input id="login-email" ref={first} type="email" autoComplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        <label for="login-password">{t('login.password')}</label>
        <input id="login-password" type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        {error && <p class="error" role="alert">{t(error)}</p>}
        <button type="submit" disabled={busy}>{t('login.submit')}</button>
      </form>
    </section>
  );
}
