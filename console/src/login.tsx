import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, authKind, cognitoAuth, currentSession, saveCognitoSession, saveSession, type Session } from './api';
import { AuthError, type SignInResult } from './auth';
import { useI18n, type MessageKey } from './i18n';

interface LoginResponse {
  token: string;
  user?: { email?: string; name?: string; role?: string };
}

/** The message for a failed Cognito call: one neutral text for unknown user and wrong password. */
const cognitoMessage = (err: unknown): MessageKey =>
  !(err instanceof AuthError)
    ? 'login.unavailable'
    : err.reason === 'credentials'
      ? 'login.failed'
      : err.reason === 'passwordPolicy'
        ? 'login.passwordPolicy'
        : err.reason === 'expired'
          ? 'login.challengeExpired'
          : 'login.unavailable';

export function LoginPage({ onLogin, notice }: { onLogin: (s: Session) => void; notice?: MessageKey }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [challenge, setChallenge] = useState<{ session: string; username: string } | undefined>();
  const [error, setError] = useState<MessageKey | undefined>();
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const firstNew = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    if (challenge) firstNew.current?.focus();
  }, [challenge]);

  const finish = (result: SignInResult) => {
    if (result.kind === 'newPasswordRequired') {
      setChallenge({ session: result.session, username: result.username });
      setPassword('');
      return;
    }
    saveCognitoSession(result.tokens, { ...result.user, email: result.user.email ?? email });
    const s = currentSession();
    if (s) onLogin(s);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const client = cognitoAuth();
    try {
      if (authKind() === 'cognito' && client) {
        finish(await client.signIn(email, password));
      } else {
        const res = await api<LoginResponse>('POST', '/v1/auth/login', { email, password });
        saveSession(res.token, res.user ?? { email });
        const s = currentSession();
        if (s) onLogin(s);
      }
    } catch (err) {
      if (client) setError(cognitoMessage(err));
      else setError(err instanceof ApiError && (err.status === 401 || err.status === 400 || err.status === 403) ? 'login.failed' : 'login.unavailable');
    } finally {
      setBusy(false);
    }
  };

  const submitNewPassword = async (e: Event) => {
    e.preventDefault();
    const client = cognitoAuth();
    if (!challenge || !client) return;
    setError(undefined);
    if (newPassword !== confirm) {
      setError('login.mismatch');
      return;
    }
    setBusy(true);
    try {
      finish(await client.completeNewPassword(challenge, newPassword));
    } catch (err) {
      const key = cognitoMessage(err);
      // The challenge session lasts a few minutes: start over with the e-mail and the temporary password.
      if (key === 'login.challengeExpired' || key === 'login.failed') setChallenge(undefined);
      setError(key === 'login.failed' ? 'login.challengeExpired' : key);
    } finally {
      setBusy(false);
    }
  };

  if (challenge) {
    return (
      <section class="login" aria-labelledby="login-title">
        <h1 id="login-title">{t('login.newPasswordTitle')}</h1>
        <p>{t('login.newPasswordHint')}</p>
        <form onSubmit={submitNewPassword}>
          <label for="login-new-password">{t('login.newPassword')}</label>
          <input id="login-new-password" ref={firstNew} type="password" autoComplete="new-password" required value={newPassword} onInput={(e) => setNewPassword(e.currentTarget.value)} />
          <label for="login-confirm-password">{t('login.confirmPassword')}</label>
          <input id="login-confirm-password" type="password" autoComplete="new-password" required value={confirm} onInput={(e) => setConfirm(e.currentTarget.value)} />
          {error && <p class="error" role="alert">{t(error)}</p>}
          <button type="submit" disabled={busy}>{t('login.setPassword')}</button>
        </form>
      </section>
    );
  }

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
