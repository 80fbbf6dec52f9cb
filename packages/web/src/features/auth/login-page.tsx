import { useApp } from '../../app/context';
import { LanguagePicker } from '../../app/language-picker';
import { api } from '../../lib/api';
import { TextField } from '../../ui/fields';
import { Notice } from '../../ui/page';
import { useForm } from '../../ui/use-form';

export function LoginPage() {
  const { t, refreshMe, locale } = useApp();
  const form = useForm({ username: '', password: '' });
  const { values, set } = form;

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const ok = await form.submit(() => api.post('/api/v1/auth/login', values));
    if (ok) {
      // The language picked here becomes the account's language.
      await api.put('/api/v1/auth/me/locale', { locale }).catch(() => undefined);
      await refreshMe();
    }
  };

  return (
    <main id="main" class="login">
      <div class="login-card">
        <div class="login-lang">
          <LanguagePicker />
        </div>
        <p class="brand brand-large">
          <span aria-hidden="true" class="brand-mark">
            ل
          </span>
          {t('app.name')}
        </p>
        <p class="tagline">{t('app.tagline')}</p>
        <h1 tabIndex={-1}>{t('login.title')}</h1>
        {form.formError && <Notice kind="error">{messageFor(form.formErrorCode, form.formError, t)}</Notice>}
        <form onSubmit={onSubmit} noValidate>
          <TextField
            label={t('login.username')}
            value={values.username}
            onInput={set('username')}
            autoComplete="username"
            autoCapitalize="none"
            spellcheck={false}
            dir="ltr"
            required
          />
          <TextField
            label={t('login.password')}
            type="password"
            value={values.password}
            onInput={set('password')}
            autoComplete="current-password"
            dir="ltr"
            required
          />
          <button type="submit" class="primary wide" disabled={form.busy}>
            {t('login.submit')}
          </button>
        </form>
      </div>
    </main>
  );
}

// The server's message is English; the expected failures have their own translations.
function messageFor(code: string | null, message: string, t: ReturnType<typeof useApp>['t']): string {
  if (code === 'too_many_attempts' || code === 'rate_limited') return t('login.throttled');
  if (code === 'invalid_credentials') return t('login.failed');
  return message;
}
