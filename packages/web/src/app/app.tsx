import type { Locale, Me } from '@lawh/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { LoginPage } from '../features/auth/login-page';
import { intlLocale, isRtl, savedLocale, saveLocale, translator } from '../i18n';
import { api, setCsrfToken } from '../lib/api';
import { Spinner } from '../ui/page';
import { type AppContext, Ctx, useApp } from './context';
import { Layout } from './layout';
import { match, useLocation } from './router';
import { routes } from './routes';

export function App() {
  const [locale, setLocaleState] = useState<Locale>(savedLocale);
  const [me, setMe] = useState<Me | null>(null);
  const [checked, setChecked] = useState(false);
  const { path } = useLocation();
  const t = useMemo(() => translator(locale), [locale]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = isRtl(locale) ? 'rtl' : 'ltr';
    document.title = t('app.name');
  }, [locale, t]);

  const refreshMe = async () => {
    try {
      const m = await api.get<Me>('/api/v1/auth/me');
      setCsrfToken(m.csrfToken);
      setMe(m);
    } catch {
      setMe(null);
    } finally {
      setChecked(true);
    }
  };
  useEffect(() => {
    void refreshMe();
  }, []);

  const ctx: AppContext = {
    locale,
    t,
    intl: intlLocale[locale],
    me,
    refreshMe,
    setLocale: (l) => {
      setLocaleState(l);
      saveLocale(l);
      // The choice follows the account to other devices; failure here changes nothing locally.
      if (me) void api.put('/api/v1/auth/me/locale', { locale: l }).catch(() => undefined);
    },
  };

  if (!checked) return <Spinner label={t('app.loading')} />;
  if (!me) {
    return (
      <Ctx.Provider value={ctx}>
        <LoginPage />
      </Ctx.Provider>
    );
  }
  const found = routes
    .filter((r) => r.roles.includes(me.role))
    .map((r) => ({ r, params: match(r.path, path) }))
    .find((x) => x.params);
  return (
    <Ctx.Provider value={ctx}>
      <Layout>{found ? <found.r.view {...found.params!} /> : <NotFound />}</Layout>
    </Ctx.Provider>
  );
}

function NotFound() {
  const { t } = useApp();
  return (
    <section class="page">
      <h1 tabIndex={-1}>{t('app.notFound')}</h1>
      <p>
        <a href="/">{t('app.backHome')}</a>
      </p>
    </section>
  );
}
