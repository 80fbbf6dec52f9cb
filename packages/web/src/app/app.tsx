import type { Locale, Me } from '@lawh/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { LoginPage } from '../features/auth/login-page';
import { RequireLearner, TabletProvider } from '../features/tablet/tablet-context';
import { TabletLayout } from '../features/tablet/tablet-layout';
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
  // A tablet syncs in the background (a worker) whenever one of its screens is open.
  const onTablet = path === '/enrol' || path.startsWith('/tablet/') || path === '/tablet';
  useEffect(() => {
    if (onTablet) void import('../tablet/sync-client').then((m) => m.startSync());
  }, [onTablet]);

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

  // A tablet's screens need no server session (they work offline): no waiting for /auth/me.
  const tablet = routes
    .filter((r) => r.tablet)
    .map((r) => ({ r, params: match(r.path, path) }))
    .find((x) => x.params);
  if (tablet) {
    const view = <tablet.r.view {...tablet.params!} />;
    return (
      <Ctx.Provider value={ctx}>
        <TabletProvider>
          <TabletLayout>{tablet.r.learner ? <RequireLearner>{view}</RequireLearner> : view}</TabletLayout>
        </TabletProvider>
      </Ctx.Provider>
    );
  }

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
