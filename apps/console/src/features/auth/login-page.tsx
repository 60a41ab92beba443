import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HttpError } from '../../api/http-client';
import { LanguageSelect } from '../../app/language-select';
import { useAuth } from './auth-context';

export function LoginPage() {
  const { t } = useTranslation();
  const { login, expired } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      await login(email.trim(), password);
    } catch (err) {
      setError(loginErrorText(err, t));
      setSubmitting(false);
    }
  };

  return (
    <main className="login">
      <form className="login__card" onSubmit={submit} noValidate>
        <div className="login__brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>Parley</span>
        </div>
        <h1 className="login__title">{t('login.title')}</h1>
        {expired && !error && (
          <p className="notice" data-testid="login-session-ended">
            {t('login.sessionExpired')}
          </p>
        )}
        <label className="field">
          <span className="field__label">{t('login.email')}</span>
          <input
            data-testid="login-email"
            type="email"
            autoComplete="username"
            autoFocus
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">{t('login.password')}</span>
          <input
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="form-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button
          data-testid="login-submit"
          className="button button--primary button--block"
          type="submit"
          disabled={submitting || !email || !password}
        >
          {submitting ? t('login.submitting') : t('login.submit')}
        </button>
        <div className="login__footer">
          <LanguageSelect />
        </div>
      </form>
    </main>
  );
}

function loginErrorText(err: unknown, t: (key: string) => string): string {
  if (err instanceof HttpError) {
    if (err.statusCode === 401 || err.statusCode === 400) return t('login.invalid');
    if (err.statusCode === 403) return t('login.disabled');
    if (err.statusCode === 429) return t('login.rateLimited');
    if (err.statusCode === 0) return t('errors.network');
    return err.message;
  }
  return t('errors.unexpected');
}
